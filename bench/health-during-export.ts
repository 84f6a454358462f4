/**
 * Event-loop stall bench: /health and a small GraphQL query are polled one after another
 * while the demo's final proof XLSX is downloaded (built) again and again, and before that without
 * export, for comparison. Prints p50/p99/max per phase and the machine load.
 *
 *   npm run bench:stall -- [--url http://localhost:3000] [--seconds 20] [--as-of 2026-11-20]
 *
 * Without --url it starts the service itself (from src, demo data, a temporary embedded database).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { graphqlClient } from './support/graphql-client.js';

const { values } = parseArgs({
  options: { url: { type: 'string' }, seconds: { type: 'string', default: '20' }, 'as-of': { type: 'string', default: '2026-11-20' } },
});
const seconds = Number(values.seconds);
let url = values.url;
let stopService = async () => undefined as void;
if (!url) {
  const dir = await mkdtemp(join(tmpdir(), 'fpt-stall-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), EMBEDDED_PG_DIR: join(dir, 'pg'), LOG_LEVEL: 'warn', ENV_FILE: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  url = `http://127.0.0.1:${port}`;
  stopService = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error('The service did not start.');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const client = graphqlClient(`${url}/graphql`);
const token = await client.login('finance');
const projectId = (await client.post({ query: '{ projects { nodes { id } } }' }, token)).projects.nodes[0].id as string;
const xlsxUrl = `${url}/exports/projects/${projectId}/final-proof/verwendungsnachweis.xlsx?asOf=${values['as-of']}`;

async function timed(request: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return performance.now() - started;
}

const health = () => fetch(`${url}/health`);
const small = () =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { username } }' }),
  });

/** Polls both probes back to back for the given time; returns their latencies. */
async function poll(ms: number): Promise<{ health: number[]; query: number[] }> {
  const result = { health: [] as number[], query: [] as number[] };
  const end = performance.now() + ms;
  while (performance.now() < end) {
    result.health.push(await timed(health));
    result.query.push(await timed(small));
    await new Promise((r) => setTimeout(r, 10));
  }
  return result;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const line = (name: string, xs: number[]) =>
  `${name.padEnd(22)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`;

try {
  await timed(() => fetch(xlsxUrl, { headers: { authorization: `Bearer ${token}` } })); // warm-up
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const idle = await poll(seconds * 500);
  let exporting = true;
  const exports: number[] = [];
  const exporter = (async () => {
    while (exporting) exports.push(await timed(() => fetch(xlsxUrl, { headers: { authorization: `Bearer ${token}` } })));
  })();
  const busy = await poll(seconds * 1000);
  exporting = false;
  await exporter;
  console.log(line('idle /health', idle.health));
  console.log(line('idle { me }', idle.query));
  console.log(line('export /health', busy.health));
  console.log(line('export { me }', busy.query));
  console.log(line('final proof XLSX', exports));
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await stopService();
}
