-- Which admin server runs each deployment: a lease its owner (one process's instance id) renews
-- every few seconds with the metadata server's clock. A running deployment whose lease expired, or
-- never had one, is claimed by any admin server with one UPDATE and resumed there; the owner's
-- writes to the deployment's rows check that it still holds the lease in the same transaction.
ALTER TABLE deployments
    ADD COLUMN lease_owner      text,
    ADD COLUMN lease_renewed_at timestamptz,
    ADD COLUMN lease_expires_at timestamptz;

CREATE INDEX deployments_running_leases ON deployments (lease_expires_at) WHERE status = 'running';
