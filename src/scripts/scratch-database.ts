import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureDatabase, startEmbeddedPostgres } from '../database/embedded-postgres.js';

/** A throwaway embedded PostgreSQL in a temp folder, for scripts that must not touch real data. */
export async function withScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const parent = await mkdtemp(join(tmpdir(), 'fpt-scratch-'));
  await chmod(parent, 0o755); // the postgres OS user must reach the data folder when we run as root
  const server = await startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: true });
  try {
    await ensureDatabase(server.url, 'scratch');
    return await work(server.urlFor('scratch'));
  } finally {
    await server.stop();
    await rm(parent, { recursive: true, force: true });
  }
}
