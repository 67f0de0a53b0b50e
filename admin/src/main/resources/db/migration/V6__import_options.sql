-- What an import was asked to do, so that `tdb workspaces import-resume` can run its failed and
-- pending tenants again with the same options. The source's password is sealed like every stored
-- password; options never hold it.

ALTER TABLE imports
    ADD COLUMN options         jsonb,
    ADD COLUMN password_sealed text,
    ADD COLUMN shared_copied   boolean NOT NULL DEFAULT false;
