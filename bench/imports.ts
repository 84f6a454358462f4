import 'reflect-metadata';

import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus, hostname, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import iconv from 'iconv-lite';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { uploadFile } from '../src/imports/upload-client.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createFundedProject } from '../test/factories/funded-project.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';

/**
 * `npm run bench:imports`: a generated DATEV Buchungsstapel of BENCH_ROWS rows (default 100,000,
 * Windows-1252, about 1 % rows without a mapping rule) uploaded, previewed and committed through
 * HTTP against the service in this process on a scratch embedded PostgreSQL with the demo. Reports
 * the time of each step, the growth of the process's resident memory (sampled every 100 ms), and
 * whether budgetTotalsCheck finds a difference afterwards. Targets: preview < 30 s, commit < 60 s,
 * memory growth < 200 MB. Not part of `npm test`.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const ACCOUNTS: [string, string][] = [
  ['4120', 'A'],
  ['4900', 'B1'],
  ['4210', 'B2'],
  ['4660', 'B3'],
  ['4610', 'B4'],
  ['4650', 'B6'],
];
const PAYEES = [
  'Beratungsgesellschaft Nordlicht mbH',
  'Immobilien Talblick GmbH & Co. KG',
  'Bahnreisen Rhein-Ruhr AG',
  'Kita Sonnenblume e.V.',
  'Druckerei Bergisch Land GmbH',
  'Büromöbel Schäfer GmbH',
];

/** Deterministic PRNG (mulberry32), so every run reads the same file. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (line: string) =>
    out.write(iconv.encode(`${line}\r\n`, 'win1252')) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(
    '"EXTF";700;21;"Buchungsstapel";13;20250110120000000;;"RE";"";"";29098;55003;20240101;4;20240101;20241231;"Benchmark 2024";"BM";1;0;0;"EUR";;"";;;"03";;;"";""',
  );
  await write(
    'Umsatz (ohne Soll/Haben-Kz);Soll/Haben-Kennzeichen;WKZ Umsatz;Konto;Gegenkonto (ohne BU-Schlüssel);Belegdatum;Belegfeld 1;Buchungstext;Beleginfo - Art 1;Beleginfo - Inhalt 1;KOST1 - Kostenstelle',
  );
  const random = prng(2026);
  for (let i = 1; i <= ROWS; i++) {
    const [account] = i % 100 === 0 ? ['4980'] : ACCOUNTS[Math.floor(random() * ACCOUNTS.length)];
    const cents = 1000 + Math.floor(random() * 199_000);
    const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const date = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}`;
    await write(
      `${amount};"S";"EUR";${account};1200;${date};"BM-${String(i).padStart(7, '0')}";"Buchung ${i} Modellprojekt";"Zahlungsempfänger";"${PAYEES[i % PAYEES.length]}";"MP42"`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const cpuText = (c: { node: number; pg: number }) => `${c.node.toFixed(1)} + ${c.pg.toFixed(1)} = ${(c.node + c.pg).toFixed(1)}`;

/** CPU seconds of a PostgreSQL server: the postmaster with its children, live and exited (Linux /proc). */
async function pgCpuSeconds(postmaster: number): Promise<number> {
  const ticks = 100; // USER_HZ on Linux
  const fields = async (pid: string) => (await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ');
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const f = await fields(pid);
      // f[1] is the parent pid; utime, stime, cutime, cstime are f[11..14]
      if (Number(pid) === postmaster) total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === postmaster) total += Number(f[11]) + Number(f[12]);
    } catch {
      // the process has gone meanwhile
    }
  }
  return total / ticks;
}

