-- Every secret of a data-plane credential gets its own PostgreSQL login role on each cluster that
-- hosts a tenant it reaches (docs/admin-api.md, "What PostgreSQL enforces for a credential"):
-- named after the credential's user and the secret's id, with a random password that is never a
-- shared role's, and a member of the tenants' runtime roles (read-only credentials: of their
-- read-only roles).
-- The password is kept sealed here; credential_grants records which tenant's role it was made a
-- member of, on which cluster, so a routing lookup touches the cluster only the first time.

ALTER TABLE credential_secrets ADD COLUMN login_password_sealed text;

CREATE TABLE credential_grants (
    secret_id  bigint NOT NULL REFERENCES credential_secrets (id),
    tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    cluster_id bigint NOT NULL REFERENCES clusters (id),
    PRIMARY KEY (secret_id, tenant_id, cluster_id)
);

CREATE INDEX credential_grants_cluster ON credential_grants (cluster_id, secret_id);
