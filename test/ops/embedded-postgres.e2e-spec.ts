import { chmod, mkdtemp, readlink, rm } from 'node:fs/promises';
import { lstatSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import { startEmbeddedPostgres, type RunningDatabase } from '../../src/database/embedded-postgres.js';

/** The embedded PostgreSQL as operators start it: its own folder, not the suite's shared server. */
async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 as one')).rows[0].one as number;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('refuses a second start on the same data folder with one line and leaves the first one running', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'fpt-lock-'));
    await chmod(parent, 0o755);
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const first = await startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: true });
    cleanups.push(() => first.stop());

    let second: RunningDatabase | undefined;
    const attempt = startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: true }).then((db) => (second = db));
    await expect(attempt).rejects.toThrow(
      /^The embedded PostgreSQL data folder .*pg is in use by another running instance \(process \d+\)/,
    );
    if (second) cleanups.push(() => second!.stop());

    expect(await selectOne(first.url)).toBe(1);
  });

  it('takes over the folder after its owner is gone (stale lock from a kill -9)', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'fpt-lock-'));
    await chmod(parent, 0o755);
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(parent, 'pg.lock'), '999999999 1\n');
    const db = await startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: true });
    cleanups.push(() => db.stop());
    expect(await selectOne(db.url)).toBe(1);
  });

  (userInfo().uid === 0 ? it : it.skip)('runs as root from a private (0700) folder and keeps its data across restarts', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'fpt-private-'));
    await chmod(parent, 0o700);
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const dir = join(parent, 'checkout', '.data', 'postgres');

    const first = await startEmbeddedPostgres({ dir, fastUnsafe: true });
    if (lstatSync(dir).isSymbolicLink()) {
      const target = await readlink(dir);
      cleanups.push(() => rm(target, { recursive: true, force: true }));
    }
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('create table kept (note text)');
    await client.query(`insert into kept values ('still here')`);
    await client.end();
    await first.stop();

    const again = await startEmbeddedPostgres({ dir, fastUnsafe: true });
    cleanups.push(() => again.stop());
    const reader = new pg.Client({ connectionString: again.url });
    await reader.connect();
    try {
      expect((await reader.query('select note from kept')).rows).toEqual([{ note: 'still here' }]);
    } finally {
      await reader.end();
    }
  });
});
