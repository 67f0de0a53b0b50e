-- The schema version of a tenant database, created by the admin service as the cluster superuser
-- (idempotent). The tenant's runtime role has no privilege on it; the admin service then lets the
-- blueprint owner, whose login applies the changes, read and bump the row (Catalogs.installTenant).
-- pending_version marks a change that runs outside a transaction while it runs.
SELECT pg_advisory_xact_lock(7340021, 3);

CREATE SCHEMA IF NOT EXISTS tdb_catalog;
REVOKE ALL ON SCHEMA tdb_catalog FROM PUBLIC;

CREATE TABLE IF NOT EXISTS tdb_catalog.schema_version (
    singleton       boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
    version         integer     NOT NULL,
    pending_version integer,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON tdb_catalog.schema_version FROM PUBLIC;

INSERT INTO tdb_catalog.schema_version (version) VALUES (0) ON CONFLICT DO NOTHING;
