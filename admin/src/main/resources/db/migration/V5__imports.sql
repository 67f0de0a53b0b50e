-- Imports of a shared database into a blueprint's tenants, with each tenant's status, so that
-- `tdb workspaces import-status` shows progress and a failed tenant can be imported again.

CREATE TABLE imports (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id      bigint      NOT NULL REFERENCES accounts (id),
    workspace     text        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN ('full', 'data')),
    source        text        NOT NULL,
    routing_field text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    phase         text        NOT NULL,
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);

CREATE INDEX imports_owner ON imports (owner_id, id);

CREATE TABLE import_tenants (
    import_id     bigint      NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    tenant        text        NOT NULL,
    routing_value text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
    rows_expected bigint      NOT NULL,
    rows_copied   bigint      NOT NULL DEFAULT 0,
    error         text,
    finished_at   timestamptz,
    PRIMARY KEY (import_id, tenant)
);
