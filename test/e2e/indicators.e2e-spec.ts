import { Role } from '../../src/auth/role.enum.js';
import { MeasureType, ObservationSource, ObservationType } from '../../src/measures/measures.enums.js';
import { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, Track } from '../../src/participants/participants.enums.js';
import { IndicatorDataBuilder } from '../factories/indicator-data.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const REPORT = /* GraphQL */ `
  query Report($projectId: ID!, $period: ReportPeriodInput!) {
    indicatorReport(projectId: $projectId, period: $period) {
      locked
      suppressionApplied
      minCellSize
      reportingPeriodId
      rows {
        code
        unit
        baseline
        milestone
        yearTarget
        target
        periodActual
        cumulativeActual
        numerator
        denominator
        attainmentPercent
        projectedActual
        projectedAttainmentPercent
        lateCorrection
        suppressed
        disaggregations {
          dimension
          period {
            key
            count
            suppressed
          }
          cumulative {
            key
            count
            suppressed
          }
        }
      }
    }
  }
`;
const CATALOGUE = `query($programId: ID!) { indicatorCatalogue(programId: $programId) { id code unit source rule cumulative } }`;
const SET_TARGETS = `mutation($input: SetIndicatorTargetsInput!) { setIndicatorTargets(input: $input) { code baseline milestone target years { year target } } }`;
const CREATE_UPDATE = `mutation($input: CreateIndicatorUpdateInput!) { createIndicatorUpdate(input: $input) { id status } }`;
const EDIT_UPDATE = `mutation($id: ID!, $input: IndicatorUpdateInput!) { editIndicatorUpdate(id: $id, input: $input) { id status value } }`;
const SUBMIT = `mutation($id: ID!) { submitIndicatorUpdate(id: $id) { id status submittedBy } }`;
const APPROVE = `mutation($id: ID!) { approveIndicatorUpdate(id: $id) { id status decidedBy } }`;
const RETURN = `mutation($input: ReturnIndicatorUpdateInput!) { returnIndicatorUpdate(input: $input) { id status decisionComment } }`;
const CREATE_PERIOD = `mutation($input: CreateReportingPeriodInput!) { createReportingPeriod(input: $input) { id status } }`;
const LOCK = `mutation($id: ID!) { lockReportingPeriod(id: $id) { id status lockedBy } }`;

const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
const Y2025 = { from: '2025-01-01', to: '2025-12-31' };

type Row = Record<string, any>;
const rowOf = (report: { rows: Row[] }, code: string): Row => report.rows.find((r) => r.code === code)!;
const cells = (row: Row, dimension: string, column: 'period' | 'cumulative' = 'period') =>
  Object.fromEntries(row.disaggregations.find((d: Row) => d.dimension === dimension)[column].map((c: Row) => [c.key, c.count]));

describe('outcome indicators (GraphQL over HTTP, real PostgreSQL, hand-built data)', () => {
  let t: TestApp;
  let programId: string;
  let projectId: string;
  let data: IndicatorDataBuilder;
  const ids: Record<string, string> = {};
  let indicator: Record<string, string>;

  const report = async (user: string, period = Y2024) => {
    const result = await t.gqlAs(user, REPORT, { projectId, period });
    expect(result.errors).toBeUndefined();
    return result.data!.indicatorReport;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const programs = await t.gqlAs('admin', '{ programs { nodes { id } } }');
    programId = programs.data!.programs.nodes[0].id;
    const created = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId,
        fileNumber: 'IND-TEST-1',
        title: 'Indicator test project',
        grantee: 'Jobcenter Test',
        approvalStart: '2024-01-01',
        approvalEnd: '2025-12-31',
        approvedTotal: '100000.00',
        financingType: 'FULL',
        fundingRate: '100.00',
      },
    });
    projectId = created.data!.createProject.id;
    for (const [username, role] of [
      ['ind-finance', Role.FINANCE],
      ['ind-analyst', Role.ANALYST],
      ['ind-auditor', Role.AUDITOR],
      ['ind-admin', Role.ADMIN],
    ] as const) {
      await createUser(t.orm, { username, grants: [{ role, projectId }] });
    }
    const catalogue = await t.gqlAs('admin', CATALOGUE, { programId });
    indicator = Object.fromEntries(catalogue.data!.indicatorCatalogue.map((d: Row) => [d.code, d.id]));

    // The hand-built data set (period 2024 unless said otherwise); the figures it must give are worked out in each test.
    data = new IndicatorDataBuilder(t.orm, projectId);
    const coaching = await data.measure(MeasureType.HOLISTIC_COACHING_16K);
    const placement = await data.measure(MeasureType.ACTIVATION_PLACEMENT_45);
    const job16i = await data.measure(MeasureType.LABOUR_MARKET_PARTICIPATION_16I);
    const youth = await data.measure(MeasureType.TRAINING_PLACEMENT, Track.YOUTH_TRAINING);
    const { MALE } = Gender;
    const { UNEMPLOYED, LONG_TERM_UNEMPLOYED, INACTIVE, EMPLOYED } = LabourStatusAtEntry;

    const { EMPLOYMENT_SOCIAL_INSURANCE: JOB, BENEFIT_RECEIPT_ENDED, JOB_SEARCHING, EMPLOYMENT_16I, VOCATIONAL_TRAINING } = ObservationType;
    const EXIT_RECORD = ObservationSource.EXIT_RECORD; // what the service writes for an exit "took up a job" / "started training"

    // P1: long-term unemployed, employed 10 days after exit (inside 28 days), benefit receipt ended, employed 6 months later.
    ids.p1 = await data.participant({
      birthYear: 1990,
      entryDate: '2024-02-01',
      entryStatus: LONG_TERM_UNEMPLOYED,
      exit: { date: '2024-06-30', reason: ExitReason.COMPLETED },
    });
    await data.observation(ids.p1, '2024-07-10', JOB);
    await data.observation(ids.p1, '2024-07-10', BENEFIT_RECEIPT_ENDED);
    await data.observation(ids.p1, '2025-01-05', JOB);
    // P2: employment observed 46 days after exit: outside the 28-day window, so no status on leaving (but an integration in August).
    ids.p2 = await data.participant({
      birthYear: 1985,
      entryDate: '2024-02-01',
      entryStatus: UNEMPLOYED,
      exit: { date: '2024-06-30', reason: ExitReason.COMPLETED },
    });
    await data.observation(ids.p2, '2024-08-15', JOB);
    // P3: under 30, inactive; left for a job (Sept: an integration) but 20 days later job-searching: the last status wins.
    ids.p3 = await data.participant({
      birthYear: 1995,
      entryDate: '2024-03-01',
      entryStatus: INACTIVE,
      education: EducationLevel.ISCED_0_2,
      exit: { date: '2024-09-30', reason: ExitReason.TOOK_UP_JOB },
    });
    await data.participation(ids.p3, coaching, '2024-03-01', { date: '2024-09-30', reason: ExitReason.TOOK_UP_JOB });
    await data.observation(ids.p3, '2024-09-30', JOB, EXIT_RECORD);
    await data.observation(ids.p3, '2024-10-20', JOB_SEARCHING);
    // P4: took up a job in May (left a measure for it), left a second measure for the same job later in May, still employed at exit in
    // June: one job taken up, so one integration (May); the continuing job is not taken up again.
    ids.p4 = await data.participant({
      birthYear: 1970,
      entryDate: '2024-03-01',
      entryStatus: UNEMPLOYED,
      exit: { date: '2024-05-31', reason: ExitReason.TOOK_UP_JOB },
    });
    await data.participation(ids.p4, coaching, '2024-03-01', { date: '2024-05-10', reason: ExitReason.TOOK_UP_JOB });
    await data.observation(ids.p4, '2024-05-10', JOB, EXIT_RECORD);
    await data.participation(ids.p4, placement, '2024-05-15', { date: '2024-05-28', reason: ExitReason.TOOK_UP_JOB });
    await data.observation(ids.p4, '2024-05-28', JOB, EXIT_RECORD);
    await data.observation(ids.p4, '2024-06-05', JOB);
    await data.observation(ids.p4, '2024-06-05', BENEFIT_RECEIPT_ENDED);
    // P5: in a § 16i job until exit and still there: employed on leaving, but no integration.
    ids.p5 = await data.participant({
      birthYear: 1980,
      entryDate: '2024-04-01',
      entryStatus: LONG_TERM_UNEMPLOYED,
      exit: { date: '2024-11-30', reason: ExitReason.COMPLETED },
    });
    await data.participation(ids.p5, job16i, '2024-04-01', { date: '2024-11-30', reason: ExitReason.COMPLETED });
    await data.observation(ids.p5, '2024-12-05', EMPLOYMENT_16I);
    // P6: a man of 59, employed at entry, dropped out.
    ids.p6 = await data.participant({
      gender: MALE,
      birthYear: 1965,
      entryDate: '2024-05-01',
      entryStatus: EMPLOYED,
      education: EducationLevel.ISCED_5_8,
      exit: { date: '2024-08-31', reason: ExitReason.DROPPED_OUT },
    });
    // P7: youth track, 19, left to start a vocational training (one integration in August, one training place).
    ids.p7 = await data.participant({
      birthYear: 2005,
      entryDate: '2024-06-01',
      entryStatus: UNEMPLOYED,
      education: EducationLevel.ISCED_0_2,
      track: Track.YOUTH_TRAINING,
      exit: { date: '2024-08-31', reason: ExitReason.STARTED_TRAINING },
    });
    await data.participation(ids.p7, youth, '2024-06-01', { date: '2024-08-31', reason: ExitReason.STARTED_TRAINING });
    await data.observation(ids.p7, '2024-08-31', VOCATIONAL_TRAINING, EXIT_RECORD);
    await data.observation(ids.p7, '2024-08-31', VOCATIONAL_TRAINING);
    // P8 entered in 2025; P9 is still in the project.
    ids.p8 = await data.participant({ birthYear: 1988, entryDate: '2025-01-15', entryStatus: UNEMPLOYED });
    ids.p9 = await data.participant({ birthYear: 1990, entryDate: '2024-07-01', entryStatus: UNEMPLOYED });
  });
  afterAll(() => t.close());

  it('counts outputs at entry in the period of entry, broken down by gender and age band', async () => {
    const r = await report('ind-auditor');
    expect(r.suppressionApplied).toBe(false);
    // Entered in 2024: P1–P7 and P9 = 8; P8 entered in 2025.
    expect(rowOf(r, 'EECO01').periodActual).toBe('8.00');
    expect(cells(rowOf(r, 'EECO01'), 'GENDER')).toEqual({ FEMALE: 7, MALE: 1, DIVERSE: 0 });
    // Unemployed incl. long-term: P1, P2, P4, P5, P7, P9; long-term: P1, P5; inactive: P3; employed: P6.
    expect(rowOf(r, 'EECO02').periodActual).toBe('6.00');
    expect(rowOf(r, 'EECO03').periodActual).toBe('2.00');
    expect(rowOf(r, 'EECO04').periodActual).toBe('1.00');
    expect(rowOf(r, 'EECO05').periodActual).toBe('1.00');
    // Under 30 in the entry year: P3 (29), P7 (19); 55 and over: P6 (59).
    expect(rowOf(r, 'EECO07').periodActual).toBe('2.00');
    expect(rowOf(r, 'EECO08').periodActual).toBe('1.00');
    expect(cells(rowOf(r, 'EECO01'), 'AGE_BAND')).toEqual({ UNDER_30: 2, FROM_30_TO_54: 5, FROM_55: 1 });
    // 2025: only P8 entered; cumulatively 9.
    const r2025 = await report('ind-auditor', Y2025);
    expect(rowOf(r2025, 'EECO01')).toMatchObject({ periodActual: '1.00', cumulativeActual: '9.00' });
  });

  it('counts results on leaving: 28-day window, the last status wins, job-searching and employed exclude each other', async () => {
    const r = await report('ind-auditor');
    // Employed on leaving: P1 (day 10), P4, P5 (a § 16i job is still employment); not P2 (day 46), not P3 (job-searching last).
    expect(rowOf(r, 'EECR04').periodActual).toBe('3.00');
    // Job-searching: P3 only, although a job start was recorded for P3 before.
    expect(rowOf(r, 'EECR01').periodActual).toBe('1.00');
    expect(rowOf(r, 'EECR02').periodActual).toBe('1.00'); // P7 in training
    // Longer-term: P1 is employed 6 months after exit and better off than at entry (exit + 6 months falls in 2024).
    expect(rowOf(r, 'EELR04').periodActual).toBe('1.00');
    expect(rowOf(r, 'EELR05').periodActual).toBe('1.00');
  });

  it('counts integrations at most once per person and month, without § 16i jobs, and the programme-specific figures', async () => {
    const r = await report('ind-auditor');
    // Jobs and trainings taken up: P1 July, P2 August, P3 September, P4 May (one job, still held in June), P5 none (§ 16i), P7 August (training) = 5.
    expect(rowOf(r, 'PS01').periodActual).toBe('5.00');
    // Integration rate: leavers whose status on leaving is an integration (P1, P4, P7; not P5's § 16i job) of 7 leavers = 42.86 %.
    expect(rowOf(r, 'PS02')).toMatchObject({ unit: 'PERCENT', periodActual: '42.86', numerator: 3, denominator: 7 });
    expect(rowOf(r, 'PS03').periodActual).toBe('2.00'); // benefit receipt ended: P1, P4
    expect(rowOf(r, 'PS04').periodActual).toBe('1.00'); // training place: P7
    expect(rowOf(r, 'PS05').periodActual).toBe('1.00'); // dropout: P6
  });

  it('perturbs counts for analysts by the cell key method and withholds those below 5 (zeros included), but not for auditors', async () => {
    const analyst = await report('ind-analyst');
    expect(analyst).toMatchObject({ suppressionApplied: true, minCellSize: 5 });
    const total = rowOf(analyst, 'EECO01');
    // 8 persons: published moved by at most 2 (src/privacy/disclosure-control.ts).
    expect(Math.abs(Number(total.periodActual) - 8)).toBeLessThanOrEqual(2);
    const gender = Object.fromEntries(total.disaggregations.find((d: Row) => d.dimension === 'GENDER').period.map((c: Row) => [c.key, c]));
    // FEMALE (7) stays at 5 or more; MALE (1) cannot reach 5 and is withheld; the empty DIVERSE cell is withheld like a small one.
    expect(Math.abs(gender.FEMALE.count - 7)).toBeLessThanOrEqual(2);
    expect(gender.MALE).toEqual({ key: 'MALE', count: null, suppressed: true });
    expect(gender.DIVERSE).toEqual({ key: 'DIVERSE', count: null, suppressed: true });
    // A total of 2 persons is withheld, and so is everything it could be recovered from.
    expect(rowOf(analyst, 'EECO03')).toMatchObject({
      periodActual: null,
      cumulativeActual: null,
      attainmentPercent: null,
      projectedActual: null,
      suppressed: true,
    });
    // A share of 3 persons: its numerator is withheld, or shown at 5 at most (3 + the largest deviation); never an exact 3.
    const share = rowOf(analyst, 'PS02');
    expect([null, 5]).toContain(share.numerator);
    if (share.numerator === null) expect(share.periodActual).toBeNull();
    // Asking again gives the same published figures (the same cell keys).
    expect(await report('ind-analyst')).toEqual(analyst);

    const auditor = await report('ind-auditor');
    expect(cells(rowOf(auditor, 'EECO01'), 'GENDER')).toEqual({ FEMALE: 7, MALE: 1, DIVERSE: 0 });
    expect(rowOf(auditor, 'EECO03')).toMatchObject({ periodActual: '2.00', suppressed: false });
    const grantor = await report('grantor');
    expect(grantor.suppressionApplied).toBe(false);
  });

  it('keeps targets per indicator and reports attainment and a projection to the end of the programme', async () => {
    const set = await t.gqlAs('ind-finance', SET_TARGETS, {
      input: {
        projectId,
        indicatorId: indicator.EECO01,
        baseline: '0',
        milestone: '10',
        target: '20',
        years: [
          { year: 2024, target: '10' },
          { year: 2025, milestone: '15', target: '10' },
        ],
      },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setIndicatorTargets).toMatchObject({
      target: '20.00',
      years: [
        { year: 2024, target: '10.00' },
        { year: 2025, target: '10.00' },
      ],
    });
    const r = rowOf(await report('ind-auditor'), 'EECO01');
    // 8 of 20 = 40 %; after 366 of 731 days, 8 projects to 8 × 731 / 366 = 15.978… → 15.98, which is 79.90 % of 20.
    expect(r).toMatchObject({
      baseline: '0.00',
      milestone: '10.00',
      yearTarget: '10.00',
      target: '20.00',
      attainmentPercent: '40.00',
      projectedActual: '15.98',
      projectedAttainmentPercent: '79.90',
    });

    const refused = [
      [{ target: '-1' }, 'target'],
      [{ target: '2.5' }, 'target'],
      [{ target: '20', years: [{ year: 2031, target: '1' }] }, 'years'],
      [
        {
          target: '20',
          years: [
            { year: 2024, target: '1' },
            { year: 2024, target: '2' },
          ],
        },
        'years',
      ],
    ] as const;
    for (const [input, field] of refused) {
      const result = await t.gqlAs('ind-finance', SET_TARGETS, { input: { projectId, indicatorId: indicator.EECO01, ...input } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const percent = await t.gqlAs('ind-finance', SET_TARGETS, { input: { projectId, indicatorId: indicator.PS02, target: '120.00' } });
    expect(percent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'target' });
    const analyst = await t.gqlAs('ind-analyst', SET_TARGETS, { input: { projectId, indicatorId: indicator.EECO01, target: '1' } });
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const after = rowOf(await report('ind-auditor'), 'EECO01');
    expect(after.target).toBe('20.00'); // nothing was written by the refused attempts
  });

  it('counts manual updates only once approved, by someone other than the submitter', async () => {
    const ps06 = () => report('ind-auditor').then((r) => rowOf(r, 'PS06').periodActual);
    const input = (value: string) => ({ projectId, indicatorId: indicator.PS06, periodFrom: '2024-01-01', periodTo: '2024-12-31', value });
    const created = await t.gqlAs('ind-finance', CREATE_UPDATE, { input: input('12') });
    expect(created.data!.createIndicatorUpdate.status).toBe('DRAFT');
    const id = created.data!.createIndicatorUpdate.id;
    const draftOnly = await t.gqlAs('ind-finance', CREATE_UPDATE, { input: input('5') });
    expect(draftOnly.errors).toBeUndefined();
    expect(await ps06()).toBe('0.00');

    expect((await t.gqlAs('ind-finance', SUBMIT, { id })).data!.submitIndicatorUpdate.status).toBe('SUBMITTED');
    expect(await ps06()).toBe('0.00');
    // Finance cannot approve at all; an administrator who submitted cannot approve their own.
    expect((await t.gqlAs('ind-finance', APPROVE, { id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await t.gqlAs('ind-admin', CREATE_UPDATE, { input: input('3') });
    await t.gqlAs('ind-admin', SUBMIT, { id: own.data!.createIndicatorUpdate.id });
    expect((await t.gqlAs('ind-admin', APPROVE, { id: own.data!.createIndicatorUpdate.id })).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );

    const returned = await t.gqlAs('grantor', RETURN, { input: { id, comment: 'Bitte Nachweis der Betriebe beifügen.' } });
    expect(returned.data!.returnIndicatorUpdate).toMatchObject({
      status: 'RETURNED',
      decisionComment: 'Bitte Nachweis der Betriebe beifügen.',
    });
    expect(await ps06()).toBe('0.00');
    const edited = await t.gqlAs('ind-finance', EDIT_UPDATE, {
      id,
      input: { periodFrom: '2024-01-01', periodTo: '2024-12-31', value: '11' },
    });
    expect(edited.data!.editIndicatorUpdate).toMatchObject({ status: 'RETURNED', value: '11.00' });
    await t.gqlAs('ind-finance', SUBMIT, { id });
    const approved = await t.gqlAs('grantor', APPROVE, { id });
    expect(approved.data!.approveIndicatorUpdate.status).toBe('APPROVED');
    expect(await ps06()).toBe('11.00');
    // An approved update is final.
    expect(
      (await t.gqlAs('ind-finance', EDIT_UPDATE, { id, input: { periodFrom: '2024-01-01', periodTo: '2024-12-31', value: '99' } }))
        .errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    // Manual updates are for MANUAL indicators only, and a percentage must match its share.
    const computed = await t.gqlAs('ind-finance', CREATE_UPDATE, { input: { ...input('1'), indicatorId: indicator.EECO01 } });
    expect(computed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'indicatorId' });
    const share = await t.gqlAs('ind-finance', CREATE_UPDATE, {
      input: { ...input('50.00'), indicatorId: indicator.PS07, numerator: 1, denominator: 3 },
    });
    expect(share.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'denominator' });
  });

  it('freezes a locked period: later data do not change it and show as late corrections in the next period', async () => {
    const p2024 = (
      await t.gqlAs('ind-finance', CREATE_PERIOD, {
        input: { projectId, label: 'Berichtsjahr 2024', periodFrom: Y2024.from, periodTo: Y2024.to },
      })
    ).data!.createReportingPeriod.id;
    const p2025 = (
      await t.gqlAs('ind-finance', CREATE_PERIOD, {
        input: { projectId, label: 'Berichtsjahr 2025', periodFrom: Y2025.from, periodTo: Y2025.to },
      })
    ).data!.createReportingPeriod.id;
    const overlap = await t.gqlAs('ind-finance', CREATE_PERIOD, {
      input: { projectId, label: 'Überlappend', periodFrom: '2024-06-01', periodTo: '2024-07-31' },
    });
    expect(overlap.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodFrom' });
    const reversed = await t.gqlAs('ind-finance', CREATE_PERIOD, {
      input: { projectId, label: 'Rückwärts', periodFrom: '2025-06-01', periodTo: '2025-05-31' },
    });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'periodTo' });
    expect((await t.gqlAs('grantor', LOCK, { id: p2025 })).errors?.[0].extensions?.code).toBe('CONFLICT'); // 2024 first
    expect((await t.gqlAs('ind-finance', LOCK, { id: p2024 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // Ten approvers at once: exactly one locks, the others are told it is locked already.
    const attempts = await Promise.all(Array.from({ length: 10 }, () => t.gqlAs('grantor', LOCK, { id: p2024 })));
    expect(attempts.filter((a) => a.data?.lockReportingPeriod?.status === 'LOCKED')).toHaveLength(1);
    expect(attempts.filter((a) => a.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(9);
    const [{ count: snapshotRows }] = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as count from indicator_snapshot where period_id = ? and dimension = 'TOTAL'`, [p2024]);
    const [{ count: indicators }] = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as count from indicator_definition where program_id = ?`, [programId]);
    expect(snapshotRows).toBe(indicators);

    // The audit trail holds one successful lock with the status change, and the refused attempts.
    const audit = await t.gqlAs(
      'ind-auditor',
      `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 50) { nodes { outcome errorCode changes { entity id after } } } }`,
      {
        f: { projectId, operation: 'lockReportingPeriod' },
      },
    );
    const events = audit.data!.auditEvents.nodes as Row[];
    const locked = events.filter((e) => e.outcome === 'SUCCESS');
    expect(locked).toHaveLength(1);
    expect(locked[0].changes[0]).toMatchObject({ entity: 'ReportingPeriod', id: p2024 });
    expect(JSON.parse(locked[0].changes[0].after)).toMatchObject({ status: 'LOCKED' });
    const attempts2024 = await t.gqlAs(
      'admin',
      `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 50) { nodes { outcome errorCode entityIds } } }`,
      { f: { operation: 'lockReportingPeriod' } },
    );
    const refusedLocks = (attempts2024.data!.auditEvents.nodes as Row[]).filter(
      (e) => e.errorCode === 'CONFLICT' && e.entityIds.some((x: string) => x.endsWith(p2024)),
    );
    expect(refusedLocks).toHaveLength(9);

    const before = await report('ind-auditor');
    expect(before).toMatchObject({ locked: true, reportingPeriodId: p2024 });
    expect(rowOf(before, 'EECO01').periodActual).toBe('8.00');

    // A late registration for 2024 and a late exit record: the locked 2024 figures stay as they were.
    await data.participant({ birthYear: 1992, entryDate: '2024-10-01', entryStatus: LabourStatusAtEntry.UNEMPLOYED });
    const after = await report('ind-auditor');
    expect(rowOf(after, 'EECO01').periodActual).toBe('8.00');
    expect(rowOf(after, 'EECO02').periodActual).toBe('6.00');
    expect(rowOf(after, 'PS06').periodActual).toBe('11.00');
    expect(cells(rowOf(after, 'EECO01'), 'GENDER')).toEqual({ FEMALE: 7, MALE: 1, DIVERSE: 0 });

    // 2025 shows the late 2024 entry as a correction; its own figure is P8 only; cumulatively 8 + 1 + 1 = 10.
    const next = await report('ind-auditor', Y2025);
    expect(next.locked).toBe(false);
    expect(rowOf(next, 'EECO01')).toMatchObject({ periodActual: '1.00', lateCorrection: '1.00', cumulativeActual: '10.00' });
    expect(rowOf(next, 'EECO02').lateCorrection).toBe('1.00');
    expect(rowOf(next, 'EECO03').lateCorrection).toBe('0.00');
    // The analyst sees no correction of a single person.
    expect(rowOf(await report('ind-analyst', Y2025), 'EECO01').lateCorrection).toBeNull();

    // A manual update for 2024 approved after the lock (two approvers at once: exactly one decides) is a late correction too.
    const late = await t.gqlAs('ind-finance', CREATE_UPDATE, {
      input: { projectId, indicatorId: indicator.PS06, periodFrom: '2024-10-01', periodTo: '2024-12-31', value: '4' },
    });
    const lateId = late.data!.createIndicatorUpdate.id;
    await t.gqlAs('ind-finance', SUBMIT, { id: lateId });
    const decisions = await Promise.all([t.gqlAs('grantor', APPROVE, { id: lateId }), t.gqlAs('ind-admin', APPROVE, { id: lateId })]);
    expect(decisions.filter((d) => d.data?.approveIndicatorUpdate?.status === 'APPROVED')).toHaveLength(1);
    expect(decisions.filter((d) => d.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect(rowOf(await report('ind-auditor'), 'PS06').periodActual).toBe('11.00');
    expect(rowOf(await report('ind-auditor', Y2025), 'PS06')).toMatchObject({
      periodActual: '0.00',
      lateCorrection: '4.00',
      cumulativeActual: '15.00',
    });
  });

  it('refuses periods outside the approval period and readers without a role', async () => {
    const outside = await t.gqlAs('ind-auditor', REPORT, { projectId, period: { from: '2023-01-01', to: '2023-12-31' } });
    expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.from' });
    const reversed = await t.gqlAs('ind-auditor', REPORT, { projectId, period: { from: '2024-12-31', to: '2024-01-01' } });
    expect(reversed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
    // The demo project's analyst holds no role on this project.
    const stranger = await t.gqlAs('analyst', REPORT, { projectId, period: Y2024 });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const caseworker = await t.gqlAs('caseworker', REPORT, { projectId, period: Y2024 });
    expect(caseworker.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
