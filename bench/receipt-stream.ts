import 'reflect-metadata';

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createFundedProject } from '../test/factories/funded-project.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';
import { startServiceProcess } from './support/service-process.js';

/**
 * `npm run bench:export`: streams a receipt list of ROWS receipts (default 1,000,000) over HTTP
 * from a scratch embedded PostgreSQL and reports rows per second, time to first byte and the peak
 * growth of the service's resident memory while streaming. The service runs as its own process
 * (as `npm start` runs it); this process only generates the data and reads the response, so the
 * memory figure is the server's alone. RUNS downloads (default 3), the first one cold. BENCH_PG_DIR
 * keeps the database with its receipts for the next run (a scratch database otherwise).
 * Targets: ≥ 100,000 rows/s, first byte < 1 s, memory growth < 100 MB. Not part of `npm test`.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CATEGORIES = ['A', 'B1', 'B3', 'B4', 'B5', 'B6'];

/** Generates the project and its receipts; returns what the download needs. */
async function generate(url: string) {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  const plan = Object.fromEntries(CATEGORIES.map((c) => [c, '9000000.00']));
  const project = await createFundedProject(orm, { plan: { 2025: plan } });

  const generated = Date.now();
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
  await em.execute('vacuum analyze expenditure');
  await em.execute('vacuum analyze expenditure_state');
  const [expected] = await em.execute<{ eligible: string }[]>(
    'select sum(eligible_amount)::text as eligible from expenditure where project_id = ?',
    [project.projectId],
  );
  await app.close();
  process.stdout.write(`generated ${ROWS.toLocaleString('en')} receipts in ${((Date.now() - generated) / 1000).toFixed(1)} s\n`);
  return { rows: ROWS, projectId: project.projectId, finance: project.finance, expectedEligible: expected.eligible };
}

type Generated = Awaited<ReturnType<typeof generate>>;

async function measure(url: string, project: Generated) {
  const service = await startServiceProcess(url);
  try {
    const login = await fetch(`${service.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: LoginInput!) { login(input: $input) { token } }',
        variables: { input: { username: project.finance, password: TEST_PASSWORD } },
      }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const download = `${service.base}/exports/projects/${project.projectId}/receipts.csv?asOf=2025-12-31`;
    // header + one line per receipt + one sum row per category + the total row
    const expectedLines = 1 + ROWS + CATEGORIES.length + 1;
    const expectedTotal = project.expectedEligible.replace('.', ',');

    const runs = [];
    for (let run = 1; run <= RUNS; run++) {
      const baseline = service.rssBytes();
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, service.rssBytes())), 10);
      const started = performance.now();
      const response = await fetch(download, { headers: { authorization: `Bearer ${token}` } });
      let firstByte = 0;
      let bytes = 0;
      let lines = 0;
      let tail = Buffer.alloc(0);
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        if (!firstByte) firstByte = performance.now() - started;
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
        tail = Buffer.concat([tail, chunk]).subarray(-400);
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, service.rssBytes());
      // The last line is the total row; its eligible column must equal the database's sum.
      const totalRow = tail.toString('utf8').trimEnd().split('\r\n').at(-1)!.split(';');
      const correct = response.status === 200 && lines === expectedLines && totalRow[9] === expectedTotal;
      runs.push({
        run,
        correct,
        megabytes: +(bytes / 1e6).toFixed(1),
        seconds: +seconds.toFixed(2),
        rowsPerSecond: Math.round(ROWS / seconds),
        timeToFirstByteMs: Math.round(firstByte),
        serviceRssBeforeMb: +(baseline / 1e6).toFixed(1),
        serviceRssPeakGrowthMb: +((peak - baseline) / 1e6).toFixed(1),
      });
      process.stdout.write(`${JSON.stringify(runs.at(-1))}\n`);
      if (!correct) {
        process.stdout.write(
          `wrong answer: status ${response.status}, ${lines} of ${expectedLines} lines, total ${totalRow[9]} (expected ${expectedTotal})\n`,
        );
        process.exitCode = 1;
      }
    }
    process.stdout.write(
      `rows ${ROWS.toLocaleString('en')}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
    );
  } finally {
    await service.stop();
  }
}

// BENCH_PG_DIR keeps the database (and the generated receipts) for the next run; otherwise a scratch one.
const keep = process.env.BENCH_PG_DIR;
if (keep) {
  const server = await startEmbeddedPostgres({ dir: keep, fastUnsafe: true });
  try {
    await ensureDatabase(server.url, 'bench');
    const url = server.urlFor('bench');
    const saved = join(keep, 'bench-export.json');
    let project: Generated | null = existsSync(saved) ? JSON.parse(readFileSync(saved, 'utf8')) : null;
    if (project?.rows !== ROWS) {
      if (project) throw new Error(`${keep} holds ${project.rows} receipts, not ${ROWS}: use another BENCH_PG_DIR`);
      project = await generate(url);
      writeFileSync(saved, JSON.stringify(project));
    }
    await measure(url, project);
  } finally {
    await server.stop();
  }
} else {
  await withScratchDatabase(async (url) => measure(url, await generate(url)));
}
