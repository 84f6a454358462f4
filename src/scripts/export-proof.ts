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
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

const USAGE = `Usage: npm run export -- --kind interim --year 2023 [--as-of YYYY-MM-DD] [--project MP-…|<id>] [--out exports] [--receipts]
       npm run export -- --kind final [--as-of YYYY-MM-DD] …
Sign in with --user and --password, or a token in FPT_TOKEN; --url (default http://localhost:3000).`;

/** A wrong argument or a refusal by the service: a message and the usage, never a stack trace. */
class UsageError extends Error {}

function fail(message: string, code: number): never {
  process.stderr.write(`export: ${message}\n${code === 2 ? `${USAGE}\n` : ''}`);
  process.exit(code);
}

process.on('uncaughtException', (error) => fail(error instanceof Error ? error.message : String(error), error instanceof UsageError ? 2 : 1));
process.on('unhandledRejection', (error) => fail(error instanceof Error ? error.message : String(error), error instanceof UsageError ? 2 : 1));

let parsed: ReturnType<typeof parseOptions>;
try {
  parsed = parseOptions();
} catch (error) {
  fail((error as Error).message, 2);
}
const opts = parsed.values;

function parseOptions() {
  return parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    user: { type: 'string' },
    password: { type: 'string' },
    project: { type: 'string' },
    kind: { type: 'string', default: 'final' },
    year: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string', default: 'exports' },
    receipts: { type: 'boolean', default: false },
  },
  });
}

/** Checks the combination of arguments before anything is sent. */
function checkOptions(): { kind: 'INTERIM' | 'FINAL'; fiscalYear: number | null; asOf: string | null } {
  const kind = opts.kind!.toUpperCase();
  if (kind !== 'INTERIM' && kind !== 'FINAL') throw new UsageError(`--kind must be "interim" or "final", not "${opts.kind}".`);
  if (kind === 'FINAL' && opts.year !== undefined) throw new UsageError('--year belongs to an interim proof; the final proof covers the whole approval period. Leave --year out.');
  if (kind === 'INTERIM' && (opts.year === undefined || !/^\d{4}$/.test(opts.year))) throw new UsageError('An interim proof needs its fiscal year: --year 2023.');
  const asOf = opts['as-of'] ?? null;
  if (asOf !== null && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOf}".`);
  return { kind, fiscalYear: kind === 'INTERIM' ? Number(opts.year) : null, asOf };
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
  if (!opts.user || !opts.password) throw new UsageError('Give --user and --password, or a token in FPT_TOKEN.');
  const data = await gql<{ login: { token: string } }>('mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { username: opts.user, password: opts.password } });
  return data.login.token;
}

async function projectId(token: string): Promise<string> {
  const data = await gql<{ projects: { nodes: { id: string; fileNumber: string }[] } }>('{ projects(first: 100) { nodes { id fileNumber } } }', {}, token);
  const match = opts.project ? data.projects.nodes.find((p) => p.id === opts.project || p.fileNumber === opts.project) : data.projects.nodes[0];
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

let checked: ReturnType<typeof checkOptions>;
try {
  checked = checkOptions();
} catch (error) {
  fail((error as Error).message, 2);
}
const { kind, fiscalYear, asOf } = checked;
const token = await signIn();
const id = await projectId(token);
process.stdout.write(`Generating ${kind === 'INTERIM' ? `the interim proof ${fiscalYear}` : 'the final proof'}${asOf ? ` as of ${asOf}` : ''} …\n`);
const { proofExport } = await gql<{ proofExport: { frozen: boolean; files: { name: string; bytes: number; sha256: string; url: string }[]; problems: { code: string; message: string }[] | null } }>(
  EXPORT,
  { projectId: id, kind, fiscalYear, asOf },
  token,
);
await mkdir(opts.out!, { recursive: true });
const bars = new cliProgress.MultiBar({ hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
const filesBar = bars.create(proofExport.files.length, 0, { name: '' }, { format: ' {bar} {value}/{total} files | {name}' });
const bytesBar = bars.create(proofExport.files.reduce((s, f) => s + f.bytes, 0), 0, {}, { format: ' {bar} {percentage}% | {value}/{total} bytes' });
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
  await download(token, path, join(opts.out!, `${kind === 'INTERIM' ? `zwischennachweis-${fiscalYear}` : 'verwendungsnachweis'}-belegliste-stream.csv`), (n) => streamBar.increment(n));
}
bars.stop();
process.stdout.write(`${proofExport.files.length} files in ${opts.out}${proofExport.frozen ? ' (frozen at submission)' : ''}; SHA-256 ${mismatches.length ? `MISMATCH: ${mismatches.join(', ')}` : 'checked'}.\n`);
if (proofExport.problems?.length) process.stdout.write(`Pre-flight: ${proofExport.problems.length} problems (see the Vorprüfung part).\n`);
if (mismatches.length) process.exit(1);
