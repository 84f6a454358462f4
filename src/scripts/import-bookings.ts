/**
 * `npm run import -- <file> [--format DATEV|CAMT|CSV] [--profile <id>] [--project <file number|id>] [--commit]`
 *
 * Imports a file into a running service as a FINANCE user would: uploads it (POST /imports, with a
 * progress bar of the bytes sent, which the service parses as they arrive), previews it (a bar
 * fed by the `importProgress` query while the preview runs), prints the summary and the first
 * problems with their reasons, and with --commit books the valid rows (again with a bar).
 * Sign-in: --user/--password or a token in FPT_TOKEN; --url (default http://localhost:3000).
 * The format is guessed from the file when not given (.xml: CAMT; a first line starting "EXTF": DATEV).
 */
import { openSync, readSync } from 'node:fs';
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import { uploadFile } from '../imports/upload-client.js';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    user: { type: 'string' },
    password: { type: 'string' },
    project: { type: 'string' },
    format: { type: 'string' },
    profile: { type: 'string' },
    commit: { type: 'boolean', default: false },
    problems: { type: 'string', default: '20' },
  },
});

const file = positionals[0];
if (!file) {
  process.stderr.write(
    'Usage: npm run import -- <file> [--format DATEV|CAMT|CSV] [--profile <id>] [--project <file number|id>] [--commit]\n',
  );
  process.exit(2);
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

function guessFormat(path: string): string {
  if (opts.format) return opts.format.toUpperCase();
  if (path.toLowerCase().endsWith('.xml')) return 'CAMT';
  const buffer = Buffer.alloc(8);
  readSync(openSync(path, 'r'), buffer, 0, 8, 0);
  return buffer
    .toString('latin1')
    .replace(/^\ufeff|"/g, '')
    .startsWith('EXTF')
    ? 'DATEV'
    : 'CSV';
}

/** Runs a mutation while a bar shows the import's progress (polled every 300 ms). */
async function withProgress<T>(token: string, importId: string, label: string, work: Promise<T>): Promise<T> {
  const bar = new cliProgress.SingleBar(
    { format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} rows | {phase}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(1, 0, { phase: 'starting' });
  let done = false;
  const poll = (async () => {
    while (!done) {
      try {
        const { importProgress: p } = await gql<{ importProgress: { phase: string; done: number; total: number | null } }>(
          'query($id: ID!) { importProgress(importId: $id) { phase done total } }',
          { id: importId },
          token,
        );
        bar.setTotal(Math.max(p.total ?? 1, 1));
        bar.update(p.done, { phase: p.phase });
      } catch {
        // the bar just does not move
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  })();
  try {
    return await work;
  } finally {
    done = true;
    await poll;
    bar.stop();
  }
}

const token =
  process.env.FPT_TOKEN ??
  (await (async () => {
    if (!opts.user || !opts.password) throw new Error('Give --user and --password, or a token in FPT_TOKEN.');
    return (
      await gql<{ login: { token: string } }>('mutation($input: LoginInput!) { login(input: $input) { token } }', {
        input: { username: opts.user, password: opts.password },
      })
    ).login.token;
  })());
const projects = (
  await gql<{ projects: { nodes: { id: string; fileNumber: string }[] } }>(
    '{ projects(first: 100) { nodes { id fileNumber } } }',
    {},
    token,
  )
).projects.nodes;
const project = opts.project ? projects.find((p) => p.id === opts.project || p.fileNumber === opts.project) : projects[0];
if (!project) throw new Error(`No visible project ${opts.project ?? ''}.`);
const format = guessFormat(file);

const uploadBar = new cliProgress.SingleBar(
  { format: 'upload     [{bar}] {percentage}% | {value}/{total} bytes', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
uploadBar.start(1, 0);
const uploaded = await uploadFile(opts.url!, token, { projectId: project.id, format, profileId: opts.profile }, file, (sent, total) => {
  uploadBar.setTotal(total);
  uploadBar.update(sent);
});
uploadBar.stop();
if (uploaded.status !== 201) {
  process.stderr.write(`Refused (${uploaded.status} ${uploaded.body.code ?? ''}): ${uploaded.body.message}\n`);
  process.exit(1);
}
const importId = uploaded.body.id as string;
process.stdout.write(
  `Staged ${uploaded.body.rowCount} rows of ${uploaded.body.fileName} (${format}) into ${project.fileNumber}: import ${importId}\n`,
);

const SUMMARY = 'status mappingVersion summary { rows toBook problems duplicates corrections ignored booked corrected amountToBook }';
type Summary = { status: string; mappingVersion: number; summary: Record<string, number | string> };
const preview = await withProgress(
  token,
  importId,
  'preview',
  gql<{ previewImport: Summary }>(`mutation($id: ID!) { previewImport(importId: $id) { ${SUMMARY} } }`, { id: importId }, token),
);
const s = preview.previewImport.summary;
process.stdout.write(
  `Preview (mapping rules v${preview.previewImport.mappingVersion}): ${s.toBook} to book (${s.amountToBook} EUR), ${s.corrections} corrections, ${s.duplicates} duplicates, ${s.ignored} ignored, ${s.problems} with problems\n`,
);
if (Number(s.problems) > 0) {
  const rows = (
    await gql<{ importRows: { line: number; receiptNumber: string | null; reasons: { field: string; message: string }[] }[] }>(
      'query($id: ID!, $first: Int) { importRows(importId: $id, status: PROBLEM, first: $first) { line receiptNumber reasons { field message } } }',
      { id: importId, first: Math.min(Number(opts.problems), 100) },
      token,
    )
  ).importRows;
  for (const row of rows)
    process.stdout.write(
      `  line ${row.line}${row.receiptNumber ? ` (${row.receiptNumber})` : ''}: ${row.reasons.map((r) => r.message).join(' ')}\n`,
    );
}
if (!opts.commit) {
  process.stdout.write(
    'Nothing booked. Run again with --commit, or commit in GraphQL: mutation { commitImport(importId: "' + importId + '") { status } }\n',
  );
  process.exit(0);
}
const committed = await withProgress(
  token,
  importId,
  'commit',
  gql<{ commitImport: Summary }>(`mutation($id: ID!) { commitImport(importId: $id) { ${SUMMARY} } }`, { id: importId }, token),
);
const c = committed.commitImport.summary;
process.stdout.write(
  `Committed: ${c.booked} booked, ${c.corrected} corrected (${c.amountToBook} EUR), ${c.duplicates} duplicates, ${c.ignored} ignored, ${c.problems} not booked (problems)\n`,
);
