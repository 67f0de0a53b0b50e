-- A hard delete that started and has not finished: the tenant is kept (deleted, refusing
-- connections) until its database and role are gone, so a retry knows to finish it, and settings
-- changes and deployments leave it out instead of failing on a database that no longer exists.
ALTER TABLE tenants ADD COLUMN dropping_since timestamptz;
ALTER TABLE tenants ADD CONSTRAINT tenants_dropping_is_deleted
    CHECK (dropping_since IS NULL OR status = 'deleted');
