// node-postgres (pg): simple and parameterized queries, a named prepared statement, transactions.
import pg from 'pg';
import { DDL, failure, report, tenantUrl } from './scenario.mjs';

const CLIENT = 'pg';
// The URL as tdb up prints it: node-postgres verifies the proxy against the sslrootcert CA.
const client = new pg.Client({ connectionString: tenantUrl() });
await client.connect();
const names = async () =>
  (await client.query('SELECT name FROM item WHERE client = $1 ORDER BY name', [CLIENT])).rows.map(
    (r) => r.name,
  );
const result = { client: CLIENT };
try {
  await client.query('DELETE FROM item WHERE client = $1', [CLIENT]);
  result.inserted = (
    await client.query(
      "INSERT INTO item (client, name, qty) VALUES ($1, 'apple', 1), ($1, 'pear', 2), ($1, 'plum', 3)",
      [CLIENT],
    )
  ).rowCount;
  result.selected = await names();
  result.updated = (
    await client.query("UPDATE item SET qty = qty + 10 WHERE client = $1 AND name = 'pear'", [CLIENT])
  ).rowCount;
  result.deleted = (
    await client.query("DELETE FROM item WHERE client = $1 AND name = 'plum'", [CLIENT])
  ).rowCount;
  const prepared = await client.query({
    name: 'items_above',
    text: 'SELECT name, qty FROM item WHERE client = $1 AND qty > $2 ORDER BY name',
    values: [CLIENT, 5],
  });
  result.prepared = prepared.rows.map((r) => `${r.name}:${r.qty}`);
  await client.query('BEGIN');
  await client.query("INSERT INTO item (client, name, qty) VALUES ($1, 'fig', 4)", [CLIENT]);
  await client.query('ROLLBACK');
  await client.query('BEGIN');
  await client.query("INSERT INTO item (client, name, qty) VALUES ($1, 'kiwi', 5)", [CLIENT]);
  await client.query('COMMIT');
  result.final = await names();
  try {
    await client.query(DDL);
    result.ddl = { sqlstate: null, message: 'DDL was accepted' };
  } catch (error) {
    result.ddl = failure(error);
  }
  result.ddl.usableAfter = (await client.query('SELECT count(*)::int AS n FROM item WHERE client = $1', [CLIENT])).rows[0].n;
  await client.query('DELETE FROM item WHERE client = $1', [CLIENT]);
} finally {
  await client.end();
}
report(result);
