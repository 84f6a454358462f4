import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs `npm run export -- …` as a user would (the script itself, without a server). */
async function exportCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/scripts/export-proof.ts', ...args],
      { timeout: 120_000, env: { ...process.env, FPT_TOKEN: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * `npm run export` with wrong arguments: a clerk-readable message with the
 * usage and exit code 2, never a stack trace; `--year` with `--kind final` is refused, not ignored.
 */
describe('export CLI: wrong arguments', () => {
  it.each([
    [['--kind', 'final', '--year', '2023'], '--year is for interim proofs only'],
    [['--kind', 'interim'], 'An interim proof needs --year YYYY'],
    [['--kind', 'zwischen', '--year', '2023'], '--kind must be final or interim'],
    [['--kind', 'interim', '--year', '2023', '--as-of', '20.11.2026'], '--as-of: '],
    [['--colour'], "Unknown option '--colour'"],
  ])(
    '%j is refused with a one-line message pointing at --help, without a stack trace',
    async (args, message) => {
      const { code, stderr } = await exportCli(args);
      expect(code).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).toContain('(see --help)');
      expect(stderr).not.toMatch(/^\s+at /m);
    },
    150_000,
  );

  it('says so when no service answers, without a stack trace', async () => {
    const { code, stderr } = await exportCli(['--kind', 'final', '--url', 'http://127.0.0.1:9', '--user', 'x', '--password', 'y']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Failed: /);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 150_000);
});
