-- Blueprint versions imported from the workspaces' capture catalogs, tenants' schema versions, and
-- deployments with their per-tenant status.

ALTER TABLE blueprints
    ADD COLUMN imported_through bigint  NOT NULL DEFAULT 0,
    ADD COLUMN deployed_version integer NOT NULL DEFAULT 0;

CREATE TABLE blueprint_changes (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    blueprint_id      bigint      NOT NULL REFERENCES blueprints (id) ON DELETE CASCADE,
    version           integer     NOT NULL CHECK (version > 0),
    source_id         bigint      NOT NULL,
    sql               text        NOT NULL,
    command_tag       text        NOT NULL,
    object_identity   text,
    role_name         text        NOT NULL,
    captured_at       timestamptz NOT NULL,
    non_transactional boolean     NOT NULL,
    skipped           boolean     NOT NULL DEFAULT false,
    UNIQUE (blueprint_id, version)
);

ALTER TABLE tenants ADD COLUMN schema_version integer NOT NULL DEFAULT 0;

CREATE TABLE deployments (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    blueprint_id    bigint      NOT NULL REFERENCES blueprints (id) ON DELETE CASCADE,
    target_version  integer     NOT NULL,
    parallel        integer     NOT NULL CHECK (parallel BETWEEN 1 AND 64),
    stop_on_failure boolean     NOT NULL,
    status          text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    created_by      bigint      REFERENCES accounts (id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);

CREATE INDEX deployments_running ON deployments (id) WHERE status = 'running';
CREATE INDEX deployments_blueprint ON deployments (blueprint_id, id);

CREATE TABLE deployment_tenants (
    deployment_id bigint      NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    tenant_id     bigint      NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    logical_name  text        NOT NULL,
    status        text        NOT NULL
                  CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'skipped')),
    from_version  integer,
    to_version    integer,
    error         text,
    sqlstate      text,
    started_at    timestamptz,
    finished_at   timestamptz,
    PRIMARY KEY (deployment_id, tenant_id)
);
