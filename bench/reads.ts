import 'reflect-metadata';

import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { execFile, execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

import { AppModule } from '../src/app.module.js';
import { Role } from '../src/auth/role.enum.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createUser } from '../test/factories/users.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';
import { alternating, percentile, type LoadResult } from './scale/open-loop.js';
import { keepAlivePost } from './support/graphql-client.js';
import { cpuSince, cpuSnapshot, type CpuSnapshot } from './support/machine-cpu.js';

/**
 * `npm run bench:reads`: each key read through GraphQL against the very SQL it sends replayed
 * through `pg` (the physical limit for this schema), on a scratch database with the demo data.
 *
 * - saturation: BENCH_CONNECTIONS (8) keep-alive connections in a closed loop, the two paths
 *   taking turns in slices of BENCH_SLICE s (2) for BENCH_SECONDS s (10) each, so both meet the
 *   same machine load; req/s and the ratio to raw.
 * - fixed rate: 20 req/s, alternating second by second for BENCH_RATE_SECONDS (10) each; p50/p95/p99.
 *
 * A third path takes its turn in the saturation slices and the fixed-rate turns: "bare HTTP", the
 * same statements behind a bare node:http server (`bareServer`): the bound for any Node HTTP service
 * on this machine, for throughput and for the p50 ratio alike.
 *
 * In the saturation slices the HTTP client runs in a worker thread (bench/reads-driver.mjs): its
 * work is the users', not the service's, but it still shares the two cores. BENCH_DRIVER=inline
 * runs it on the service's thread instead (how the issue's first figures were taken);
 * BENCH_DRIVER=wrk runs wrk (Debian package `wrk`, a C load generator) in its own process. "Node CPU
 * ms/request" is the service thread's CPU time per answered request (process.threadCpuUsage; with
 * an inline driver the driver's share is in it), a figure that moves much less with other
 * machines' load than req/s does. The raw path replays on the same thread. Writes
 * bench/results/<date>-reads-<BENCH_LABEL or "run">.md. Not part of npm test; never an assertion.
 *
 * BENCH_PROFILE=<folder>: after a read's figures, BENCH_SECONDS more of the service path alone under
 * the CPU profiler, written as <folder>/<read>.cpuprofile (for bench/profile-summary.mjs). Unlike
 * `node --cpu-prof`, the profile holds no start-up, seeding or raw-path work.
 * BENCH_SHOW_SQL=1 prints the statements each read sends.
 * BENCH_REALTIME=1 (root only) runs the main thread, which serves all three paths, under SCHED_FIFO
 * (`chrt`), so it never waits for a CPU behind PostgreSQL's backends or the driver: an experiment
 * that shows what that wait costs each path, not a way to deploy the service.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SLICE = Number(process.env.BENCH_SLICE ?? 2);
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const RATE = 20;
const LABEL = process.env.BENCH_LABEL ?? 'run';
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
const PROFILE = process.env.BENCH_PROFILE;
const DRIVER = process.env.BENCH_DRIVER ?? 'worker';
const INLINE_DRIVER = DRIVER === 'inline';
const WRK_DRIVER = DRIVER === 'wrk';
const REALTIME = process.env.BENCH_REALTIME === '1';

interface Read {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  check(data: any): void;
}

await withScratchDatabase(async (url) => {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', SEED_DEMO: 'false', PLAYGROUND: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm = app.get<MikroORM>(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const db = new pg.Pool({ connectionString: url, max: config.dbPoolMax });
  db.on('error', () => undefined);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const bare = await bareServer(db);
  const driver = new Worker(new URL('./reads-driver.mjs', import.meta.url));
  // The pid is the main thread's id; chrt without -a leaves the other threads as they are.
  if (REALTIME) execFileSync('chrt', ['-f', '-p', '1', String(process.pid)]);
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };

  let capture: string[] | null = null;
  const logger = orm.config.getLogger();
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (context) => {
    capture?.push(
      context.params?.length ? orm.em.getPlatform().formatQuery(context.query ?? '', context.params as unknown[]) : (context.query ?? ''),
    );
    original(context);
  };

  const post = keepAlivePost(agent, port);

  try {
    const project = (await db.query<{ id: string }>('select id from project order by file_number limit 1')).rows[0];
    // The ledger filter with the most rows on the demo project, so the page is full.
    const filter = (
      await db.query<{ fiscal_year: number; cost_category_id: string; n: number }>(
        'select fiscal_year, cost_category_id, count(*)::int as n from expenditure where project_id = $1 group by 1, 2 order by 3 desc limit 1',
        [project.id],
      )
    ).rows[0];
    const username = `bench-reads-${Date.now()}`;
    await createUser(orm, { username, grants: [Role.FINANCE, Role.CASE_WORKER].map((role) => ({ role, projectId: project.id })) });
    const token = (await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username, password: TEST_PASSWORD } }))
      .login.token as string;

    const reads = (
      [
        {
          name: '{ __typename } (framework floor)',
          query: '{ __typename }',
          variables: {},
          check: (d: any) => void expect(d.__typename === 'Query', '__typename'),
        },
        {
          name: 'ledger page of 50 (fiscal year + category)',
          query: `query($p: ID!, $y: Int, $c: ID, $first: Int) { expenditures(projectId: $p, fiscalYear: $y, costCategoryId: $c, first: $first) { totalCount nodes { id receiptNumber paymentDate payee grossAmount eligibleAmount status } pageInfo { hasNextPage endCursor } } }`,
          variables: { p: project.id, y: filter.fiscal_year, c: filter.cost_category_id, first: 50 },
          check: (d: any) =>
            void expect(
              d.expenditures.nodes.length === Math.min(50, filter.n) && d.expenditures.totalCount === filter.n,
              'ledger page size',
            ),
        },
        {
          name: 'ledger page of 50, more fields',
          query: `query($p: ID!, $y: Int, $c: ID, $first: Int) { expenditures(projectId: $p, fiscalYear: $y, costCategoryId: $c, first: $first) { totalCount edges { cursor node { id kind receiptNumber revision invoiceDate paymentDate fiscalYear payee purpose costCategoryId costCategoryCode grossAmount ineligibleAmount eligibleAmount reversalOfId reversedById status statusComment createdAt } } pageInfo { hasNextPage endCursor } } }`,
          variables: { p: project.id, y: filter.fiscal_year, c: filter.cost_category_id, first: 50 },
          check: (d: any) => void expect(d.expenditures.edges.length === Math.min(50, filter.n), 'ledger page size'),
        },
        {
          name: 'participant page of 50 + participations',
          query: `query($p: ID!, $first: Int) { participants(projectId: $p, first: $first) { totalCount nodes { id pseudonym status entryDate track participations { startDate endDate measure { title } } } pageInfo { hasNextPage endCursor } } }`,
          variables: { p: project.id, first: 50 },
          check: (d: any) => void expect(d.participants.nodes.length === 50, 'participant page size'),
        },
        {
          name: 'budget overview (demo project)',
          query: `query($p: ID!) { budgetOverview(projectId: $p) { projectId status years { fiscalYear lines { costCategory { code } planned spent available status } total { planned spent available } } total { planned drawn spent committed available deviation status } burnRate { overallPerMonth } forecast { spentAtEnd } } }`,
          variables: { p: project.id },
          check: (d: any) => void expect(d.budgetOverview.projectId === project.id, 'overview project'),
        },
      ] as Read[]
    ).filter((r) => !ONLY || ONLY.test(r.name));

    say(`# Reads against raw SQL (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${LABEL})`);
    say('');
    say(
      `Machine: ${cpus().length} cores (${cpus()[0].model}), Node ${process.version}, pool ${config.dbPoolMax}; demo data, service, HTTP driver and pg replay in one process. Load average at start ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
    );
    say(
      `Saturation: ${CONNECTIONS} keep-alive connections, closed loop, ${INLINE_DRIVER ? 'HTTP client on the service thread' : WRK_DRIVER ? 'HTTP client wrk (C, its own process)' : 'HTTP client in a worker thread'}, GraphQL and raw taking turns in ${SLICE} s slices, ${SECONDS} s each. Fixed rate: ${RATE} req/s, turns of 1 s, ${RATE_SECONDS} s each. Raw = the statements the service sent for that request, replayed through pg on one pooled client.`,
    );
    say('');
    say(
      '| read | SQL stmts | service req/s | raw req/s | ratio | bare HTTP req/s / ratio / CPU ms | Node CPU ms/request service / raw (of it kernel) | service p50 / p95 / p99 ms @20/s | raw p50 / p95 / p99 ms @20/s | p50 ratio | bare HTTP p50 ms @20/s / ratio to raw |',
    );
    say('|---|---|---|---|---|---|---|---|---|---|---|');

    const breakdown: string[] = [];
    for (const read of reads) {
      read.check(await post(read.query, read.variables, token));
      capture = [];
      await post(read.query, read.variables, token);
      const statements = capture;
      if (process.env.BENCH_SHOW_SQL) console.log(statements.join(';\n'));
      capture = null;
      const graph = async () => void (await post(read.query, read.variables, token));
      const body = JSON.stringify({ query: read.query, variables: read.variables });
      const httpLoop = (target: number, seconds: number) =>
        INLINE_DRIVER
          ? closedLoop(target === port ? graph : async () => void (await postTo(agent, target, body, token)), CONNECTIONS, seconds)
          : WRK_DRIVER
            ? wrkLoop({ port: target, token, body, connections: CONNECTIONS, seconds })
            : driverLoop(driver, { port: target, token, body, connections: CONNECTIONS, seconds });
      const graphLoop = (seconds: number) => httpLoop(port, seconds);
      bare.statements = statements;
      const raw =
        statements.length === 0
          ? undefined
          : async () => {
              const client = await db.connect();
              try {
                for (const sql of statements) await client.query(sql);
              } finally {
                client.release();
              }
            };
      await graphLoop(2); // warm-up
      if (raw) await closedLoop(raw, CONNECTIONS, 1);
      if (raw) await httpLoop(bare.port, 1);
      const sat = { graph: emptyTotal(), bare: emptyTotal(), raw: emptyTotal() };
      for (let t = 0; t < SECONDS; t += SLICE) {
        add(sat.graph, await accounted(() => graphLoop(SLICE)));
        if (raw) {
          add(sat.bare, await accounted(() => httpLoop(bare.port, SLICE)));
          add(sat.raw, await accounted(() => closedLoop(raw, CONNECTIONS, SLICE)));
        }
      }
      breakdown.push(...cpuRows(read.name, sat, Boolean(raw)));
      if (PROFILE) await profiled(read.name, () => graphLoop(SECONDS));
      const bareOnce = async () => postTo(agent, bare.port, body, token);
      const [fixedGraph, fixedRaw, fixedBare] = await alternating(
        RATE,
        RATE_SECONDS,
        raw ? [graph, raw, bareOnce] : [graph, async () => undefined],
      );
      const gRate = sat.graph.done / sat.graph.seconds;
      const rRate = raw ? sat.raw.done / sat.raw.seconds : NaN;
      const bRate = raw ? sat.bare.done / sat.bare.seconds : NaN;
      say(
        `| ${read.name} | ${statements.length} | ${gRate.toFixed(0)} | ${raw ? rRate.toFixed(0) : '–'} | ${raw ? (gRate / rRate).toFixed(2) : '–'} | ${raw ? `${bRate.toFixed(0)} / ${(bRate / rRate).toFixed(2)} / ${(sat.bare.cpuMs / sat.bare.done).toFixed(2)}` : '–'} | ${(sat.graph.cpuMs / sat.graph.done).toFixed(2)} (${(sat.graph.sysMs / sat.graph.done).toFixed(2)}) / ${raw ? `${(sat.raw.cpuMs / sat.raw.done).toFixed(2)} (${(sat.raw.sysMs / sat.raw.done).toFixed(2)})` : '–'} | ${ms(fixedGraph, 50)} / ${ms(fixedGraph, 95)} / ${ms(fixedGraph, 99)}${failures(fixedGraph)} | ${raw ? `${ms(fixedRaw, 50)} / ${ms(fixedRaw, 95)} / ${ms(fixedRaw, 99)}` : '–'} | ${raw ? (percentile(fixedGraph.latencies, 50) / percentile(fixedRaw.latencies, 50)).toFixed(2) : '–'} | ${raw ? `${ms(fixedBare, 50)} / ${(percentile(fixedBare.latencies, 50) / percentile(fixedRaw.latencies, 50)).toFixed(2)}` : '–'} |`,
      );
    }
    say('');
    say(
      `Where the CPU goes at saturation, ms per answered request (whole machine from /proc/stat; PostgreSQL = its processes; service = this process's threads but the driver's: its main thread, and V8's GC helpers and libuv's pool as "other threads"; rest = kernel work outside processes and other processes${WRK_DRIVER ? ', wrk among them' : ''}; the main thread serves all three paths: event loop busy = wall time its loop was not waiting for I/O, running or waiting for a CPU; waiting for a CPU = of it, runnable but not running, from /proc/self/task/<pid>/schedstat${REALTIME ? '; the main thread ran SCHED_FIFO (BENCH_REALTIME)' : ''}):`,
    );
    say('');
    say(
      '| read | path | machine | PostgreSQL | service main thread | service other threads | HTTP driver | rest | main thread: event loop busy (% of wall time) | main thread: waiting for a CPU |',
    );
    say('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of breakdown) say(row);
    say('');
    say(
      `Load average at the end ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}.`,
    );
    const file = `bench/results/${new Date().toISOString().slice(0, 10)}-reads-${LABEL}.md`;
    await mkdir('bench/results', { recursive: true });
    await writeFile(file, `${lines.join('\n')}\n`);
    console.log(`written to ${file}`);
  } finally {
    bare.server.close();
    agent.destroy();
    await driver.terminate();
    await db.end();
    await app.close();
  }
});

/**
 * The least any Node HTTP service can do for a read: node:http, the body read and parsed, the same
 * statements on one pooled pg client, the last statement's rows sent as JSON. No framework, no
 * sign-in, no GraphQL, no checks: the bound for a service on this stack and machine, between the
 * service and the raw replay (which has no HTTP at all).
 */
async function bareServer(db: pg.Pool): Promise<{ server: http.Server; port: number; statements: string[] }> {
  const state = { statements: [] as string[] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void answer());
    const answer = async () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const client = await db.connect();
        let rows: unknown[] = [];
        try {
          for (const sql of state.statements) rows = (await client.query(sql)).rows;
        } finally {
          client.release();
        }
        const json = JSON.stringify({ data: rows });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
        res.end(json);
      } catch (error) {
        res.writeHead(500).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, { server, port });
}

