import pg from 'pg';

/** Names shared by the global setup (which builds the template) and the workers (which copy it). */
export const TEMPLATE_DATABASE = 'fpt_template';
export const SERVER_URL_ENV = 'FPT_TEST_SERVER_URL';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh copy of the migrated, seeded template for this worker (one database per jest worker). */
export async function freshWorkerDatabase(): Promise<string> {
  const serverUrl = process.env[SERVER_URL_ENV];
  if (!serverUrl) throw new Error('The jest global setup did not run (no test database server).');
  const name = `fpt_test_w${process.env.JEST_WORKER_ID ?? '1'}`;
  await withClient(serverUrl, async (client) => {
    await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
    await client.query(`create database ${client.escapeIdentifier(name)} template ${client.escapeIdentifier(TEMPLATE_DATABASE)}`);
  });
  return databaseUrl(serverUrl, name);
}
