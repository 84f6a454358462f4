import { execFile } from 'node:child_process';

import { createTestApp, type TestApp } from '../setup/test-app.js';

/** The scripts as an operator runs them: wrong arguments give one line and exit code 2. */
function script(file: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', `src/scripts/${file}`, ...args],
      { env: { ...process.env, NODE_ENV: 'test', FPT_TOKEN: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, out: stdout, err: stderr }),
    );
  });
}

const oneLine = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter((l) => !/ExperimentalWarning|--trace-warnings/.test(l));

describe('CLI arguments', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const identities = async () =>
    Number((await t.orm.em.fork().getConnection().execute('select count(*)::int as n from participant_identity'))[0].n);

  it('participants:erase-expired refuses a bad date, an unknown flag and a future date with one line, exit 2', async () => {
    const env = { DATABASE_URL: t.databaseUrl };
    const [badDate, unknownFlag, future] = await Promise.all([
      script('erase-expired-participants.ts', ['2026-13-45'], env),
      script('erase-expired-participants.ts', ['--dryrun'], env),
      script('erase-expired-participants.ts', ['2999-01-01', '--yes'], env),
    ]);
    expect(badDate.code).toBe(2);
    expect(oneLine(badDate.err)).toEqual([expect.stringMatching(/"2026-13-45" is not a calendar date/)]);
    expect(unknownFlag.code).toBe(2);
    expect(oneLine(unknownFlag.err)).toEqual([expect.stringMatching(/--dryrun/)]);
    expect(future.code).toBe(2);
    expect(oneLine(future.err)).toEqual([expect.stringMatching(/2999-01-01 lies in the future/)]);
    expect(await identities()).toBeGreaterThan(0);
  });

  it('participants:erase-expired --dry-run counts, and without --yes (no terminal) nothing is erased', async () => {
    const before = await identities();
    const [{ n: due }] = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from participant where retain_until < current_date and identity_erased_at is null`);
    expect(due).toBeGreaterThan(0); // the demo data holds expired retention periods
    const env = { DATABASE_URL: t.databaseUrl };
    const dry = await script('erase-expired-participants.ts', ['--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.out.trim().split('\n').at(-1)!)).toMatchObject({ event: 'erase_expired_dry_run', due });
    const unconfirmed = await script('erase-expired-participants.ts', [], env);
    expect(unconfirmed.code).toBe(2);
    expect(oneLine(unconfirmed.err)).toEqual([expect.stringMatching(new RegExp(`Nothing erased: ${due} identities are due.*--yes`))]);
    expect(await identities()).toBe(before);
    const help = await script('erase-expired-participants.ts', ['--help'], env);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--dry-run/);
  });

  it('export refuses wrong arguments before any request, exit 2', async () => {
    const [kind, interim, asOf] = await Promise.all([
      script('export-proof.ts', ['--kind', 'monthly', '--user', 'a', '--password', 'b']),
      script('export-proof.ts', ['--kind', 'interim', '--user', 'a', '--password', 'b']),
      script('export-proof.ts', ['--as-of', 'yesterday', '--user', 'a', '--password', 'b']),
    ]);
    expect([kind.code, interim.code, asOf.code]).toEqual([2, 2, 2]);
    expect(oneLine(kind.err)).toEqual([expect.stringMatching(/--kind must be final or interim/)]);
    expect(oneLine(interim.err)).toEqual([expect.stringMatching(/needs --year/)]);
    expect(oneLine(asOf.err)).toEqual([expect.stringMatching(/--as-of: "yesterday" is not a date/)]);
  });
});
