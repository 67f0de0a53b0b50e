// node-postgres (pg) with the URL exactly as `tdb up` prints it: no option added, so the proxy's
// certificate must verify against the CA the URL names (sslrootcert) for the host it names.
import pg from 'pg';
import { report, tenantUrl } from './scenario.mjs';

const client = new pg.Client({ connectionString: tenantUrl() });
await client.connect();
try {
  const socket = client.connection.stream;
  const { answer } = (await client.query('SELECT 40 + 2 AS answer')).rows[0];
  report({
    client: 'pg',
    answer,
    authorized: socket.authorized,
    issuer: socket.getPeerCertificate().issuer.CN,
  });
} finally {
  await client.end();
}
