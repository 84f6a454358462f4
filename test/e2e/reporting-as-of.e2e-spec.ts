import { Decimal } from 'decimal.js';

import { todayUtc } from '../../src/common/dates/local-date.js';
import { DEMO_AS_OF } from '../../src/database/seeders/participants-demo-data.js';
import { register } from '../factories/participants.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { files { name sha256 url } } }`;
const EXIT = `mutation($id: ID!, $input: ExitParticipantInput!) { exitParticipant(id: $id, input: $input) { id exitDate } }`;
const OBSERVE = `mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id observedOn } }`;
const CREATE_UPDATE = `mutation($input: CreateIndicatorUpdateInput!) { createIndicatorUpdate(input: $input) { id } }`;
const SUBMIT_UPDATE = `mutation($id: ID!) { submitIndicatorUpdate(id: $id) { id status } }`;
const APPROVE_UPDATE = `mutation($id: ID!) { approveIndicatorUpdate(id: $id) { id status } }`;
const LOCK_PERIOD = `mutation($id: ID!) { lockReportingPeriod(id: $id) { id status } }`;

/** The as-of date of the proofs compared, and a day after it on which things happen (not in the future). */
const AS_OF = DEMO_AS_OF;
const LATER = '2026-11-22';

describe('reporting: a proof as of a date shows the data as it stood on that date', () => {
  let t: TestApp;
  let projectId: string;
  const proof = { kind: 'INTERIM', fiscalYear: 2026 };

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.gqlAs('finance', '{ projects { nodes { id } } }')).data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  async function exported(asOf: string, which = proof) {
    const result = await t.gqlAs('finance', EXPORT, { projectId, ...which, asOf });
    expect(result.errors).toBeUndefined();
    return result.data!.proofExport.files as { name: string; sha256: string; url: string }[];
  }

  async function json(asOf: string, which = proof) {
    const file = (await exported(asOf, which)).find((f) => f.name.endsWith('.json'))!;
    const response = await t
      .http()
      .get(file.url)
      .set(await t.auth('finance'));
    expect(response.status).toBe(200);
    return response.body as {
      indicators: { code: string; cumulativeActual: string | null }[];
      participants: { dimension: string; value: string; count: number | null }[];
    };
  }

  const indicator = (view: Awaited<ReturnType<typeof json>>, code: string) =>
    new Decimal(view.indicators.find((r) => r.code === code)!.cumulativeActual!);
  const women = (view: Awaited<ReturnType<typeof json>>) =>
    view.participants.find((c) => c.dimension === 'gender' && c.value === 'FEMALE')!.count!;

  it('is byte-identical after a person enters, another leaves for a job with her outcome recorded, and a manual figure is approved, all after the as-of date', async () => {
    const before = await exported(AS_OF);
    const viewBefore = await json(AS_OF);

    // A newcomer registered with an entry after the as-of date.
    await register(t, projectId, {
      entryDate: LATER,
      entryData: {
        labourStatusAtEntry: 'LONG_TERM_UNEMPLOYED',
        monthsOnBenefits: 24,
        educationLevel: 'ISCED_3_4',
        monitoringConsentOn: LATER,
        evaluationConsentOn: LATER,
      },
    });
    // A participant active on the as-of date who leaves for a job afterwards; her outcome at exit is recorded.
    const [leaver] = await t.orm.em
      .fork()
      .execute<{ id: string }[]>(
        `select id from participant where project_id = ? and exit_date is null and identity_erased_at is null and entry_date < '2026-01-01' and status = 'ACTIVE' order by entry_date, id limit 1`,
        [projectId],
      );
    const exited = await t.gqlAs('caseworker', EXIT, { id: leaver.id, input: { exitDate: LATER, exitReason: 'TOOK_UP_JOB' } });
    expect(exited.errors).toBeUndefined();
    for (const type of ['EMPLOYMENT_SOCIAL_INSURANCE', 'BENEFIT_RECEIPT_ENDED']) {
      const observed = await t.gqlAs('caseworker', OBSERVE, {
        input: { participantId: leaver.id, observedOn: LATER, type, source: 'EMPLOYER' },
      });
      expect(observed.errors).toBeUndefined();
    }
    // A manual figure for the first half of 2026, approved today (after the as-of date).
    const [ps06] = await t.orm.em
      .fork()
      .execute<{ id: string }[]>(
        `select d.id from indicator_definition d join project p on p.program_id = d.program_id where p.id = ? and d.code = 'PS06'`,
        [projectId],
      );
    const created = await t.gqlAs('finance', CREATE_UPDATE, {
      input: { projectId, indicatorId: ps06.id, periodFrom: '2026-01-01', periodTo: '2026-06-30', value: '3' },
    });
    expect(created.errors).toBeUndefined();
    const updateId = created.data!.createIndicatorUpdate.id;
    expect((await t.gqlAs('finance', SUBMIT_UPDATE, { id: updateId })).data!.submitIndicatorUpdate.status).toBe('SUBMITTED');
    expect((await t.gqlAs('grantor', APPROVE_UPDATE, { id: updateId })).data!.approveIndicatorUpdate.status).toBe('APPROVED');

    // As of the earlier date nothing changed: every file, the indicator report and the statistics included.
    const after = await exported(AS_OF);
    expect(after.map((f) => `${f.name} ${f.sha256}`)).toEqual(before.map((f) => `${f.name} ${f.sha256}`));

    // As of today the same events count, so the comparison above could have failed.
    const now = await json(todayUtc());
    expect(indicator(now, 'EECO01').minus(indicator(viewBefore, 'EECO01')).toFixed()).toBe('1'); // participants
    expect(indicator(now, 'EECR04').minus(indicator(viewBefore, 'EECR04')).toFixed()).toBe('1'); // employed on leaving
    expect(indicator(now, 'PS06').minus(indicator(viewBefore, 'PS06')).toFixed()).toBe('3'); // the manual figure
    expect(women(now) - women(viewBefore)).toBe(1);
  });

  it('reads the frozen figures of a reporting period only when it was locked by the as-of date', async () => {
    const year2022 = { kind: 'INTERIM', fiscalYear: 2022 };
    const em = t.orm.em.fork();
    // A person who left in 2022 and whose status on leaving was never observed.
    const [leaver] = await em.execute<{ id: string; exit_date: string }[]>(
      `select p.id, p.exit_date::text as exit_date from participant p
        where p.project_id = ? and p.exit_date between '2022-01-01' and '2022-12-31' and p.identity_erased_at is null
          and not exists (select 1 from labour_market_observation o where o.participant_id = p.id and o.observed_on between p.exit_date and p.exit_date + 28)
          and not exists (select 1 from participation pa where pa.participant_id = p.id and pa.exit_reason in ('TOOK_UP_JOB', 'STARTED_TRAINING'))
        order by p.exit_date, p.id limit 1`,
      [projectId],
    );
    const [period] = await em.execute<{ id: string }[]>(
      `select id from reporting_period where project_id = ? and period_from = '2022-01-01'`,
      [projectId],
    );
    const before = await json(AS_OF, year2022);
    // The grantor locks 2022 today (after the as-of date); then her status on leaving is recorded, dated in 2022.
    expect((await t.gqlAs('grantor', LOCK_PERIOD, { id: period.id })).data!.lockReportingPeriod.status).toBe('LOCKED');
    const observed = await t.gqlAs('caseworker', OBSERVE, {
      input: { participantId: leaver.id, observedOn: leaver.exit_date, type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'CASE_FILE' },
    });
    expect(observed.errors).toBeUndefined();
    // As of today the period is locked: its snapshot, taken before the observation was recorded.
    expect(indicator(await json(todayUtc(), year2022), 'EECR04').toFixed()).toBe(indicator(before, 'EECR04').toFixed());
    // As of the earlier date it was not locked yet: computed from the data dated by then, which includes the observation.
    expect(
      indicator(await json(AS_OF, year2022), 'EECR04')
        .minus(indicator(before, 'EECR04'))
        .toFixed(),
    ).toBe('1');
  });
});
