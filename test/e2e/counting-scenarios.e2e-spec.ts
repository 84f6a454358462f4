import { Role } from '../../src/auth/role.enum.js';
import { IdentityVault } from '../../src/participants/identity-vault.js';
import { backfillAgeAtEntry } from '../../src/participants/age-at-entry.backfill.js';
import { registration } from '../factories/participants.js';
import { createUser } from '../factories/users.js';
import { pinClock, unpinClock } from '../setup/clock.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * One scenario per counting rule (docs/domain.md#outcome-indicators), through GraphQL over HTTP against PostgreSQL, with
 * the clock pinned to 15 June 2025 and exact expected figures. Each scenario has its own project
 * (in the demo programme, whose indicator catalogue it uses), so the figures are its own.
 * Before the change each of them failed (see the report): the second status was refused,
 * the 46-day job was refused, the age bands came from the birth year, a 35-day window was accepted
 * but not counted, the early exit was accepted, the rate had no late correction, and the returning
 * person was refused as a duplicate.
 */
const REPORT = /* GraphQL */ `
  query Report($projectId: ID!, $period: ReportPeriodInput!) {
    indicatorReport(projectId: $projectId, period: $period) {
      locked
      rows {
        code
        periodActual
        cumulativeActual
        numerator
        denominator
        lateCorrection
        lateCorrections {
          periodFrom
          periodTo
          reportedActual
          correctedActual
          difference
          reportedNumerator
          correctedNumerator
          reportedDenominator
          correctedDenominator
        }
        corrected {
          actual
          numerator
          denominator
          difference
        }
        disaggregations {
          dimension
          period {
            key
            count
          }
        }
      }
    }
  }
`;
const REGISTER = `mutation($input: RegisterParticipantInput!) { registerParticipant(input: $input) { id pseudonym episode previousEpisodeId } }`;
const ENROL = `mutation($input: EnrolInput!) { enrolParticipant(input: $input) { id } }`;
const EXIT = `mutation($id: ID!, $input: ExitParticipantInput!) { exitParticipant(id: $id, input: $input) { id status exitDate } }`;
const OBSERVE = `mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id recordNo kind inForce } }`;
const CORRECT = `mutation($input: CorrectObservationInput!) { correctObservation(input: $input) { id recordNo kind supersedesId inForce } }`;
const WITHDRAW = `mutation($input: WithdrawObservationInput!) { withdrawObservation(input: $input) { id recordNo kind supersedesId inForce } }`;
const CORRECT_EXIT = `mutation($id: ID!, $input: CorrectExitInput!) { correctParticipantExit(id: $id, input: $input) { id status exitDate exitReason retainUntil } }`;
const WITHDRAW_EXIT = `mutation($id: ID!, $input: WithdrawExitInput!) { withdrawParticipantExit(id: $id, input: $input) { id status exitDate exitReason retainUntil } }`;
const Y2023 = { from: '2023-01-01', to: '2023-12-31' };
const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
const Y2025 = { from: '2025-01-01', to: '2025-12-31' };

type Row = Record<string, any>;