/** One POST of the inline driver to another port (the bare server). */
function postTo(agent: http.Agent, port: number, body: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` };
    const request = http.request({ agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (response) => {
      response.on('data', () => undefined);
      response.on('error', reject);
      response.on('end', () =>
        response.statusCode === 200 ? resolve() : reject(new Error(`bare server answered ${response.statusCode}`)),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `work` under the V8 CPU profiler and writes the profile into PROFILE. */
async function profiled(name: string, work: () => Promise<unknown>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  await work();
  const { profile } = await session.post('Profiler.stop');
  await session.post('Profiler.disable');
  session.disconnect();
  await mkdir(PROFILE!, { recursive: true });
  const file = `${PROFILE}/${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cpuprofile`;
  await writeFile(file, JSON.stringify(profile));
  console.log(`profile written to ${file}`);
}

/** `connections` loops each sending the next request when the previous answered, for `seconds`. */
async function closedLoop(send: () => Promise<void>, connections: number, seconds: number): Promise<Slice> {
  const start = performance.now();
  const end = start + seconds * 1000;
  let done = 0;
  const cpu = process.threadCpuUsage();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        await send();
        done++;
      }
    }),
  );
  const used = process.threadCpuUsage(cpu);
  return { done, seconds: (performance.now() - start) / 1000, cpuMs: (used.user + used.system) / 1000, sysMs: used.system / 1000 };
}

/** `closedLoop` over HTTP run by the driver thread; CPU is this (the service's) thread's. */
async function driverLoop(
  worker: Worker,
  task: { port: number; token: string; body: string; connections: number; seconds: number },
): Promise<Slice> {
  const cpu = process.threadCpuUsage();
  const answer = await new Promise<{ done: number; failed: number; firstError?: string; seconds: number; cpuMs: number }>(
    (resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(task);
    },
  );
  worker.removeAllListeners('error');
  if (answer.failed) throw new Error(`${answer.failed} requests failed: ${answer.firstError}`);
  const used = process.threadCpuUsage(cpu);
  return {
    done: answer.done,
    seconds: answer.seconds,
    cpuMs: (used.user + used.system) / 1000,
    sysMs: used.system / 1000,
    driverMs: answer.cpuMs,
  };
}

/**
 * `closedLoop` over HTTP run by wrk (a C load generator, Debian package `wrk`) in its own process:
 * the lightest client there is, so the figure is the service's and the database's. Every answer's
 * body is checked for a GraphQL error by the Lua script; CPU is this (the service's) thread's.
 */
async function wrkLoop(task: { port: number; token: string; body: string; connections: number; seconds: number }): Promise<Slice> {
  const script = `${tmpdir()}/bench-reads-${process.pid}.lua`;
  await writeFile(
    script,
    [
      'wrk.method = "POST"',
      `wrk.body = ${JSON.stringify(task.body)}`,
      'wrk.headers["Content-Type"] = "application/json"',
      `wrk.headers["Authorization"] = "Bearer ${task.token}"`,
      'bad = 0',
      'response = function(status, headers, body) if status ~= 200 or string.find(body, \'"errors"\', 1, true) then bad = bad + 1 end end',
      'local threads = {}',
      'setup = function(thread) table.insert(threads, thread) end',
      'done = function(summary) local b = 0 for _, t in ipairs(threads) do b = b + (t:get("bad") or 0) end',
      '  io.write(string.format("RESULT %d %d %d\\n", summary.requests, summary.duration, b + summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout)) end',
    ].join('\n'),
  );
  const cpu = process.threadCpuUsage();
  const { stdout } = await promisify(execFile)('wrk', [
    '-t1',
    `-c${task.connections}`,
    `-d${task.seconds}s`,
    '-s',
    script,
    `http://127.0.0.1:${task.port}/graphql`,
  ]);
  const used = process.threadCpuUsage(cpu);
  const match = /RESULT (\d+) (\d+) (\d+)/.exec(stdout);
  if (!match) throw new Error(`wrk printed no result: ${stdout}`);
  const [, done, micros, failed] = match.map(Number);
  if (failed) throw new Error(`${failed} requests failed under wrk`);
  return { done, seconds: micros / 1e6, cpuMs: (used.user + used.system) / 1000, sysMs: used.system / 1000 };
}

