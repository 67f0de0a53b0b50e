-- A schema with every kind of object the schema reader covers, for its round-trip test. It runs
-- on PostgreSQL 15 and newer. Names are chosen so that the alphabetical order of some objects is
-- not their dependency order. A function names a table made after it, as pg_dump allows.
SET check_function_bodies = off;
CREATE EXTENSION citext;
CREATE SCHEMA billing;
CREATE SCHEMA "Odd Schema";

CREATE TYPE status AS ENUM ('new', 'paid', 'it''s void');
CREATE TYPE billing.money_pair AS (amount numeric(12,2), currency char(3) COLLATE "C");
CREATE TYPE billing.a_wrapper AS (inner_pair billing.money_pair, pairs billing.money_pair[]);
CREATE DOMAIN positive_int AS integer DEFAULT 1 NOT NULL
    CONSTRAINT positive_int_check CHECK (VALUE > 0);
CREATE DOMAIN email AS citext CONSTRAINT email_at CHECK (VALUE LIKE '%@%');
CREATE DOMAIN short_code AS text COLLATE "C" CHECK (length(VALUE) < 10);
ALTER DOMAIN short_code ADD CONSTRAINT short_code_upper CHECK (VALUE = upper(VALUE)) NOT VALID;
CREATE DOMAIN a_codes AS short_code[];
CREATE TYPE float_range AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE FUNCTION is_even(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT n % 2 = 0 $$;
CREATE DOMAIN even_int AS integer CONSTRAINT even CHECK (is_even(VALUE));

CREATE SEQUENCE invoice_numbers AS integer START 1000 INCREMENT 10 MAXVALUE 100000 CACHE 5 CYCLE;
CREATE UNLOGGED SEQUENCE scratch_numbers;

CREATE FUNCTION next_code() RETURNS text LANGUAGE sql
    AS $$ SELECT 'C' || nextval('public.invoice_numbers') $$;
CREATE FUNCTION accounts_count() RETURNS bigint LANGUAGE sql
    AS $$ SELECT count(*) FROM public.accounts $$;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE FUNCTION is_positive(n numeric) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT n > 0 $$;
CREATE FUNCTION double_it(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE PROCEDURE billing.close_invoices(cutoff timestamptz) LANGUAGE plpgsql
    AS $$ BEGIN UPDATE billing.invoices SET state = 'paid' WHERE created_at < cutoff; END $$;

CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5) PRIMARY KEY,
    legacy serial,
    email email NOT NULL,
    name text COLLATE "C" NOT NULL DEFAULT '',
    code text DEFAULT next_code(),
    score positive_int,
    name_upper text GENERATED ALWAYS AS (upper(name)) STORED,
    updated_at timestamptz DEFAULT now(),
    CONSTRAINT accounts_email_key UNIQUE (email),
    CONSTRAINT accounts_score_check CHECK (is_positive(score))
) WITH (fillfactor = 90);
CREATE UNIQUE INDEX accounts_code ON accounts (code);
CREATE UNIQUE INDEX accounts_lower_name ON accounts (lower(name)) INCLUDE (email) WHERE legacy > 0;

