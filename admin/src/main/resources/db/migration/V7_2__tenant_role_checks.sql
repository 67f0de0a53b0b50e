-- What the admin service's role check (tenants/RoleChecks) last saw of each tenant's runtime role:
-- when it last looked, and when it last found and repaired drift (a password, attribute or setting
-- the role changed for itself), with what it found. A tenant's row goes with the tenant.
CREATE TABLE tenant_role_checks (
    tenant_id      bigint      PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    checked_at     timestamptz NOT NULL,
    drift_found_at timestamptz,
    drift          text[]      NOT NULL DEFAULT '{}'
);