const dir = await mkdtemp(join(tmpdir(), 'fpt-bench-imports-'));
const file = join(dir, `datev-bench-${ROWS}.csv`);
try {
  let t0 = performance.now();
  await generate(file);
  const generated = (performance.now() - t0) / 1000;
  const bytes = (await stat(file)).size;
  await withScratchDatabase(async (url) => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', IMPORT_MAX_FILE_MB: '500' });
    const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
    const orm: MikroORM = app.get(MikroORM);
    await prepareDatabase(orm, { seedDemo: true });
    const plan = Object.fromEntries(ACCOUNTS.map(([, code]) => [code, '900000000.00']));
    const project = await createFundedProject(orm, { plan: { 2024: plan } });
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, any>; errors?: { message: string }[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!;
    };
    const token = (
      await gql('mutation($input: LoginInput!) { login(input: $input) { token } }', {
        input: { username: project.finance, password: TEST_PASSWORD },
      })
    ).login.token as string;
    await gql(
      'mutation($input: SetMappingRulesInput!) { setMappingRules(input: $input) { version } }',
      {
        input: {
          projectId: project.projectId,
          rules: ACCOUNTS.map(([account, code]) => ({ account, action: 'BOOK', costCategoryCode: code })),
        },
      },
      token,
    );

    global.gc?.();
    const rssBase = process.memoryUsage().rss;
    let rssPeak = rssBase;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    // RSS only grows until V8 gives pages back, so it overstates what the import keeps. With
    // --expose-gc (the npm script sets it) a second sampler collects first and records the live
    // heap plus buffers: the memory the import actually holds at that moment.
    const live = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.external;
    };
    const liveBase = live();
    let livePeak = liveBase;
    const liveSampler = global.gc
      ? setInterval(() => {
          global.gc!();
          livePeak = Math.max(livePeak, live());
        }, 1000)
      : undefined;
    const loadBefore = loadavg();

    const [{ pid }] = await orm.em.fork().execute<{ pid: number }[]>('select pg_backend_pid() as pid');
    const postmaster = Number((await readFile(`/proc/${pid}/stat`, 'utf8')).replace(/^.*\) /, '').split(' ')[1]);
    const cpu: Record<string, { node: number; pg: number }> = {};
    const measure = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
      const node = process.cpuUsage();
      const pg = await pgCpuSeconds(postmaster);
      const result = await work();
      const used = process.cpuUsage(node);
      cpu[step] = { node: (used.user + used.system) / 1e6, pg: (await pgCpuSeconds(postmaster)) - pg };
      return result;
    };
    t0 = performance.now();
    const uploaded = await measure('upload', () => uploadFile(base, token, { projectId: project.projectId, format: 'DATEV' }, file));
    if (uploaded.status !== 201) throw new Error(JSON.stringify(uploaded.body));
    const uploadSeconds = (performance.now() - t0) / 1000;
    const id = uploaded.body.id as string;
    const SUMMARY = 'summary { rows toBook problems duplicates booked amountToBook }';
    t0 = performance.now();
    const preview = (
      await measure('preview', () => gql(`mutation($id: ID!) { previewImport(importId: $id) { ${SUMMARY} } }`, { id }, token))
    ).previewImport.summary;
    const previewSeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const commit = (await measure('commit', () => gql(`mutation($id: ID!) { commitImport(importId: $id) { ${SUMMARY} } }`, { id }, token)))
      .commitImport.summary;
    const commitSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    clearInterval(liveSampler);
    const loadAfter = loadavg();
    const differences = (
      await gql('query($p: ID!) { budgetTotalsCheck(projectId: $p) { differences { fiscalYear field } } }', { p: project.projectId }, token)
    ).budgetTotalsCheck.differences as unknown[];
    const [ledger] = await orm.em
      .fork()
      .execute<{ n: string; sum: string }[]>(
        'select count(*) as n, coalesce(sum(eligible_amount), 0)::text as sum from expenditure where project_id = ?',
        [project.projectId],
      );

    const lines = [
      `# Import benchmark (${new Date().toISOString().slice(0, 10)}, ${hostname()})`,
      '',
      `${cpus().length} CPUs; load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (the machine is shared: other engineers' test runs may have run meanwhile).`,
      '',
      `File: DATEV Buchungsstapel, ${ROWS.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB, Windows-1252 (generated in ${generated.toFixed(1)} s).`,
      '',
      '| step | wall seconds | CPU seconds: service (Node) + PostgreSQL | target (wall) |',
      '|---|---|---|---|',
      `| upload + parse + staging | ${uploadSeconds.toFixed(1)} | ${cpuText(cpu.upload)} | |`,
      `| preview | ${previewSeconds.toFixed(1)} | ${cpuText(cpu.preview)} | < 30 |`,
      `| commit | ${commitSeconds.toFixed(1)} | ${cpuText(cpu.commit)} | < 60 |`,
      '',
      'On a shared machine the wall time includes waiting for the CPU; the CPU seconds are the work itself (Node and the PostgreSQL server mostly take turns, so on an otherwise idle 2-core machine the wall time is close to their sum).',
      '',
      `Preview: ${JSON.stringify(preview)}`,
      `Commit: ${JSON.stringify(commit)}`,
      `Ledger of the project afterwards: ${ledger.n} rows, eligible sum ${ledger.sum} EUR.`,
      `budgetTotalsCheck differences: ${differences.length}.`,
      `Resident memory of the process (service and bench client): ${(rssBase / 1e6).toFixed(0)} MB before, peak ${(rssPeak / 1e6).toFixed(0)} MB: growth ${((rssPeak - rssBase) / 1e6).toFixed(0)} MB (heap the collector has not yet returned included).`,
      liveSampler
        ? `Live memory (V8 heap in use plus buffers, after a collection, sampled every second): ${(liveBase / 1e6).toFixed(0)} MB before, peak ${(livePeak / 1e6).toFixed(0)} MB: growth ${((livePeak - liveBase) / 1e6).toFixed(0)} MB (target < 200 MB).`
        : 'Live memory: not measured (run with node --expose-gc, as `npm run bench:imports` does).',
    ];
    console.log(lines.join('\n'));
    if (process.env.BENCH_OUT !== '-')
      await writeFile(
        process.env.BENCH_OUT ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${hostname()}-imports-${ROWS}.md`,
        `${lines.join('\n')}\n`,
      );
    await app.close();
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
