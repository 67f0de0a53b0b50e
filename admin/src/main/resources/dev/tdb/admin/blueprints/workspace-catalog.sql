-- Blueprint capture in a tenant workspace database, installed by the admin service as the
-- cluster superuser (idempotent). Every DDL command that completes records one row in
-- tdb_catalog.changes inside the command's own transaction, so a rolled-back or failed DDL leaves
-- nothing. The admin service cuts multi-statement query texts into statements with core's
-- splitter when it imports the rows (see docs/blueprints.md).
-- The runtime role owns the database but not this schema, its table or the event triggers, and has
-- no privilege on them: it cannot read, change or disable the record.
SELECT pg_advisory_xact_lock(7340021, 1);
-- The installer's own statements must not be captured when it runs again.
SET LOCAL session_replication_role = replica;

CREATE SCHEMA IF NOT EXISTS tdb_catalog;
REVOKE ALL ON SCHEMA tdb_catalog FROM PUBLIC;

CREATE TABLE IF NOT EXISTS tdb_catalog.changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    query           text        NOT NULL,
    command_tag     text        NOT NULL,
    object_identity text,
    role_name       text        NOT NULL,
    backend_pid     integer     NOT NULL,
    xact            text        NOT NULL,
    captured_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
REVOKE ALL ON tdb_catalog.changes FROM PUBLIC;

-- The sessions running an extension's script in the current transaction (CREATE EXTENSION, ALTER
-- EXTENSION ... UPDATE): the script's own commands belong to the extension, which the extension
-- command recreates where it is deployed, so they are not recorded. Kept here rather than in a
-- setting because the runtime role cannot write it.
CREATE TABLE IF NOT EXISTS tdb_catalog.extension_scripts (
    backend_pid integer NOT NULL,
    xact        text    NOT NULL,
    PRIMARY KEY (backend_pid, xact)
);
REVOKE ALL ON tdb_catalog.extension_scripts FROM PUBLIC;

-- Serializes capturing transactions (held until commit), so ids are handed out in commit order and
-- an importer that has seen id N has seen every committed id below it. The price: a transaction
-- that changed the schema keeps every other session's schema change waiting until it ends, which
-- is why commands on temporary objects neither record nor lock (see docs/admin-api.md).
CREATE OR REPLACE FUNCTION tdb_catalog.record(tag text, identity text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(7340021, 2);
  INSERT INTO tdb_catalog.changes (query, command_tag, object_identity, role_name, backend_pid, xact)
  VALUES (coalesce(current_query(), ''), tag, identity, session_user, pg_backend_pid(),
          pg_current_xact_id()::text);
END
$fn$;

-- True for an object that is no part of a blueprint: one in a temporary schema (event triggers name
-- every session's temporary schema pg_temp), one whose address starts there (a trigger, rule,
-- policy or constraint of a temporary table), or the capture's own.
CREATE OR REPLACE FUNCTION tdb_catalog.unrecorded(schema_name text, address text[], identity text)
RETURNS boolean LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $fn$
  SELECT coalesce(schema_name LIKE 'pg\_temp%' OR address[1] LIKE 'pg\_temp%', false)
      OR schema_name IS NOT DISTINCT FROM 'tdb_catalog' OR identity IS NOT DISTINCT FROM 'tdb_catalog'
$fn$;

CREATE OR REPLACE FUNCTION tdb_catalog.on_extension_start() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  INSERT INTO tdb_catalog.extension_scripts VALUES (pg_backend_pid(), pg_current_xact_id()::text)
  ON CONFLICT DO NOTHING;
END
$fn$;

CREATE OR REPLACE FUNCTION tdb_catalog.on_ddl_command_end() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  recorded bigint;
  identity text;
BEGIN
  -- Drops are recorded by the sql_drop trigger, which sees what was dropped.
  IF tg_tag LIKE 'DROP %' THEN
    RETURN;
  END IF;
  -- An extension command ends after its script, unless it is one of the script's own commands
  -- (ALTER EXTENSION ... ADD), which report only objects in_extension.
  IF tg_tag IN ('CREATE EXTENSION', 'ALTER EXTENSION')
     AND (EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands() c WHERE NOT c.in_extension)
          OR NOT EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands())) THEN
    DELETE FROM tdb_catalog.extension_scripts
     WHERE backend_pid = pg_backend_pid() AND xact = pg_current_xact_id()::text;
  END IF;
  -- Objects without a schema of their own are placed by their address; a command that names no
  -- object (GRANT, REVOKE) cannot be placed and is recorded. The commands of an extension's script
  -- are the extension's: CREATE EXTENSION is recorded, and runs them again where it is deployed.
  SELECT count(*),
         (array_agg(c.object_identity)
            FILTER (WHERE c.command_tag = tg_tag AND c.object_identity IS NOT NULL))[1]
    INTO recorded, identity
    FROM pg_event_trigger_ddl_commands() c
   WHERE NOT tdb_catalog.unrecorded(
           c.schema_name,
           CASE WHEN c.schema_name IS NULL AND c.classid IS NOT NULL
                THEN (pg_identify_object_as_address(c.classid, c.objid, c.objsubid)).object_names
           END,
           c.object_identity)
     AND NOT c.in_extension;
  IF recorded = 0 AND EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()) THEN
    RETURN;
  END IF;
  PERFORM tdb_catalog.record(tg_tag, identity);
END
$fn$;

CREATE OR REPLACE FUNCTION tdb_catalog.on_sql_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  identity text;
BEGIN
  IF tg_tag NOT LIKE 'DROP %' OR EXISTS (
       SELECT 1 FROM tdb_catalog.extension_scripts
        WHERE backend_pid = pg_backend_pid() AND xact = pg_current_xact_id()::text) THEN
    RETURN;
  END IF;
  SELECT d.object_identity INTO identity FROM pg_event_trigger_dropped_objects() d
   WHERE d.original AND NOT d.is_temporary
     AND NOT tdb_catalog.unrecorded(d.schema_name, d.address_names, d.object_identity)
   LIMIT 1;
  IF identity IS NULL THEN
    RETURN;
  END IF;
  PERFORM tdb_catalog.record(tg_tag, identity);
END
$fn$;

REVOKE ALL ON FUNCTION tdb_catalog.record(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION tdb_catalog.unrecorded(text, text[], text) FROM PUBLIC;
REVOKE ALL ON FUNCTION tdb_catalog.on_extension_start() FROM PUBLIC;
REVOKE ALL ON FUNCTION tdb_catalog.on_ddl_command_end() FROM PUBLIC;
REVOKE ALL ON FUNCTION tdb_catalog.on_sql_drop() FROM PUBLIC;

DROP EVENT TRIGGER IF EXISTS tdb_capture_extension;
CREATE EVENT TRIGGER tdb_capture_extension ON ddl_command_start
  WHEN TAG IN ('CREATE EXTENSION', 'ALTER EXTENSION')
  EXECUTE FUNCTION tdb_catalog.on_extension_start();
DROP EVENT TRIGGER IF EXISTS tdb_capture_ddl;
CREATE EVENT TRIGGER tdb_capture_ddl ON ddl_command_end
  EXECUTE FUNCTION tdb_catalog.on_ddl_command_end();
DROP EVENT TRIGGER IF EXISTS tdb_capture_drop;
CREATE EVENT TRIGGER tdb_capture_drop ON sql_drop
  EXECUTE FUNCTION tdb_catalog.on_sql_drop();
