-- The admin service's metadata: accounts and their credentials, the PostgreSQL servers that
-- host databases (clusters), workspaces, blueprints, tenants and the audit log.
-- Every change that a routing entry shows takes a new number from routing_epoch and stores it on
-- the changed rows (and on the owning account, so that a deletion moves the account's table on).

CREATE SEQUENCE routing_epoch;

CREATE TABLE accounts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name      text        NOT NULL UNIQUE CHECK (user_name ~ '^tdb_[0-9a-f]{8}$'),
    scram_verifier text        NOT NULL,
    admin          boolean     NOT NULL DEFAULT false,
    routing_epoch  bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE api_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts (id),
    name       text        NOT NULL,
    key_hash   text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

CREATE INDEX api_keys_account ON api_keys (account_id, id);

CREATE TABLE clusters (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text        NOT NULL UNIQUE,
    host               text        NOT NULL,
    port               integer     NOT NULL CHECK (port BETWEEN 1 AND 65535),
    superuser          text        NOT NULL,
    password_sealed    text        NOT NULL,
    ssl_mode           text        NOT NULL,
    capacity           integer     NOT NULL CHECK (capacity > 0),
    created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workspaces (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text        NOT NULL UNIQUE,
    mode            text        NOT NULL CHECK (mode IN ('control', 'workspace')),
    owner_id        bigint      NOT NULL REFERENCES accounts (id),
    cluster_id      bigint      NOT NULL REFERENCES clusters (id),
    database_name   text        NOT NULL,
    runtime_role    text        NOT NULL,
    password_sealed text        NOT NULL,
    settings        jsonb       NOT NULL,
    epoch           bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX workspaces_owner ON workspaces (owner_id, name);
CREATE INDEX workspaces_cluster ON workspaces (cluster_id);

CREATE TABLE blueprints (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    workspace_id bigint      NOT NULL UNIQUE REFERENCES workspaces (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    blueprint_id    bigint      NOT NULL REFERENCES blueprints (id),
    name            text        NOT NULL,
    logical_name    text        NOT NULL UNIQUE,
    cluster_id      bigint      NOT NULL REFERENCES clusters (id),
    database_name   text        NOT NULL,
    runtime_role    text        NOT NULL,
    password_sealed text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('active', 'suspended', 'deleted')),
    deleted_at      timestamptz,
    epoch           bigint      NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (blueprint_id, name),
    CHECK ((status = 'deleted') = (deleted_at IS NOT NULL))
);

CREATE INDEX tenants_cluster ON tenants (cluster_id);

CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      REFERENCES accounts (id),
    action     text        NOT NULL,
    target     text        NOT NULL,
    details    jsonb       NOT NULL DEFAULT '{}',
    at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_log_account ON audit_log (account_id, id);
