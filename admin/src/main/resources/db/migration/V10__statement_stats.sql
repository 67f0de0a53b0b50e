-- Statement statistics the proxy sends: per logical database, normalized statement (its
-- fingerprint) and five-minute time bucket, merged on insert. The text is normalized: constants are
-- $n placeholders, so no literal reaches this table. Kept as long as the query log.

CREATE TABLE statement_stats (
    logical_name text             NOT NULL,
    fingerprint  bigint           NOT NULL,
    bucket       timestamptz      NOT NULL,
    query        text             NOT NULL,
    calls        bigint           NOT NULL,
    rows         bigint           NOT NULL,
    total_ms     double precision NOT NULL,
    max_ms       double precision NOT NULL,
    errors       bigint           NOT NULL,
    PRIMARY KEY (logical_name, bucket, fingerprint)
);

CREATE INDEX statement_stats_by_time ON statement_stats (bucket);

-- Errors by SQLSTATE of the same statement and bucket.
CREATE TABLE statement_errors (
    logical_name text   NOT NULL,
    fingerprint  bigint NOT NULL,
    bucket       timestamptz NOT NULL,
    sqlstate     text   NOT NULL,
    errors       bigint NOT NULL,
    PRIMARY KEY (logical_name, bucket, fingerprint, sqlstate)
);

CREATE INDEX statement_errors_by_time ON statement_errors (bucket);
