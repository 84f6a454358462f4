import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'funding_tracker';

/**
 * DATABASE_URL when given; otherwise an embedded PostgreSQL with its data in a project folder.
 * `embeddedFlags` are server settings for an embedded server only (e.g. ['-c', 'max_wal_size=8GB']).
 */
export async function openDatabase(
  config: AppConfig,
  log: (message: string) => void,
  warn: (message: string) => void = log,
  { embeddedFlags }: { embeddedFlags?: string[] } = {},
): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dir: config.embeddedPg.dir,
    port: config.embeddedPg.port,
    log,
    warn,
    extraFlags: embeddedFlags,
  });
  await ensureDatabase(server.url, EMBEDDED_DATABASE);
  return { url: server.urlFor(EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
}
