import 'reflect-metadata';

import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createFundedProject } from '../test/factories/funded-project.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';

/**
 * `npm run bench:export`: streams a receipt list of ROWS receipts (default 1,000,000) over HTTP
 * from a scratch embedded PostgreSQL and reports rows per second, time to first byte and the peak
 * growth of the process's resident memory while streaming (server and client share the process,
 * so the figure covers both). Targets (issue 8): ≥ 100,000 rows/s, first byte < 1 s, growth < 100 MB.
 * The receipts are bulk-generated with one INSERT … SELECT generate_series. Not part of `npm test`.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const CATEGORIES = ['A', 'B1', 'B3', 'B4', 'B5', 'B6'];

await withScratchDatabase(async (url) => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  const plan = Object.fromEntries(CATEGORIES.map((c) => [c, '9000000.00']));
  const project = await createFundedProject(orm, { plan: { 2025: plan } });

  let started = Date.now();
  const em = orm.em.fork();
  const [user] = await em.execute<{ id: string }[]>('select id from app_user where username = ?', [project.finance]);
  const categoryIds = CATEGORIES.map((c) => project.category[c]);
  // Spread over the year and the categories; amounts in cents from the row number, so they vary.
  await em.execute(
    `insert into expenditure (id, project_id, kind, receipt_number, revision, invoice_date, payment_date, fiscal_year, payee, purpose, cost_category_id,
                              gross_amount, ineligible_amount, eligible_amount, recorded_by_id)
     select gen_random_uuid(), ?, 'BOOKING', 'B-' || lpad(g::text, 8, '0'), 0, date '2025-01-01' + (g % 365), date '2025-01-01' + (g % 365), 2025,
            'Lieferant ' || (g % 997), 'Leistung Nr. ' || g, (?::uuid[])[1 + g % ${CATEGORIES.length}],
            (100 + g % 50000) / 100.0, 0, (100 + g % 50000) / 100.0, ?
       from generate_series(1, ?) g`,
    [project.projectId, `{${categoryIds.join(',')}}`, user.id, ROWS],
  );
  await em.execute(
    `insert into expenditure_state (id, project_id, expenditure_id, status, changed_by_id)
     select gen_random_uuid(), project_id, id, 'RECORDED', ? from expenditure where project_id = ?`,
    [user.id, project.projectId],
  );
  await em.execute('analyze expenditure; analyze expenditure_state');
  process.stdout.write(`generated ${ROWS.toLocaleString('en')} receipts in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const login = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { token } }', variables: { input: { username: project.finance, password: TEST_PASSWORD } } }),
  });
  const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;

  global.gc?.();
  const baseline = process.memoryUsage();
  let peak = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = Math.max(peak, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  started = performance.now();
  const response = await fetch(`${base}/exports/projects/${project.projectId}/receipts.csv?asOf=2025-12-31`, { headers: { authorization: `Bearer ${token}` } });
  let firstByte = 0;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (!firstByte) firstByte = performance.now() - started;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  // header + one line per receipt + one sum row per category + the total row
  const expectedLines = 1 + ROWS + CATEGORIES.length + 1;
  const report = {
    status: response.status,
    rows: ROWS,
    linesReceived: lines,
    linesExpected: expectedLines,
    megabytes: +(bytes / 1e6).toFixed(1),
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(ROWS / seconds),
    timeToFirstByteMs: Math.round(firstByte),
    peakRssGrowthMb: +((peak - baseline.rss) / 1e6).toFixed(1),
    // JS heap in use (includes garbage not yet collected); RSS also holds freed pages the allocator keeps
    peakHeapUsedGrowthMb: +((peakHeap - baseline.heapUsed) / 1e6).toFixed(1),
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await app.close();
  if (lines !== expectedLines || response.status !== 200) process.exitCode = 1;
});
