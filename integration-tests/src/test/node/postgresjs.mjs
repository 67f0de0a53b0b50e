// postgres.js: tagged-template queries as named prepared statements, pipelined on one
// connection (several queries in flight before the first answer), and sql.begin transactions.
import postgres from 'postgres';
import { DDL, failure, report, tenantUrl } from './scenario.mjs';

const CLIENT = 'postgresjs';
// One connection, so concurrent queries are pipelined on it rather than spread over a pool.
// postgres.js reads sslmode=require as encrypted, certificate not verified; it sends sslrootcert
// on as a startup parameter, which the proxy drops.
const sql = postgres(tenantUrl(), { max: 1, onnotice: () => {} });
const names = async () =>
  (await sql`SELECT name FROM item WHERE client = ${CLIENT} ORDER BY name`).map((r) => r.name);
const result = { client: CLIENT };
try {
  await sql`DELETE FROM item WHERE client = ${CLIENT}`;
  // Three inserts in flight at once.
  const inserts = await Promise.all(
    [
      ['apple', 1],
      ['pear', 2],
      ['plum', 3],
    ].map(([name, qty]) => sql`INSERT INTO item (client, name, qty) VALUES (${CLIENT}, ${name}, ${qty})`),
  );
  result.inserted = inserts.reduce((sum, r) => sum + r.count, 0);
  result.selected = await names();
  const [updated, deleted] = await Promise.all([
    sql`UPDATE item SET qty = qty + 10 WHERE client = ${CLIENT} AND name = 'pear'`,
    sql`DELETE FROM item WHERE client = ${CLIENT} AND name = 'plum'`,
  ]);
  result.updated = updated.count;
  result.deleted = deleted.count;
  const prepared = await sql`SELECT name, qty FROM item WHERE client = ${CLIENT} AND qty > ${5} ORDER BY name`;
  result.prepared = prepared.map((r) => `${r.name}:${r.qty}`);
  await sql
    .begin(async (tx) => {
      await tx`INSERT INTO item (client, name, qty) VALUES (${CLIENT}, 'fig', 4)`;
      throw new Error('roll back');
    })
    .catch(() => {});
  await sql.begin(async (tx) => {
    await tx`INSERT INTO item (client, name, qty) VALUES (${CLIENT}, 'kiwi', 5)`;
  });
  result.final = await names();
  // The refused DDL sits between two queries of one pipeline: both neighbours must still answer.
  const [before, ddl, after] = await Promise.allSettled([
    sql`SELECT 1 AS n`,
    sql.unsafe(DDL),
    sql`SELECT count(*)::int AS n FROM item WHERE client = ${CLIENT}`,
  ]);
  result.ddl =
    ddl.status === 'rejected' ? failure(ddl.reason) : { sqlstate: null, message: 'DDL was accepted' };
  result.ddl.pipelineNeighbours = [before, after].map((s) => (s.status === 'fulfilled' ? s.value[0].n : s.reason.message));
  result.ddl.usableAfter = (await sql`SELECT count(*)::int AS n FROM item WHERE client = ${CLIENT}`)[0].n;
  await sql`DELETE FROM item WHERE client = ${CLIENT}`;
} finally {
  await sql.end();
}
report(result);