CREATE TABLE billing.invoices (
    number integer PRIMARY KEY DEFAULT nextval('invoice_numbers'),
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    state status NOT NULL DEFAULT 'new',
    total numeric(12,2) CHECK (total >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    during tstzrange,
    pair billing.money_pair,
    EXCLUDE USING gist (during WITH &&)
);
CREATE TABLE code_refs (code text REFERENCES accounts (code), codes a_codes, pairs even_int);

CREATE TABLE events (
    id bigserial,
    at date NOT NULL,
    account_id bigint,
    payload jsonb,
    PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY RANGE (at);
CREATE TABLE events_2025_h1 PARTITION OF events_2025 FOR VALUES FROM ('2025-01-01') TO ('2025-07-01');
CREATE TABLE events_other PARTITION OF events DEFAULT;
CREATE INDEX events_at ON events (at);
CREATE INDEX events_payload ON events USING gin (payload);
CREATE INDEX events_2024_local ON events_2024 (account_id);
ALTER TABLE events_2024 ALTER COLUMN payload SET DEFAULT '{}';
ALTER TABLE events_2024 ALTER COLUMN account_id SET NOT NULL;
ALTER TABLE events ADD CONSTRAINT events_account FOREIGN KEY (account_id) REFERENCES accounts (id);

CREATE TABLE "Odd Schema"."Mixed Case" (
    "select" integer,
    "two words" text,
    "quo""te" text DEFAULT 'it''s; fine',
    CONSTRAINT "Positive" CHECK ("select" > 0) NO INHERIT
);
CREATE INDEX "Mixed; Index" ON "Odd Schema"."Mixed Case" ("quo""te");
CREATE FUNCTION "Odd Schema"."Shout"(words text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT upper(words) || ';' $$;
CREATE VIEW "Odd Schema"."View ""Q""" AS
    SELECT "Odd Schema"."Shout"("quo""te") AS "Loud" FROM "Odd Schema"."Mixed Case";
COMMENT ON COLUMN "Odd Schema"."Mixed Case"."quo""te" IS E'back\\slash';
CREATE TABLE audit_base (at timestamptz DEFAULT now(), note text);
CREATE TABLE audit_accounts (account_id bigint) INHERITS (audit_base);
ALTER TABLE audit_accounts ALTER COLUMN at DROP DEFAULT;
ALTER TABLE audit_base ADD CONSTRAINT note_short CHECK (length(note) < 500);
CREATE UNLOGGED TABLE cache (key text PRIMARY KEY, value text);

CREATE VIEW z_open AS SELECT number, account_id FROM billing.invoices WHERE state = 'new';
CREATE VIEW a_open_counts AS SELECT account_id, count(*) AS open FROM z_open GROUP BY account_id;
CREATE VIEW accounts_grouped AS SELECT id, email FROM accounts GROUP BY id;
CREATE VIEW checked_accounts WITH (security_barrier) AS
    SELECT id, name, score FROM accounts WHERE score > 1 WITH LOCAL CHECK OPTION;
CREATE MATERIALIZED VIEW billing.totals AS
    SELECT account_id, sum(total) AS total FROM billing.invoices GROUP BY account_id;
CREATE UNIQUE INDEX totals_account ON billing.totals (account_id);
CREATE VIEW b_totals AS SELECT account_id, total FROM billing.totals;

CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW WHEN (OLD.email IS DISTINCT FROM NEW.email) EXECUTE FUNCTION touch();
CREATE TRIGGER events_touch AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER cache_off AFTER INSERT ON cache FOR EACH STATEMENT EXECUTE FUNCTION touch();
ALTER TABLE cache DISABLE TRIGGER cache_off;
CREATE CONSTRAINT TRIGGER invoices_later AFTER INSERT ON billing.invoices
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION touch();

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
ALTER TABLE accounts FORCE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON accounts FOR SELECT USING (name = current_user);
CREATE POLICY not_huge ON accounts AS RESTRICTIVE FOR INSERT WITH CHECK (score < 1000);

COMMENT ON SCHEMA billing IS 'money';
COMMENT ON TABLE accounts IS 'who pays';
COMMENT ON COLUMN accounts.email IS 'it''s the login';
COMMENT ON COLUMN billing.money_pair.currency IS 'ISO 4217';
COMMENT ON TYPE status IS 'invoice state';
COMMENT ON DOMAIN email IS 'an address';
COMMENT ON FUNCTION touch() IS 'keeps updated_at';
COMMENT ON PROCEDURE billing.close_invoices(timestamptz) IS 'closes';
COMMENT ON VIEW z_open IS 'open ones';
COMMENT ON MATERIALIZED VIEW billing.totals IS 'sums';
COMMENT ON INDEX accounts_lower_name IS 'by name';
COMMENT ON SEQUENCE invoice_numbers IS 'numbers';
COMMENT ON CONSTRAINT accounts_email_key ON accounts IS 'one each';
COMMENT ON CONSTRAINT positive_int_check ON DOMAIN positive_int IS 'above zero';
COMMENT ON TRIGGER accounts_touch ON accounts IS 'touches';
COMMENT ON POLICY own_rows ON accounts IS 'mine';
