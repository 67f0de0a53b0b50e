-- DDL on a tenant: the proxy refuses it, so pgbench aborts the client (see PgbenchIT).
CREATE TABLE refused_by_tdb (id int);