/** One saturation slice: answered requests, its length, the service thread's CPU (all, kernel). */
interface Slice {
  done: number;
  seconds: number;
  cpuMs: number;
  sysMs: number;
  /** CPU of the driver thread (worker driver only; inline it is in cpuMs, wrk is another process). */
  driverMs?: number;
}

/** Saturation slices of one path added up, with the machine's CPU over them. */
interface Total extends Required<Slice> {
  cpu: CpuSnapshot;
}

function emptyTotal(): Total {
  return {
    done: 0,
    seconds: 0,
    cpuMs: 0,
    sysMs: 0,
    driverMs: 0,
    cpu: { machineMs: 0, postgresMs: 0, processMs: 0, loopBusyMs: 0, mainWaitMs: 0 },
  };
}

async function accounted(run: () => Promise<Slice>): Promise<Slice & { cpu: CpuSnapshot }> {
  const before = cpuSnapshot();
  const slice = await run();
  return { ...slice, cpu: cpuSince(before) };
}

function add(total: Total, slice: Slice & { cpu: CpuSnapshot }): void {
  total.done += slice.done;
  total.seconds += slice.seconds;
  total.cpuMs += slice.cpuMs;
  total.sysMs += slice.sysMs;
  total.driverMs += slice.driverMs ?? 0;
  total.cpu.machineMs += slice.cpu.machineMs;
  total.cpu.postgresMs += slice.cpu.postgresMs;
  total.cpu.processMs += slice.cpu.processMs;
  total.cpu.loopBusyMs += slice.cpu.loopBusyMs;
  total.cpu.mainWaitMs += slice.cpu.mainWaitMs;
}

