-- The query log the proxy sends: one row per statement, kept for a configurable number of days.
-- Bind parameters never reach this table; sql is the statement text as the proxy cut it.

CREATE TABLE query_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz      NOT NULL,
    account_user text,
    logical_name text             NOT NULL,
    tenant       text,
    kind         text             NOT NULL,
    duration_ms  double precision NOT NULL,
    rows         bigint,
    sqlstate     text,
    client       text,
    sql          text             NOT NULL,
    received_at  timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX query_events_by_database ON query_events (logical_name, at);
CREATE INDEX query_events_by_time ON query_events (at);
