-- One pgbench transaction of DML on the tdb test tenant's item table (see PgbenchIT):
-- a row that stays, so the test can count transactions, and a row inserted, read, updated
-- and deleted again.
\set qty random(1, 1000000)
BEGIN;
INSERT INTO item (client, name, qty) VALUES ('pgbench', 'kept', :qty);
INSERT INTO item (client, name, qty) VALUES ('pgbench', 'row ' || :qty, :qty);
SELECT name, qty FROM item WHERE client = 'pgbench' AND name = 'row ' || :qty;
UPDATE item SET qty = qty + 1 WHERE client = 'pgbench' AND name = 'row ' || :qty;
DELETE FROM item WHERE client = 'pgbench' AND name = 'row ' || :qty;
END;
