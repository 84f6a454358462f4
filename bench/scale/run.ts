import 'reflect-metadata';

import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, hostname, loadavg, totalmem } from 'node:os';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

import { AppModule } from '../../src/app.module.js';
import { loadConfig } from '../../src/config/app-config.js';
import { openDatabase } from '../../src/database/database.js';
import { DEMO_PROGRAM } from '../../src/database/seeders/demo-data.js';
import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { Role } from '../../src/auth/role.enum.js';
import { createUser } from '../../test/factories/users.js';
import { TEST_PASSWORD } from '../../test/setup/test-app.js';
import { alternating, fixedRate, percentile, type LoadResult } from './open-loop.js';
import { readOperations, type ReadOperation } from './operations.js';
import { measureReceiptStream } from './export-stream.js';
import { runWriteMix } from './write-mix.js';
import { keepAlivePost } from '../support/graphql-client.js';

/**
 * `npm run bench`: the service in this process against a generated database (EMBEDDED_PG_DIR or
 * DATABASE_URL, filled by `npm run seed:scale`), each key operation validated, then driven at a
 * fixed arrival rate through GraphQL over HTTP and, for reads, the same SQL replayed through `pg`.
 * Writes bench/results/<date>-<host>-<N>-projects.md. Not part of `npm test`; figures never go into asserts.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 20);
const NOTE = process.env.BENCH_NOTE ?? '';
// BENCH_EXPLAIN=1 prints, per operation, each statement's execution time and plan (EXPLAIN ANALYZE, on the first project).
// BENCH_OUT=<file> writes the results elsewhere than bench/results/<date>-<host>-<N>-projects.md.
// BENCH_ONLY=overview (a case-insensitive pattern on operation names; "write" for the write mix, "export" for the stream) runs only those.
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, 'i') : undefined;
const selected = (name: string) => !ONLY || ONLY.test(name);

const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', SEED_DEMO: 'false', PLAYGROUND: 'false' });
const database = await openDatabase(config, () => undefined);
const app = await NestFactory.create(AppModule.forRoot(config, database.url), { logger: false });
const orm: MikroORM = app.get(MikroORM);
const db = new pg.Pool({ connectionString: database.url, max: config.dbPoolMax });
db.on('error', () => undefined); // idle clients end with the server at shutdown
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const lines: string[] = [];
const say = (line: string) => {
  console.log(line);
  lines.push(line);
};

// A query counter on the ORM's logger: every statement the service sends passes through it.
let capture: { query: string; params: unknown[] }[] | null = null;
const logger = orm.config.getLogger();
const original = logger.logQuery.bind(logger);
logger.logQuery = (context) => {
  capture?.push({ query: context.query ?? '', params: (context.params as unknown[]) ?? [] });
  original(context);
};

try {
  await app.listen(0, '127.0.0.1');
  const endpoint = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  const { port } = app.getHttpServer().address() as AddressInfo;
  const post = keepAlivePost(agent, port);
  const login = async (username: string, password: string) =>
    (await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username, password } })).login.token as string;

  const program = (await db.query<{ id: string }>('select id from funding_program where code = $1', [DEMO_PROGRAM.code])).rows[0];
  const projectIds = (
    await db.query<{ id: string }>("select id from project where file_number like 'SCALE-%' order by file_number limit $1", [PROJECTS])
  ).rows.map((r) => r.id);
  if (projectIds.length === 0)
    throw new Error('No generated projects: run `npm run seed:scale -- --projects 400 --seed 2026` against this database first.');
  const [scale] = (
    await db.query(
      `select (select count(*) from project where program_id = $1)::int as projects, (select count(*) from expenditure)::int as receipts,
      (select count(*) from participant)::int as participants, (select count(*) from participation)::int as participations, (select pg_size_pretty(pg_database_size(current_database()))) as size, version() as pg`,
      [program.id],
    )
  ).rows;
  const categoryB1 = (await db.query<{ id: string }>("select id from cost_category where program_id = $1 and code = 'B1'", [program.id]))
    .rows[0].id;
  const username = `bench-${Date.now()}`;
  await createUser(orm, {
    username,
    grants: projectIds.flatMap((projectId) => [Role.FINANCE, Role.CASE_WORKER, Role.ANALYST].map((role) => ({ role, projectId }))),
  });
  const tokens = {
    bench: await login(username, TEST_PASSWORD),
    grantor: await login('grantor', DEMO_USERS.find((u) => u.username === 'grantor')!.password),
  };

  say(`# Benchmark at nationwide scale (${new Date().toISOString().slice(0, 10)})`);
  say('');
  say(
    `Machine: ${hostname()}, ${cpus().length} cores (${cpus()[0].model}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${String(scale.pg).split(' on ')[0]}, pool ${config.dbPoolMax}.`,
  );
  say(
    `Database: ${scale.projects} projects in the programme, ${scale.receipts} receipts, ${scale.participants} participants, ${scale.participations} participations, ${scale.size}. Operations run against ${projectIds.length} generated projects in turn.`,
  );
  say(
    `Load: service and load driver (node:http, keep-alive) in one Node process; each read ${SECONDS} s at a fixed arrival rate through GraphQL and ${SECONDS} s of the same SQL through pg at the same rate, taking turns second by second. Load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.`,
  );
  if (NOTE) say(`Note: ${NOTE}`);
  say('');
  say(
    '| Operation | Path | Rate (req/s) | Done (req/s) | p50 ms | p95 ms | p99 ms | Failed / dropped | SQL statements per request | GraphQL p50 / SQL p50 | Target |',
  );
  say('|---|---|---|---|---|---|---|---|---|---|---|');

  for (const op of readOperations({ programId: program.id, projectIds, categoryB1, programProjects: scale.projects }).filter((o) =>
    selected(o.name),
  )) {
    const token = tokens[op.user];
    const send = async (i: number, variables = op.variables(i)) => post(op.query, variables, token);
    for (let i = 0; i < 3; i++) await op.validate(await send(i), db, i);
    // Statements per request, counted sequentially (and for pages at other page sizes too).
    const statementsAt = async (variables: Record<string, unknown>) => {
      capture = [];
      await send(0, variables);
      const statements = capture;
      capture = null;
      return statements;
    };
    const statements = await statementsAt(op.variables(0));
    const perSize: string[] = [];
    for (const first of op.pageSizes ?? []) perSize.push(`${(await statementsAt({ ...op.variables(0), first })).length} at ${first}`);
    // The raw path replays, per request, exactly the statements the service sent for that request's variables.
    const replays: { query: string; params: unknown[] }[][] = [];
    for (let i = 0; i < Math.min(projectIds.length, 20); i++) replays.push(await statementsAt(op.variables(i)));
    if (process.env.BENCH_EXPLAIN) await explain(op.name, replays[0]);
    await fixedRate(op.rate, Math.min(5, SECONDS), (i) => send(i).then(() => undefined)); // warm-up
    const [graph, raw] = await alternating(op.rate, SECONDS, [
      (i) => send(i).then(() => undefined),
      async (i) => {
        const client = await db.connect();
        try {
          for (const s of replays[i % replays.length]) await client.query(...pgStatement(s));
        } finally {
          client.release();
        }
      },
    ]);
    const target = op.kind === 'overview' ? 'p95 < 100 ms' : 'p95 < 50 ms';
    const met = percentile(graph.latencies, 95) < (op.kind === 'overview' ? 100 : 50);
    const ratio = percentile(graph.latencies, 50) / percentile(raw.latencies, 50);
    say(
      row(
        op,
        'GraphQL',
        graph,
        `${statements.length}${perSize.length ? ` (${perSize.join(', ')})` : ''}`,
        ratio.toFixed(1),
        `${target}: ${met ? 'met' : 'NOT met'}`,
      ),
    );
    say(row(op, 'raw SQL (pg)', raw, String(statements.length), '', ''));
  }

  const writes = selected('drawdown request + booking mix (write)')
    ? await runWriteMix({ endpoint, token: tokens.bench, projectIds, db, orm, seconds: SECONDS })
    : undefined;
  if (writes)
    say(
      `| drawdown request + booking mix, 32 writers | GraphQL | ${writes.rate} | ${(writes.result.latencies.length / writes.result.seconds).toFixed(1)} | ${f(percentile(writes.result.latencies, 50))} | ${f(percentile(writes.result.latencies, 95))} | ${f(percentile(writes.result.latencies, 99))} | ${writes.result.failed} / ${writes.result.dropped} | | | ${writes.verdict} |`,
    );
  const streamName = 'receipt-list export, streamed (whole period)';
  if (selected(streamName)) {
    const stream = await measureReceiptStream({
      base: endpoint.replace(/\/graphql$/, ''),
      token: tokens.bench,
      projectIds,
      db,
      seconds: SECONDS,
      asOf: new Date().toISOString().slice(0, 10),
    });
    const named = `receipt-list export, streamed (whole period, ~${stream.averageRows.toLocaleString('en')} receipts)`;
    const streamRatio = (percentile(stream.http.latencies, 50) / percentile(stream.raw.latencies, 50)).toFixed(1);
    say(
      row(
        { name: named, rate: stream.rate } as ReadOperation,
        'HTTP download',
        stream.http,
        'a COPY and a sum per cost category',
        streamRatio,
        stream.httpNote,
      ),
    );
    say(row({ name: named, rate: stream.rate } as ReadOperation, 'raw (same COPY via pg)', stream.raw, 'the same', '', stream.rawNote));
  }
  say('');
  say(
    `Load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.`,
  );

  const file =
    process.env.BENCH_OUT ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${hostname()}-${scale.projects}-projects.md`;
  await mkdir('bench/results', { recursive: true });
  await writeFile(file, `${lines.join('\n')}\n`);
  console.log(`written to ${file}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  agent.destroy();
  await app.close();
  await db.end();
  await database.stop();
}

/** The ORM's statement as it reached PostgreSQL: the platform inlines the values the way MikroORM does. */
/** Each statement of one request with its execution time and plan, the slowest first (BENCH_EXPLAIN). */
async function explain(name: string, statements: { query: string; params: unknown[] }[]): Promise<void> {
  const timed: { ms: number; text: string }[] = [];
  for (const s of statements) {
    if (!/^\s*(select|with)\b/i.test(s.query)) continue;
    const [sql, params] = pgStatement(s);
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']);
    const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? '')?.[1] ?? 0);
    timed.push({ ms, text: `${sql.replace(/\s+/g, ' ').slice(0, 300)}\n${plan.join('\n')}` });
  }
  timed.sort((a, b) => b.ms - a.ms);
  console.log(`\n## ${name}: ${timed.map((t) => t.ms.toFixed(1)).join(' + ')} ms\n`);
  for (const t of timed) console.log(`${t.ms.toFixed(1)} ms\n${t.text}\n`);
}

function pgStatement(s: { query: string; params: unknown[] }): [string, unknown[]] {
  return [s.params.length ? orm.em.getPlatform().formatQuery(s.query, s.params) : s.query, []];
}

function f(ms: number): string {
  return Number.isNaN(ms) ? '–' : ms.toFixed(1);
}

function row(op: ReadOperation, path: string, r: LoadResult, statements: string, ratio: string, target: string): string {
  const error = r.firstError ? ` (${r.firstError.replace(/\|/g, '/').slice(0, 80)})` : '';
  return `| ${op.name} | ${path} | ${op.rate} | ${(r.latencies.length / r.seconds).toFixed(1)} | ${f(percentile(r.latencies, 50))} | ${f(percentile(r.latencies, 95))} | ${f(percentile(r.latencies, 99))} | ${r.failed} / ${r.dropped}${error} | ${statements} | ${ratio} | ${target} |`;
}
