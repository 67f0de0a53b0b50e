// The scenario every Node client runs against a tenant through the proxy, and how it reports.
// NodeClientsIT reads the JSON line printed by report() and asserts on it.

/** The refused statement: DDL on a tenant database. */
export const DDL = 'CREATE TABLE refused_by_tdb (id int)';

/** The proxy's URL for the tenant, from the environment. */
export function tenantUrl() {
  const url = process.env.TDB_TENANT_URL;
  if (!url) {
    throw new Error('TDB_TENANT_URL is not set');
  }
  return url;
}

/** What a client error says: SQLSTATE and message, as the driver exposes them. */
export function failure(error) {
  const cause = error.original ?? error;
  return { sqlstate: cause.code ?? null, message: cause.message };
}

/** Prints the result as one JSON line on stdout. */
export function report(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}
