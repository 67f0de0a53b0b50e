-- Data-plane credentials: a user and secret an application puts in its database URL. They reach
-- the tenant databases of one blueprint (all of them, or the listed tenants) through the proxy
-- and the driver, and nothing else: never a workspace and never the admin REST API. A secret is
-- kept only as a SCRAM verifier; a rotation adds a secret and gives the previous ones an expiry,
-- so both work during the overlap. Read-only credentials reach a tenant as its read-only role,
-- made on first use and recorded in tenant_read_roles. API keys get a scope.

CREATE TABLE credentials (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id   bigint      NOT NULL REFERENCES accounts (id),
    blueprint_id bigint      NOT NULL REFERENCES blueprints (id),
    user_name    text        NOT NULL UNIQUE CHECK (user_name ~ '^tdbc_[0-9a-f]{12}$'),
    name         text        NOT NULL,
    read_only    boolean     NOT NULL,
    all_tenants  boolean     NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz
);

CREATE INDEX credentials_account ON credentials (account_id, id);

CREATE TABLE credential_tenants (
    credential_id bigint NOT NULL REFERENCES credentials (id),
    tenant_id     bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    PRIMARY KEY (credential_id, tenant_id)
);

CREATE TABLE credential_secrets (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    credential_id  bigint      NOT NULL REFERENCES credentials (id),
    scram_verifier text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz
);

CREATE INDEX credential_secrets_credential ON credential_secrets (credential_id, id);

CREATE TABLE tenant_read_roles (
    tenant_id       bigint PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
    role            text   NOT NULL,
    password_sealed text   NOT NULL
);

-- API keys get a scope (docs/admin-api.md, "Scopes"). A key keeps what it could do so far: the
-- scope of its account's role.
ALTER TABLE api_keys
    ADD COLUMN scope text NOT NULL DEFAULT 'member'
        CHECK (scope IN ('admin', 'member', 'read-only', 'routing'));

UPDATE api_keys k SET scope = 'admin' FROM accounts a WHERE a.id = k.account_id AND a.admin;

ALTER TABLE api_keys ALTER COLUMN scope DROP DEFAULT;