/** The breakdown table's rows of one read: per path, each part's CPU ms per answered request. */
function cpuRows(name: string, sat: { graph: Total; bare: Total; raw: Total }, withRaw: boolean): string[] {
  const row = (path: string, t: Total) => {
    const per = (ms: number) => (ms / t.done).toFixed(2);
    const other = t.cpu.processMs - t.cpuMs - t.driverMs;
    const rest = t.cpu.machineMs - t.cpu.postgresMs - t.cpu.processMs;
    const loop = `${per(t.cpu.loopBusyMs)} (${((100 * t.cpu.loopBusyMs) / (t.seconds * 1000)).toFixed(0)} %)`;
    return `| ${name} | ${path} | ${per(t.cpu.machineMs)} | ${per(t.cpu.postgresMs)} | ${per(t.cpuMs)} | ${per(other)} | ${per(t.driverMs)} | ${per(rest)} | ${loop} | ${per(t.cpu.mainWaitMs)} |`;
  };
  return withRaw ? [row('service', sat.graph), row('bare HTTP', sat.bare), row('raw', sat.raw)] : [row('service', sat.graph)];
}

function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`unexpected answer: ${what}`);
}

function ms(r: LoadResult, p: number): string {
  const v = percentile(r.latencies, p);
  return Number.isNaN(v) ? '–' : v.toFixed(1);
}

function failures(r: LoadResult): string {
  return r.failed || r.dropped
    ? ` (${r.failed} failed, ${r.dropped} dropped${r.firstError ? `: ${r.firstError.slice(0, 80).replace(/\|/g, '/')}` : ''})`
    : '';
}
