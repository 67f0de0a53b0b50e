-- Template databases: one per blueprint and cluster that holds its tenants, kept at the released
-- version so a new tenant is a copy of it instead of a replay of every change. The row says which
-- version the template last reached and, when its last upgrade failed, why. Deployments may start
-- with a canary slice of their tenants.

CREATE TABLE blueprint_templates (
    blueprint_id  bigint      NOT NULL REFERENCES blueprints (id) ON DELETE CASCADE,
    cluster_id    bigint      NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    version       integer     NOT NULL DEFAULT 0,
    deployment_id bigint      REFERENCES deployments (id) ON DELETE SET NULL,
    error         text,
    sqlstate      text,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blueprint_id, cluster_id)
);

ALTER TABLE deployments ADD COLUMN canary integer CHECK (canary > 0);
