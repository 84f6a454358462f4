/**
 * `npm run export -- --kind interim --year 2023 --as-of 2026-11-20 [--project MP-…|<id>] [--out exports] [--receipts]`
 *
 * Fetches every file of a proof from a running service, with the same access rules as the
 * playground: signs in (--user/--password, or a token in FPT_TOKEN), asks GraphQL `proofExport` for
 * the file list, downloads each file with a progress bar, and checks each against its SHA-256.
 * --receipts additionally streams the receipt list (large lists: a byte counter instead of a total).
 * Options: --url (default http://localhost:3000).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

import cliProgress from 'cli-progress';

import { parseLocalDate } from '../common/dates/local-date.js';
import { parseCli, runCli, UsageError } from './cli.js';

const USAGE = `Downloads every file of a proof from a running service and checks each SHA-256.

  npm run export -- [--kind final|interim] [--year YYYY (interim)] [--as-of YYYY-MM-DD]
                    [--project <file number or id>] [--out exports] [--receipts]
                    [--url http://localhost:3000] [--user <name> --password <password>]

Signs in with --user/--password, or uses a token in FPT_TOKEN.`;

const parsed = (() => {
  try {
    return parseCli(USAGE, {
      url: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      project: { type: 'string' },
      kind: { type: 'string' },
      year: { type: 'string' },
      'as-of': { type: 'string' },
      out: { type: 'string' },
      receipts: { type: 'boolean' },
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message} (see --help)\n`);
    process.exit(2);
  }
})();
const opts = { url: 'http://localhost:3000', kind: 'final', out: 'exports', receipts: false, ...parsed };

/** Argument checks before any request: one line, exit code 2. */
function checkArguments(): void {
  if (!['final', 'interim'].includes(opts.kind.toLowerCase())) throw new UsageError(`--kind must be final or interim, not "${opts.kind}".`);
  if (opts.kind.toLowerCase() === 'interim' && !/^\d{4}$/.test(opts.year ?? ''))
    throw new UsageError('An interim proof needs --year YYYY.');
  if (opts.kind.toLowerCase() === 'final' && opts.year) throw new UsageError('--year is for interim proofs only.');
  if (opts['as-of']) {
    try {
      parseLocalDate(opts['as-of']);
    } catch (error) {
      throw new UsageError(`--as-of: ${(error as Error).message}`);
    }
  }
  try {
    if (!/^https?:$/.test(new URL(opts.url).protocol)) throw new Error();
  } catch {
    throw new UsageError(`--url must be an http(s) URL, not "${opts.url}".`);
  }
  if (!process.env.FPT_TOKEN && (!opts.user || !opts.password))
    throw new UsageError('Give --user and --password, or a token in FPT_TOKEN.');
}

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(`${opts.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data!;
}

async function signIn(): Promise<string> {
  if (process.env.FPT_TOKEN) return process.env.FPT_TOKEN;
  if (!opts.user || !opts.password) throw new Error('Give --user and --password, or a token in FPT_TOKEN.');
  const data = await gql<{ login: { token: string } }>('mutation($input: LoginInput!) { login(input: $input) { token } }', {
    input: { username: opts.user, password: opts.password },
  });
  return data.login.token;
}

async function projectId(token: string): Promise<string> {
  const data = await gql<{ projects: { nodes: { id: string; fileNumber: string }[] } }>(
    '{ projects(first: 100) { nodes { id fileNumber } } }',
    {},
    token,
  );
  const match = opts.project
    ? data.projects.nodes.find((p) => p.id === opts.project || p.fileNumber === opts.project)
    : data.projects.nodes[0];
  if (!match) throw new Error(`No visible project ${opts.project ?? ''}.`);
  return match.id;
}

/** Streams one download to disk, feeding the bar; returns the SHA-256 of what was written. */
async function download(token: string, path: string, target: string, onBytes: (n: number) => void): Promise<string> {
  const response = await fetch(`${opts.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok || !response.body) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  const hash = createHash('sha256');
  const file = createWriteStream(target);
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    if (!file.write(chunk)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
    onBytes(chunk.length);
  }
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { frozen files { name bytes sha256 url } problems { code message } } }`;

runCli(async () => {
  checkArguments();
  const token = await signIn();
  const id = await projectId(token);
  const kind = opts.kind!.toUpperCase();
  const fiscalYear = kind === 'INTERIM' ? Number(opts.year) : null;
  const asOf = opts['as-of'] ?? null;
  process.stdout.write(
    `Generating ${kind === 'INTERIM' ? `the interim proof ${fiscalYear}` : 'the final proof'}${asOf ? ` as of ${asOf}` : ''} …\n`,
  );
  const { proofExport } = await gql<{
    proofExport: {
      frozen: boolean;
      files: { name: string; bytes: number; sha256: string; url: string }[];
      problems: { code: string; message: string }[] | null;
    };
  }>(EXPORT, { projectId: id, kind, fiscalYear, asOf }, token);
  await mkdir(opts.out!, { recursive: true });
  const bars = new cliProgress.MultiBar({ hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  const filesBar = bars.create(proofExport.files.length, 0, { name: '' }, { format: ' {bar} {value}/{total} files | {name}' });
  const bytesBar = bars.create(
    proofExport.files.reduce((s, f) => s + f.bytes, 0),
    0,
    {},
    { format: ' {bar} {percentage}% | {value}/{total} bytes' },
  );
  // create() leaves the total at its default when bar options are given; set it explicitly
  filesBar.setTotal(proofExport.files.length);
  bytesBar.setTotal(proofExport.files.reduce((s, f) => s + f.bytes, 0));
  const mismatches: string[] = [];
  for (const [index, file] of proofExport.files.entries()) {
    filesBar.update(index, { name: file.name });
    const sha = await download(token, file.url, join(opts.out!, file.name), (n) => bytesBar.increment(n));
    if (sha !== file.sha256) mismatches.push(file.name);
    filesBar.update(index + 1, { name: file.name });
  }
  if (opts.receipts) {
    const path = `/exports/projects/${id}/receipts.csv?${new URLSearchParams({ ...(fiscalYear ? { fiscalYear: String(fiscalYear) } : {}), ...(asOf ? { asOf } : {}) })}`;
    const streamBar = bars.create(0, 0, {}, { format: ' {value} bytes streamed | receipt list' });
    await download(
      token,
      path,
      join(opts.out!, `${kind === 'INTERIM' ? `zwischennachweis-${fiscalYear}` : 'verwendungsnachweis'}-belegliste-stream.csv`),
      (n) => streamBar.increment(n),
    );
  }
  bars.stop();
  process.stdout.write(
    `${proofExport.files.length} files in ${opts.out}${proofExport.frozen ? ' (frozen at submission)' : ''}; SHA-256 ${mismatches.length ? `MISMATCH: ${mismatches.join(', ')}` : 'checked'}.\n`,
  );
  if (proofExport.problems?.length)
    process.stdout.write(`Pre-flight: ${proofExport.problems.length} problems (see the Vorprüfung part).\n`);
  return mismatches.length ? 1 : 0;
});
