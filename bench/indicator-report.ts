import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';

import { type EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import { Decimal } from 'decimal.js';

import { AppModule } from '../src/app.module.js';
import { addDays } from '../src/common/dates/local-date.js';
import { Measure } from '../src/measures/entities/measure.entity.js';
import { LabourMarketObservation } from '../src/measures/entities/observation.entity.js';
import { Participation } from '../src/measures/entities/participation.entity.js';
import { MeasureType, ObservationKind, ObservationSource, ObservationType } from '../src/measures/measures.enums.js';
import { Participant } from '../src/participants/entities/participant.entity.js';
import { IdentityVault } from '../src/participants/identity-vault.js';
import { backfillStatisticalAttributes } from '../src/participants/statistical-attributes.backfill.js';
import {
  EducationLevel,
  ExitReason,
  Gender,
  LabourStatusAtEntry,
  ParticipantStatus,
  Track,
} from '../src/participants/participants.enums.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { graphqlClient } from './support/graphql-client.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';

/**
 * `npm run bench:indicators`: latency of indicatorReport for the demo project over HTTP (target
 * p95 < 200 ms), against a scratch PostgreSQL with the demo data. When the demo holds fewer than
 * BENCH_PARTICIPANTS participants (the participants demo seeder may not be there yet), it is topped
 * up with generated ones, with participations and observations. Not part of `npm test`; the figures
 * go into reports, never into asserts.
 *
 * BENCH_PROFILE=<dir> writes a V8 CPU profile of each case's measured calls (not the warm-up) to
 * <dir>/<case>.cpuprofile (summarize with bench/profile-summary.mjs); the latencies of such a run
 * include the profiler's overhead, so compare them only with other profiled runs.
 *
 * BENCH_SEALED=1 gives every participant its sealed statistical attribute before measuring, as in
 * production (registration seals it; the start-up backfill fills older rows, but here it runs before
 * the demo seed and the generated rows exist). Without it, every report also reads the health
 * records of all participants (the fallback for rows without the attribute).
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 700);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 30;
const PROFILE = process.env.BENCH_PROFILE;
const SEALED = process.env.BENCH_SEALED === '1';

const REPORT = `query($p: ID!, $period: ReportPeriodInput!) { indicatorReport(projectId: $p, period: $period) {
  locked suppressionApplied rows { code baseline milestone yearTarget target periodActual cumulativeActual numerator denominator
  attainmentPercent projectedActual projectedAttainmentPercent lateCorrection suppressed
  disaggregations { dimension period { key count suppressed } cumulative { key count suppressed } } } } }`;

/** A small deterministic PRNG (mulberry32) so every run fills the same data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generated participants over 2022–2026 with a participation each (some in a § 16i placement),
 * observations at exit for most leavers and 6-month follow-ups for many, bulk-inserted through the
 * participants module's entities.
 */
async function fillDemo(em: EntityManager, projectId: string, count: number): Promise<void> {
  const random = prng(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const measures = [
    { type: MeasureType.HOLISTIC_COACHING_16K, track: Track.WOMEN_REENTRY },
    { type: MeasureType.LABOUR_MARKET_PARTICIPATION_16I, track: Track.WOMEN_REENTRY },
    { type: MeasureType.TRAINING_PLACEMENT, track: Track.YOUTH_TRAINING },
  ].map((m) =>
    em.create(Measure, {
      project: projectId,
      ...m,
      title: `Bench ${m.type}`,
      provider: 'Träger Bench',
      startDate: '2022-01-01',
      endDate: '2027-12-31',
      capacity: 1000,
      costPerPlace: new Decimal('2500.00'),
    }),
  );
  await em.flush();
  const participants: Participant[] = [];
  const participations: Participation[] = [];
  const observations: LabourMarketObservation[] = [];
  for (let n = 0; n < count; n++) {
    const youth = random() < 0.2;
    const entryDate = addDays('2022-01-10', Math.floor((n * 1700) / count));
    const exits = random() < 0.75;
    const exitDate = exits ? addDays(entryDate, 90 + Math.floor(random() * 240)) : null;
    const exitReason = exitDate
      ? pick([ExitReason.COMPLETED, ExitReason.COMPLETED, ExitReason.TOOK_UP_JOB, ExitReason.STARTED_TRAINING, ExitReason.DROPPED_OUT])
      : null;
    const birthYear = youth ? 2000 + Math.floor(random() * 6) : 1965 + Math.floor(random() * 35);
    const p = em.create(Participant, {
      project: projectId,
      pseudonym: `BENCH-${String(n).padStart(5, '0')}`,
      birthYear,
      ageAtEntry: Number(entryDate.slice(0, 4)) - birthYear - (random() < 0.5 ? 1 : 0),
      gender: random() < 0.04 ? Gender.MALE : random() < 0.01 ? Gender.DIVERSE : Gender.FEMALE,
      entryDate,
      track: youth ? Track.YOUTH_TRAINING : Track.WOMEN_REENTRY,
      livesAlone: true,
      childrenInHousehold: Math.floor(random() * 3),
      receivesSgb2Benefits: true,
      labourStatusAtEntry: pick([
        LabourStatusAtEntry.UNEMPLOYED,
        LabourStatusAtEntry.LONG_TERM_UNEMPLOYED,
        LabourStatusAtEntry.LONG_TERM_UNEMPLOYED,
        LabourStatusAtEntry.INACTIVE,
        LabourStatusAtEntry.EMPLOYED,
      ]),
      monthsOnBenefits: 6 + Math.floor(random() * 60),
      educationLevel: pick([EducationLevel.ISCED_0_2, EducationLevel.ISCED_3_4, EducationLevel.ISCED_3_4, EducationLevel.ISCED_5_8]),
      status: exitDate ? ParticipantStatus.EXITED : ParticipantStatus.ACTIVE,
      exitDate,
      exitReason,
      retainUntil: '2031-12-31',
    });
    participants.push(p);
    const measure = youth ? measures[2] : random() < 0.1 ? measures[1] : measures[0];
    participations.push(
      em.create(Participation, { project: projectId, measure, participant: p, startDate: entryDate, endDate: exitDate, exitReason }),
    );
    let recordNo = 0;
    const observe = (observedOn: string, type: ObservationType, source: ObservationSource, benefitEnded: boolean) => {
      observations.push(
        em.create(LabourMarketObservation, {
          project: projectId,
          participant: p,
          recordNo: ++recordNo,
          kind: ObservationKind.RECORD,
          observedOn,
          type,
          source,
        }),
      );
      if (benefitEnded)
        observations.push(
          em.create(LabourMarketObservation, {
            project: projectId,
            participant: p,
            recordNo: ++recordNo,
            kind: ObservationKind.RECORD,
            observedOn,
            type: ObservationType.BENEFIT_RECEIPT_ENDED,
            source,
          }),
        );
    };
    if (exitDate && exitDate < '2026-10-01' && random() < 0.85) {
      const status = pick([
        ObservationType.JOB_SEARCHING,
        ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
        ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
        ObservationType.EDUCATION_OR_TRAINING,
        ObservationType.MARGINAL_EMPLOYMENT,
        ObservationType.INACTIVE,
      ]);
      observe(addDays(exitDate, Math.floor(random() * 35)), status, ObservationSource.CASE_FILE, random() < 0.3);
    }
    if (exitDate && exitDate < '2026-04-01' && random() < 0.6) {
      const status = pick([
        ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
        ObservationType.JOB_SEARCHING,
        ObservationType.SELF_EMPLOYMENT,
        ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
      ]);
      observe(addDays(exitDate, 185), status, ObservationSource.SURVEY, random() < 0.4);
    }
  }
  await em.flush();
  await em.getConnection().execute('analyze');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function measure(name: string, send: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await send();
  const times: number[] = [];
  const session = PROFILE ? new Session() : null;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    await send();
    times.push(performance.now() - start);
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(PROFILE!, { recursive: true });
    await writeFile(`${PROFILE}/${name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.cpuprofile`, JSON.stringify(profile));
  }
  times.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${name.padEnd(60)} n=${CALLS}  min ${f(times[0])}  p50 ${f(percentile(times, 0.5))}  p95 ${f(percentile(times, 0.95))}  p99 ${f(percentile(times, 0.99))}  max ${f(times[times.length - 1])}`,
  );
}

await withScratchDatabase(async (url) => {
  // The participants demo seeder encrypts with the keys in the environment, so the service must get the same ones.
  process.env.DATA_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
  process.env.IDENTITY_HASH_KEY ??= randomBytes(32).toString('base64');
  const env = { DATA_ENCRYPTION_KEY: process.env.DATA_ENCRYPTION_KEY, IDENTITY_HASH_KEY: process.env.IDENTITY_HASH_KEY };
  const config = loadConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...env,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    PLAYGROUND: 'false',
  });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm: MikroORM = app.get(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  const connection = orm.em.fork().getConnection();
  const [{ demo, existing }] = await connection.execute(
    `select p.id as demo, (select count(*)::int from participant x where x.project_id = p.id) as existing from project p where p.file_number = 'MP-SGB2-2022-0042'`,
  );
  if (existing < PARTICIPANTS) await fillDemo(orm.em.fork(), demo, PARTICIPANTS - existing);
  if (SEALED) {
    const vault = app.get(IdentityVault);
    await backfillStatisticalAttributes(orm.em.fork(), vault); // rows with an identity: from their health record
    const rows = await connection.execute<{ id: string }[]>(
      `select id from participant where project_id = ? and statistics_cipher is null`,
      [demo],
    );
    // Generated rows have no identity: one in fourteen with a disability.
    for (const [i, { id }] of rows.entries())
      await connection.execute('update participant set statistics_cipher = ? where id = ?', [
        vault.sealStatistics(id, { hasDisability: i % 14 === 0 }),
        id,
      ]);
  }
  const [counts] = await connection.execute(
    `select (select count(*) from participant where project_id = ?)::int as participants, (select count(*) from participation where project_id = ?)::int as participations,
            (select count(*) from labour_market_observation where project_id = ?)::int as observations,
            (select count(*) from participant where project_id = ? and statistics_cipher is not null)::int as sealed`,
    [demo, demo, demo, demo],
  );
  console.log(
    `demo project: ${counts.participants} participants (${existing} from the demo seed, ${counts.sealed} with the statistical attribute), ${counts.participations} participations, ${counts.observations} observations`,
  );

  await app.listen(0, '127.0.0.1');
  const endpoint = `${await app.getUrl()}/graphql`.replace('[::1]', '127.0.0.1');
  const { post, login } = graphqlClient(endpoint);
  const [auditor, analyst, grantor] = [await login('auditor'), await login('analyst'), await login('grantor')];
  const report = (token: string, from: string, to: string) => post({ query: REPORT, variables: { p: demo, period: { from, to } } }, token);

  const sample = await report(auditor, '2024-01-01', '2024-12-31');
  const row = (code: string) => sample.indicatorReport.rows.find((r: { code: string }) => r.code === code);
  console.log(
    `2024: EECO01 ${row('EECO01').periodActual} (cumulative ${row('EECO01').cumulativeActual}, ${row('EECO01').attainmentPercent} % of target), PS01 ${row('PS01').periodActual}, PS02 ${row('PS02').periodActual} %`,
  );

  await measure('indicatorReport 2024, auditor (unsuppressed)', () => report(auditor, '2024-01-01', '2024-12-31'));
  await measure('indicatorReport 2024, analyst (suppressed)', () => report(analyst, '2024-01-01', '2024-12-31'));
  await measure('indicatorReport whole approval period, auditor', () => report(auditor, '2022-01-01', '2027-12-31'));

  // Lock 2022–2024, then: a locked year (read from the snapshot) and 2025 (with late corrections of three locked years recomputed).
  const periods = (
    await post({ query: `query($p: ID!) { reportingPeriods(projectId: $p) { id label } }`, variables: { p: demo } }, auditor)
  ).reportingPeriods as { id: string; label: string }[];
  for (const label of ['Berichtsjahr 2022', 'Berichtsjahr 2023', 'Berichtsjahr 2024']) {
    const id = periods.find((p) => p.label === label)!.id;
    await post({ query: `mutation($id: ID!) { lockReportingPeriod(id: $id) { status } }`, variables: { id } }, grantor);
  }
  await measure('indicatorReport 2024 locked (snapshot), analyst', () => report(analyst, '2024-01-01', '2024-12-31'));
  const recounted = (from: string, to: string) =>
    post(
      {
        query: REPORT.replace('lateCorrection suppressed', 'lateCorrection suppressed corrected { actual difference }'),
        variables: { p: demo, period: { from, to } },
      },
      auditor,
    );
  await measure('indicatorReport 2024 locked, recounted next to it (corrected)', () => recounted('2024-01-01', '2024-12-31'));
  await measure('indicatorReport 2025 after 3 locked years (late corrections)', () => report(auditor, '2025-01-01', '2025-12-31'));
  await app.close();
});