describe('counting rules when real life corrects itself (clock pinned to 2025-06-15)', () => {
  let t: TestApp;
  let programId: string;
  let n = 0;

  beforeAll(async () => {
    pinClock('2025-06-15');
    t = await createTestApp();
    programId = (await t.gqlAs('admin', '{ programs { nodes { id } } }')).data!.programs.nodes[0].id;
  });
  afterAll(async () => {
    await t.close();
    unpinClock();
  });

  /** A project of its own, a case worker and an analyst on it, and one coaching measure. */
  async function scenario() {
    const k = ++n;
    const created = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId,
        fileNumber: `CNT-${k}`,
        title: `Counting ${k}`,
        grantee: 'Jobcenter Test',
        approvalStart: '2023-01-01',
        approvalEnd: '2026-12-31',
        approvedTotal: '100000.00',
        financingType: 'FULL',
        fundingRate: '100.00',
      },
    });
    const projectId: string = created.data!.createProject.id;
    const cw = `cnt-cw-${k}`;
    await createUser(t.orm, {
      username: cw,
      grants: [
        { role: Role.CASE_WORKER, projectId },
        { role: Role.AUDITOR, projectId },
      ],
    });
    await createUser(t.orm, { username: `cnt-an-${k}`, grants: [{ role: Role.ANALYST, projectId }] });
    const measure = await t.gqlAs('admin', `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id } }`, {
      input: {
        projectId,
        type: 'HOLISTIC_COACHING_16K',
        title: 'Coaching',
        provider: 'Träger',
        track: 'WOMEN_REENTRY',
        startDate: '2023-01-01',
        endDate: '2026-12-31',
        capacity: 100,
        costPerPlace: '100.00',
      },
    });
    const call = (query: string, variables: Record<string, unknown>, as = cw) => t.gqlAs(as, query, variables);
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const result = await call(query, variables);
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data!;
    };
    const entryData = (day: string) => ({
      labourStatusAtEntry: 'UNEMPLOYED',
      monthsOnBenefits: 6,
      educationLevel: 'ISCED_3_4',
      monitoringConsentOn: day,
    });
    /** Registers and enrols a woman entering on `entryDate`. */
    const person = async (entryDate: string, identity: Record<string, unknown> = {}) => {
      const p = (await ok(REGISTER, { input: registration(projectId, { entryDate, entryData: entryData(entryDate) }, identity) }))
        .registerParticipant;
      const participationId: string = (
        await ok(ENROL, { input: { participantId: p.id, measureId: measure.data!.createMeasure.id, startDate: entryDate } })
      ).enrolParticipant.id;
      return { ...p, participationId } as { id: string; pseudonym: string; episode: number; participationId: string };
    };
    const exit = (id: string, exitDate: string, exitReason = 'COMPLETED') => ok(EXIT, { id, input: { exitDate, exitReason } });
    const observe = async (participantId: string, observedOn: string, type: string) =>
      (await ok(OBSERVE, { input: { participantId, observedOn, type, source: 'CASE_FILE' } })).recordObservation as {
        id: string;
        recordNo: number;
      };
    const report = async (period: { from: string; to: string }, as = cw) => {
      const result = await t.gqlAs(as, REPORT, { projectId, period });
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const rows = result.data!.indicatorReport.rows as Row[];
      const row = (code: string) => rows.find((r) => r.code === code)!;
      return Object.assign(row, {
        locked: result.data!.indicatorReport.locked as boolean,
        actual: (code: string) => row(code).periodActual as string,
      });
    };
    return { projectId, cw, analyst: `cnt-an-${k}`, call, ok, person, exit, observe, report, entryData };
  }

  it('1 · counts the last status within the window: job-searching on day 5, employed on day 20 is employed', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-06-30');
    await s.observe(a.id, '2024-07-05', 'JOB_SEARCHING');
    expect(await s.observe(a.id, '2024-07-20', 'EMPLOYMENT_SOCIAL_INSURANCE')).toMatchObject({ recordNo: 2 });
    const r = await s.report(Y2024);
    expect([r.actual('EECR01'), r.actual('EECR04'), r.actual('PS01')]).toEqual(['0.00', '1.00', '1.00']);
    expect(r('PS02')).toMatchObject({ periodActual: '100.00', numerator: 1, denominator: 1 });
  });

  it('2 · counts integrations outside the windows: 46 days after exit, and while still in a measure', async () => {
    const s = await scenario();
    const late = await s.person('2024-01-15');
    await s.exit(late.id, '2024-06-30');
    await s.observe(late.id, '2024-08-15', 'EMPLOYMENT_SOCIAL_INSURANCE');
    const inMeasure = await s.person('2024-01-15');
    await s.observe(inMeasure.id, '2024-03-10', 'EMPLOYMENT_SOCIAL_INSURANCE');
    // A status that describes the time after leaving is refused while she takes part.
    const refused = await s.call(OBSERVE, {
      input: { participantId: inMeasure.id, observedOn: '2024-03-11', type: 'JOB_SEARCHING', source: 'CASE_FILE' },
    });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    const r = await s.report(Y2024);
    expect(r.actual('PS01')).toBe('2.00');
    expect(r.actual('EECR04')).toBe('0.00'); // day 46 lies outside the window of the status on leaving
    expect((await s.report({ from: '2024-03-01', to: '2024-03-31' })).actual('PS01')).toBe('1.00');
    expect((await s.report({ from: '2024-08-01', to: '2024-08-31' })).actual('PS01')).toBe('1.00');
  });

  it('3 · bands the exact age at entry, kept when registered and when the date of birth is corrected, backfilled from the vault', async () => {
    const s = await scenario();
    await s.person('2023-03-15', { dateOfBirth: '1993-10-01' }); // 29 at entry, not "2023 − 1993 = 30"
    const older = await s.person('2023-03-15', { dateOfBirth: '1968-12-31' }); // 54 at entry, not 55
    const r = await s.report(Y2023);
    expect([r.actual('EECO07'), r.actual('EECO08')]).toEqual(['1.00', '0.00']);
    expect(r('EECO01').disaggregations.find((d: Row) => d.dimension === 'AGE_BAND').period).toEqual([
      { key: 'UNDER_30', count: 1 },
      { key: 'FROM_30_TO_54', count: 1 },
      { key: 'FROM_55', count: 0 },
    ]);
    const stats = await s.call(`query($p: ID!) { participantStatistics(projectId: $p) { cells { dimension value count } } }`, {
      p: s.projectId,
    });
    expect(stats.data!.participantStatistics.cells.filter((c: Row) => c.dimension === 'ageBand')).toEqual([
      { dimension: 'ageBand', value: '30_TO_54', count: 1 },
      { dimension: 'ageBand', value: 'UNDER_30', count: 1 },
    ]);
    // A corrected date of birth (1 March 1968: 55 on 15 March 2023) moves her into 55 and over.
    const identity = {
      ...registration(s.projectId, {}, { firstName: 'Korrigiert', lastName: 'Geburtsdatum', dateOfBirth: '1968-03-01' }).identity,
    };
    expect(
      (
        await s.call(`mutation($id: ID!, $input: UpdateIdentityInput!) { updateParticipantIdentity(id: $id, input: $input) { id } }`, {
          id: older.id,
          input: { identity },
        })
      ).errors,
    ).toBeUndefined();
    expect((await s.report(Y2023)).actual('EECO08')).toBe('1.00');
    // Records from before the field existed get it at start-up, from the encrypted date of birth.
    const em = t.orm.em.fork();
    await em.getConnection().execute(`update participant set age_at_entry = null where project_id = ?`, [s.projectId]);
    expect((await s.report(Y2023)).actual('EECO07')).toBe('0.00'); // without it the birth year counts: 2023 − 1993 = 30
    const filled = await backfillAgeAtEntry(em, t.app.get(IdentityVault));
    expect(filled).toEqual({ filled: 2, unreadable: 0 });
    const again = await s.report(Y2023);
    expect([again.actual('EECO07'), again.actual('EECO08')]).toEqual(['1.00', '1.00']);
  });

  it('5 · refuses an exit before the end of a participation that has already ended', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    const ended = await s.call(`mutation($id: ID!, $input: EndParticipationInput!) { endParticipation(id: $id, input: $input) { id } }`, {
      id: a.participationId,
      input: { endDate: '2024-07-10', exitReason: 'STARTED_TRAINING' },
    });
    expect(ended.errors).toBeUndefined();
    const refused = await s.call(EXIT, { id: a.id, input: { exitDate: '2024-06-30', exitReason: 'COMPLETED' } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
    expect(refused.errors?.[0].message).toContain('2024-07-10');
    await s.exit(a.id, '2024-07-10', 'STARTED_TRAINING');
    const r = await s.report(Y2024);
    // The training started on the exit day: in education on leaving and one integration (one record, written once).
    expect([r.actual('EECR02'), r.actual('PS01')]).toEqual(['1.00', '1.00']);
  });

  it('§ 16i · counts a § 16i job as employment on leaving but never as an integration', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-06-30');
    await s.observe(a.id, '2024-07-01', 'EMPLOYMENT_16I');
    const r = await s.report(Y2024);
    expect([r.actual('EECR04'), r.actual('PS01')]).toEqual(['1.00', '0.00']);
    expect(r('PS02')).toMatchObject({ periodActual: '0.00', numerator: 0, denominator: 1 });
  });

  it('once a month · counts a job taken up, not a job that continues; a new job after a break counts again', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-01-31');
    await s.observe(a.id, '2024-02-10', 'EMPLOYMENT_SOCIAL_INSURANCE');
    await s.observe(a.id, '2024-02-20', 'EMPLOYMENT_SOCIAL_INSURANCE'); // the same job, noted again
    await s.observe(a.id, '2024-07-31', 'EMPLOYMENT_SOCIAL_INSURANCE'); // the 6-month follow-up: still employed
    let r = await s.report(Y2024);
    expect([r.actual('PS01'), r.actual('EELR04')]).toEqual(['1.00', '1.00']);
    await s.observe(a.id, '2024-09-01', 'JOB_SEARCHING');
    await s.observe(a.id, '2024-10-01', 'EMPLOYMENT_SOCIAL_INSURANCE');
    r = await s.report(Y2024);
    expect(r.actual('PS01')).toBe('2.00');
  });

  it('6 · corrects a locked rate late with numerator, denominator and rate, next to the locked figure, and reports each change once', async () => {
    const s = await scenario();
    for (let i = 0; i < 9; i++) {
      const p = await s.person('2024-01-15');
      await s.exit(p.id, '2024-06-30');
      if (i < 3) await s.observe(p.id, '2024-07-10', 'EMPLOYMENT_SOCIAL_INSURANCE');
    }
    const periods: Record<number, string> = {};
    for (const year of [2023, 2024, 2025, 2026]) {
      const created = await t.gqlAs(
        'admin',
        `mutation($input: CreateReportingPeriodInput!) { createReportingPeriod(input: $input) { id } }`,
        {
          input: { projectId: s.projectId, label: `Jahr ${year}`, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` },
        },
      );
      periods[year] = created.data!.createReportingPeriod.id;
    }
    const lock = async (year: number) =>
      expect(
        (await t.gqlAs('grantor', `mutation($id: ID!) { lockReportingPeriod(id: $id) { status } }`, { id: periods[year] })).errors,
      ).toBeUndefined();
    await lock(2023);
    await lock(2024);
    expect((await s.report(Y2024))('PS02')).toMatchObject({ periodActual: '33.33', numerator: 3, denominator: 9, corrected: null });

    // Late data for 2024: a tenth leaver, integrated on leaving.
    const late = await s.person('2024-02-01');
    await s.exit(late.id, '2024-06-30');
    const lateJob = await s.observe(late.id, '2024-07-10', 'EMPLOYMENT_SOCIAL_INSURANCE');

    const locked = await s.report(Y2024);
    expect(locked.locked).toBe(true);
    expect(locked('PS02')).toMatchObject({
      periodActual: '33.33',
      numerator: 3,
      denominator: 9,
      corrected: { actual: '40.00', numerator: 4, denominator: 10, difference: '6.67' },
    });
    expect(locked('EECO01')).toMatchObject({
      periodActual: '9.00',
      corrected: { actual: '10.00', numerator: null, denominator: null, difference: '1.00' },
    });

    const next = await s.report(Y2025);
    const correction2024 = {
      periodFrom: '2024-01-01',
      periodTo: '2024-12-31',
      reportedActual: '33.33',
      correctedActual: '40.00',
      difference: '6.67',
      reportedNumerator: 3,
      correctedNumerator: 4,
      reportedDenominator: 9,
      correctedDenominator: 10,
    };
    expect(next('PS02')).toMatchObject({ lateCorrection: '6.67', lateCorrections: [correction2024] });
    expect(next('EECO01')).toMatchObject({
      lateCorrection: '1.00',
      lateCorrections: [{ periodFrom: '2024-01-01', reportedActual: '9.00', correctedActual: '10.00', difference: '1.00' }],
    });
    expect(next('PS01')).toMatchObject({ lateCorrection: '1.00' });
    expect(next('EECR01')).toMatchObject({ lateCorrection: '0.00', lateCorrections: [] });
    // The analyst sees no correction (late corrections are differences of locked figures; the privacy rules leave them out for analysts).
    expect((await s.report(Y2025, s.analyst))('PS02')).toMatchObject({ lateCorrection: null, lateCorrections: [] });

    // Locking 2025 freezes the correction with it; 2026 reports nothing more about 2024 ...
    await lock(2025);
    const locked2025 = await s.report(Y2025);
    expect(locked2025.locked).toBe(true);
    expect(locked2025('PS02')).toMatchObject({ lateCorrection: '6.67', lateCorrections: [correction2024] });
    expect((await s.report({ from: '2026-01-01', to: '2026-12-31' }))('PS02')).toMatchObject({
      lateCorrection: '0.00',
      lateCorrections: [],
    });
    // ... until the data change again: compared with the last reported figure (4/10), not with the locked one (3/9).
    await s.ok(WITHDRAW, { input: { observationId: lateJob.id, reason: 'Arbeitsvertrag kam nicht zustande.' } });
    expect((await s.report({ from: '2026-01-01', to: '2026-12-31' }))('PS02')).toMatchObject({
      lateCorrection: '-10.00',
      lateCorrections: [
        {
          periodFrom: '2024-01-01',
          reportedActual: '40.00',
          correctedActual: '30.00',
          difference: '-10.00',
          reportedNumerator: 4,
          correctedNumerator: 3,
          reportedDenominator: 10,
          correctedDenominator: 10,
        },
      ],
    });
  });

  it('8a · corrects and withdraws observations as new records with a reason, never as edits', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-06-30');
    const first = await s.observe(a.id, '2024-07-10', 'EMPLOYMENT_SOCIAL_INSURANCE');
    expect((await s.report(Y2024)).actual('EECR04')).toBe('1.00');

    const noReason = await s.call(CORRECT, {
      input: { observationId: first.id, reason: '', observedOn: '2024-07-10', type: 'JOB_SEARCHING', source: 'CASE_FILE' },
    });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const corrected = (
      await s.ok(CORRECT, {
        input: {
          observationId: first.id,
          reason: 'Stelle vor Antritt abgesagt.',
          observedOn: '2024-07-10',
          type: 'JOB_SEARCHING',
          source: 'SELF_REPORT',
        },
      })
    ).correctObservation;
    expect(corrected).toMatchObject({ recordNo: 2, kind: 'CORRECTION', supersedesId: first.id, inForce: true });
    let r = await s.report(Y2024);
    expect([r.actual('EECR04'), r.actual('EECR01'), r.actual('PS01')]).toEqual(['0.00', '1.00', '0.00']);

    // A superseded record cannot be corrected again; the correction can.
    const twice = await s.call(WITHDRAW, { input: { observationId: first.id, reason: 'noch einmal' } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'observationId' });
    const withdrawn = (await s.ok(WITHDRAW, { input: { observationId: corrected.id, reason: 'Falsche Person erfasst.' } }))
      .withdrawObservation;
    expect(withdrawn).toMatchObject({ recordNo: 3, kind: 'WITHDRAWAL', supersedesId: corrected.id, inForce: false });
    r = await s.report(Y2024);
    expect([r.actual('EECR04'), r.actual('EECR01')]).toEqual(['0.00', '0.00']);

    // Every record stays; the reasons are for case workers and auditors only.
    const query = `query($id: ID!) { participant(id: $id) { observations(includeSuperseded: true) { recordNo kind type inForce supersededById reason } inForce: observations { recordNo } } }`;
    const seen = (await s.call(query, { id: a.id })).data!.participant;
    expect(seen.observations).toEqual([
      { recordNo: 1, kind: 'RECORD', type: 'EMPLOYMENT_SOCIAL_INSURANCE', inForce: false, supersededById: corrected.id, reason: null },
      {
        recordNo: 2,
        kind: 'CORRECTION',
        type: 'JOB_SEARCHING',
        inForce: false,
        supersededById: withdrawn.id,
        reason: 'Stelle vor Antritt abgesagt.',
      },
      { recordNo: 3, kind: 'WITHDRAWAL', type: null, inForce: false, supersededById: null, reason: 'Falsche Person erfasst.' },
    ]);
    expect(seen.inForce).toEqual([]);
    // Analysts get no rows at all (docs/domain.md#participants-and-data-protection); an administrator reads the record without the free-text reasons.
    expect((await s.call(query, { id: a.id }, s.analyst)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const adminView = (await s.call(query, { id: a.id }, 'admin')).data!.participant.observations;
    expect(adminView.map((o: Row) => o.reason)).toEqual([null, null, null]);
    // The database refuses edits of the records, whoever tries.
    await expect(
      t.orm.em.fork().getConnection().execute(`update labour_market_observation set type = 'INACTIVE' where id = ?`, [first.id]),
    ).rejects.toThrow(/append-only/);
    // Another project's case worker does not find the record.
    const other = await scenario();
    const foreign = await other.call(WITHDRAW, { input: { observationId: corrected.id, reason: 'fremdes Projekt' } });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('8b · corrects an exit with a reason, and what depends on it follows; withdraws an exit that did not happen', async () => {
    const s = await scenario();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-06-30', 'TOOK_UP_JOB');
    let r = await s.report(Y2024);
    expect([r.actual('EECR04'), r.actual('PS01')]).toEqual(['1.00', '1.00']); // "took up a job" is a job observed on the exit day

    const unchanged = await s.call(CORRECT_EXIT, {
      id: a.id,
      input: { exitDate: '2024-06-30', exitReason: 'TOOK_UP_JOB', reason: 'nichts geändert' },
    });
    expect(unchanged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
    const corrected = await s.ok(CORRECT_EXIT, {
      id: a.id,
      input: { exitDate: '2024-07-31', exitReason: 'COMPLETED', reason: 'Austritt erst Ende Juli; Stelle nicht angetreten.' },
    });
    expect(corrected.correctParticipantExit).toMatchObject({ exitDate: '2024-07-31', exitReason: 'COMPLETED', retainUntil: '2027-07-31' });
    const read = await s.call(
      `query($id: ID!) { participant(id: $id) { participations { endDate exitReason } observations(includeSuperseded: true) { kind type source inForce } exitCorrections { kind previousExitDate previousExitReason exitDate exitReason reason } } }`,
      { id: a.id },
    );
    expect(read.data!.participant).toEqual({
      participations: [{ endDate: '2024-07-31', exitReason: 'COMPLETED' }],
      observations: [
        { kind: 'RECORD', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'EXIT_RECORD', inForce: false },
        { kind: 'WITHDRAWAL', type: null, source: null, inForce: false },
      ],
      exitCorrections: [
        {
          kind: 'CORRECTION',
          previousExitDate: '2024-06-30',
          previousExitReason: 'TOOK_UP_JOB',
          exitDate: '2024-07-31',
          exitReason: 'COMPLETED',
          reason: 'Austritt erst Ende Juli; Stelle nicht angetreten.',
        },
      ],
    });
    await s.observe(a.id, '2024-08-05', 'JOB_SEARCHING');
    r = await s.report(Y2024);
    expect([r.actual('EECR04'), r.actual('PS01'), r.actual('EECR01')]).toEqual(['0.00', '0.00', '1.00']);

    // The exit cannot move past a status observed after it, nor be withdrawn while one stands.
    const past = await s.call(CORRECT_EXIT, {
      id: a.id,
      input: { exitDate: '2024-08-10', exitReason: 'COMPLETED', reason: 'noch später' },
    });
    expect(past.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await s.call(WITHDRAW_EXIT, { id: a.id, input: { reason: 'doch nicht ausgetreten' } })).errors?.[0].extensions?.code).toBe(
      'CONFLICT',
    );
    const searching = (await s.call(`query($id: ID!) { participant(id: $id) { observations { id type } } }`, { id: a.id })).data!
      .participant.observations[0];
    await s.ok(WITHDRAW, { input: { observationId: searching.id, reason: 'Gehörte zur Zeit im Projekt.' } });
    const back = await s.ok(WITHDRAW_EXIT, { id: a.id, input: { reason: 'Sie nimmt weiter teil; Austritt irrtümlich erfasst.' } });
    expect(back.withdrawParticipantExit).toMatchObject({ status: 'ACTIVE', exitDate: null, exitReason: null, retainUntil: '2029-12-31' });
    const reopened = await s.call(`query($id: ID!) { participant(id: $id) { participations { endDate } exitCorrections { kind } } }`, {
      id: a.id,
    });
    expect(reopened.data!.participant).toEqual({
      participations: [{ endDate: null }],
      exitCorrections: [{ kind: 'CORRECTION' }, { kind: 'WITHDRAWAL' }],
    });
    r = await s.report(Y2024);
    expect([r.actual('EECR01'), r('PS02').denominator]).toEqual(['0.00', 0]); // nobody left in 2024 any more
  });

  it('8c · gives a person who comes back after her exit a new participation episode, not a duplicate refusal', async () => {
    const s = await scenario();
    const identity = { firstName: 'Wiederkehr', lastName: 'Beispiel', dateOfBirth: '1985-05-05', socialInsuranceNumber: '12 050585 B 777' };
    const first = await s.person('2023-02-01', identity);
    const stillIn = await s.call(REGISTER, { input: registration(s.projectId, { entryDate: '2024-03-01' }, identity) });
    expect(stillIn.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'identity' });
    await s.exit(first.id, '2023-08-31');
    const tooEarly = await s.call(REGISTER, { input: registration(s.projectId, { entryDate: '2023-08-31' }, identity) });
    expect(tooEarly.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'entryDate' });

    const again = (
      await s.ok(REGISTER, {
        input: registration(s.projectId, { entryDate: '2024-03-01', entryData: s.entryData('2024-03-01') }, identity),
      })
    ).registerParticipant;
    expect(again).toMatchObject({ episode: 2, previousEpisodeId: first.id });
    expect(again.pseudonym).not.toBe(first.pseudonym);
    // The identity moved to the newest episode.
    const who = `query($id: ID!) { participant(id: $id) { identity { lastName dateOfBirth } } }`;
    expect((await s.call(who, { id: again.id })).data!.participant.identity).toEqual({ lastName: 'Beispiel', dateOfBirth: '1985-05-05' });
    expect((await s.call(who, { id: first.id })).data!.participant.identity).toBeNull();
    const oldIdentity = await s.call(
      `mutation($id: ID!, $input: UpdateIdentityInput!) { updateParticipantIdentity(id: $id, input: $input) { id } }`,
      { id: first.id, input: { identity: registration(s.projectId, {}, identity).identity } },
    );
    expect(oldIdentity.errors?.[0].extensions?.code).toBe('CONFLICT');
    // Each episode is an entry (with its situation and age at entry); the first exit can no longer be corrected.
    expect((await s.report(Y2023)).actual('EECO01')).toBe('1.00');
    expect((await s.report(Y2024)).actual('EECO01')).toBe('1.00');
    expect((await s.report({ from: '2023-01-01', to: '2024-12-31' })).actual('EECO01')).toBe('2.00');
    const late = await s.call(CORRECT_EXIT, {
      id: first.id,
      input: { exitDate: '2023-09-30', exitReason: 'COMPLETED', reason: 'zu spät' },
    });
    expect(late.errors?.[0].extensions?.code).toBe('CONFLICT');
    // Back in the project, she can be enrolled again.
    const enrolled = await s.call(`{ measures(projectId: "${s.projectId}") { nodes { id } } }`, {});
    const measureId = enrolled.data!.measures.nodes[0].id;
    expect((await s.call(ENROL, { input: { participantId: again.id, measureId, startDate: '2024-03-01' } })).errors).toBeUndefined();
  });

  it('4 · takes the result window from the programme: a 35-day exit-data deadline counts day 31 (run last: it changes the programme)', async () => {
    const s = await scenario();
    const rules = (
      await t.gqlAs(
        'admin',
        `query($id: ID!) { participantRules(programId: $id) { eligibility { code kind tracks genders minAge maxAge } retentionMonthsAfterExit entryDataDueDays minCellSize } }`,
        { id: programId },
      )
    ).data!.participantRules;
    const set = await t.gqlAs(
      'admin',
      `mutation($input: ParticipantRulesInput!) { setParticipantRules(input: $input) { exitDataDueDays } }`,
      {
        input: {
          programId,
          eligibility: rules.eligibility.map((e: Row) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== null))),
          retentionMonthsAfterExit: rules.retentionMonthsAfterExit,
          entryDataDueDays: rules.entryDataDueDays,
          minCellSize: rules.minCellSize,
          exitDataDueDays: 35,
        },
      },
    );
    expect(set.errors).toBeUndefined();
    const a = await s.person('2024-01-15');
    await s.exit(a.id, '2024-06-30');
    await s.observe(a.id, '2024-07-31', 'EMPLOYMENT_SOCIAL_INSURANCE');
    const b = await s.person('2024-01-15');
    await s.exit(b.id, '2024-06-30');
    await s.observe(b.id, '2024-08-05', 'EMPLOYMENT_SOCIAL_INSURANCE'); // day 36
    const r = await s.report(Y2024);
    expect([r.actual('EECR04'), r('PS02').numerator, r('PS02').denominator]).toEqual(['1.00', 1, 2]);
    // The overdue list reads the same setting: b's exit data were due on day 35.
    const overdue = await s.call(
      `query($p: ID!) { overdueParticipantData(projectId: $p, asOf: "2024-08-10") { kind dueOn participant { id } } }`,
      { p: s.projectId },
    );
    expect(overdue.data!.overdueParticipantData.filter((o: Row) => o.kind === 'EXIT_DATA')).toEqual([
      { kind: 'EXIT_DATA', dueOn: '2024-08-04', participant: { id: b.id } },
    ]);
  });
});
