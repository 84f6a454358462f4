import { Role } from '../../src/auth/role.enum.js';
import { demoProjectId, register, REGISTER, registration } from '../factories/participants.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const RULES = `query($programId: ID!) { participantRules(programId: $programId) { programId retentionMonthsAfterExit entryDataDueDays exitDataDueDays minCellSize eligibility { code kind tracks genders minAge maxAge } } }`;
const SET_RULES = `mutation($input: ParticipantRulesInput!) { setParticipantRules(input: $input) { minCellSize retentionMonthsAfterExit eligibility { code } } }`;
const STATISTICS = `query($projectId: ID!) { participantStatistics(projectId: $projectId) { total cells { dimension value count suppressed } } }`;

describe('participant rules as programme data, entry data, statistics suppression', () => {
  let t: TestApp;
  let programId: string;
  let projectId: string;
  let demoRules: any;

  beforeAll(async () => {
    t = await createTestApp();
    projectId = await demoProjectId(t);
    programId = (await t.gqlAs('admin', '{ programs { nodes { id } } }')).data!.programs.nodes[0].id;
    demoRules = (await t.gqlAs('analyst', RULES, { programId })).data!.participantRules;
  });
  afterAll(() => t.close());

  const rulesInput = (overrides: Record<string, unknown> = {}) => ({
    programId,
    eligibility: demoRules.eligibility.map(({ code, kind, tracks, genders, minAge, maxAge }: any) => ({
      code,
      kind,
      tracks,
      genders,
      minAge,
      maxAge,
    })),
    retentionMonthsAfterExit: demoRules.retentionMonthsAfterExit,
    entryDataDueDays: 28,
    exitDataDueDays: 28,
    minCellSize: 5,
    ...overrides,
  });

  it('the demo programme carries its eligibility rules as data', () => {
    expect(demoRules).toMatchObject({ retentionMonthsAfterExit: 36, entryDataDueDays: 28, exitDataDueDays: 28, minCellSize: 5 });
    expect(demoRules.eligibility.map((r: any) => r.code)).toEqual(['FEMALE', 'AGE_18_59', 'LIVES_ALONE', 'AGE_15_24', 'SGB2_BENEFITS']);
    expect(demoRules.eligibility[1]).toMatchObject({ kind: 'AGE_AT_ENTRY', minAge: 18, maxAge: 59, tracks: ['WOMEN_REENTRY'] });
  });

  describe('refuses invalid rules with BAD_USER_INPUT naming the field', () => {
    it.each([
      ['age range upside down', { eligibility: [{ code: 'AGE', kind: 'AGE_AT_ENTRY', minAge: 60, maxAge: 18 }] }, 'eligibility.0'],
      ['gender rule without genders', { eligibility: [{ code: 'G', kind: 'GENDER_IN' }] }, 'eligibility.0'],
      ['lower-case code', { eligibility: [{ code: 'female', kind: 'LIVES_ALONE' }] }, 'eligibility.0'],
      [
        'a code used twice',
        {
          eligibility: [
            { code: 'X1', kind: 'LIVES_ALONE' },
            { code: 'X1', kind: 'RECEIVES_SGB2_BENEFITS' },
          ],
        },
        'eligibility.1',
      ],
      ['unknown rule kind', { eligibility: [{ code: 'X1', kind: 'IS_NICE' }] }, 'eligibility'],
      ['retention too short for the 12-month follow-up', { retentionMonthsAfterExit: 12 }, 'retentionMonthsAfterExit'],
      ['minimum cell size of zero', { minCellSize: 0 }, 'minCellSize'],
    ])('%s', async (_name, overrides, field) => {
      const result = await t.gqlAs('admin', SET_RULES, { input: rulesInput(overrides) });
      expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringContaining(field) });
      expect((await t.gqlAs('admin', RULES, { programId })).data!.participantRules).toEqual(demoRules);
    });

    it('only administrators set them', async () => {
      expect((await t.gqlAs('caseworker', SET_RULES, { input: rulesInput() })).errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  it("suppresses small cells for analysts but not for case workers, by the programme's minimum cell size", async () => {
    const diverse = (r: any) => r.data!.participantStatistics.cells.find((c: any) => c.dimension === 'gender' && c.value === 'DIVERSE');
    expect(diverse(await t.gqlAs('analyst', STATISTICS, { projectId }))).toMatchObject({ suppressed: false });
    expect((await t.gqlAs('admin', SET_RULES, { input: rulesInput({ minCellSize: 50 }) })).errors).toBeUndefined();
    const asAnalyst = diverse(await t.gqlAs('analyst', STATISTICS, { projectId }));
    const asCaseWorker = diverse(await t.gqlAs('caseworker', STATISTICS, { projectId }));
    expect(asAnalyst).toEqual({ dimension: 'gender', value: 'DIVERSE', count: null, suppressed: true });
    expect(asCaseWorker.count).toBeGreaterThan(0);
    expect(asCaseWorker.suppressed).toBe(true);
    await t.gqlAs('admin', SET_RULES, { input: rulesInput() });
  });

  it('a changed rule applies to the next registration', async () => {
    const rules = rulesInput();
    rules.eligibility = rules.eligibility.map((r: any) => (r.code === 'AGE_18_59' ? { ...r, maxAge: 40 } : r));
    expect((await t.gqlAs('admin', SET_RULES, { input: rules })).errors).toBeUndefined();
    const result = await t.gqlAs('caseworker', REGISTER, { input: registration(projectId, {}, { dateOfBirth: '1975-01-01' }) });
    expect(result.errors![0].extensions!.failedRules).toEqual([{ code: 'AGE_18_59', message: 'age at entry must be 18–40 (is 49)' }]);
    await t.gqlAs('admin', SET_RULES, { input: rulesInput() });
  });

  it('refuses registrations in a programme that has no participant rules yet', async () => {
    const program = await t.gqlAs('admin', `mutation($input: CreateFundingProgramInput!) { createProgram(input: $input) { id } }`, {
      input: {
        code: 'NO-RULES',
        name: 'Ohne Regeln',
        legalBasis: '§ 44 BHO',
        grantor: 'BMAS',
        rules: {
          drawdownHorizonDays: 42,
          lineOverrunPercent: '20.00',
          interimProofDueMonth: 4,
          interimProofDueDay: 30,
          finalProofDueMonths: 6,
          allowedFinancingTypes: ['FULL'],
        },
      },
    });
    const newProgramId = program.data!.createProgram.id;
    expect((await t.gqlAs('admin', RULES, { programId: newProgramId })).data!.participantRules).toBeNull();
    const project = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId: newProgramId,
        fileNumber: 'NR-1',
        title: 't',
        grantee: 'g',
        approvalStart: '2024-01-01',
        approvalEnd: '2026-12-31',
        approvedTotal: '100.00',
        financingType: 'FULL',
        fundingRate: '100.00',
      },
    });
    await createUser(t.orm, { username: 'norules-cw', grants: [{ role: Role.CASE_WORKER, projectId: project.data!.createProject.id }] });
    const result = await t.gqlAs('norules-cw', REGISTER, { input: registration(project.data!.createProject.id) });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
  });

  it('completes entry data later; refuses a consent date in the future and other roles', async () => {
    const { id } = await register(t, projectId, { entryData: null });
    const mutation = `mutation($id: ID!, $input: EntryDataInput!) { recordEntryData(id: $id, input: $input) { labourStatusAtEntry monthsOnBenefits educationLevel monitoringConsentOn evaluationConsentOn } }`;
    const input = { labourStatusAtEntry: 'INACTIVE', monthsOnBenefits: 7, educationLevel: 'ISCED_0_2', monitoringConsentOn: '2024-03-02' };
    expect((await t.gqlAs('analyst', mutation, { id, input })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(
      (await t.gqlAs('caseworker', mutation, { id, input: { ...input, evaluationConsentOn: '2099-01-01' } })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evaluationConsentOn' });
    expect((await t.gqlAs('caseworker', mutation, { id, input: { monthsOnBenefits: 601 } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'monthsOnBenefits',
    });
    expect((await t.gqlAs('caseworker', mutation, { id: 'nope', input })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    const done = await t.gqlAs('caseworker', mutation, { id, input });
    expect(done.data!.recordEntryData).toEqual({ ...input, evaluationConsentOn: null });
    const partial = await t.gqlAs('caseworker', mutation, { id, input: { evaluationConsentOn: '2024-03-05' } });
    expect(partial.data!.recordEntryData).toEqual({ ...input, evaluationConsentOn: '2024-03-05' });
  });

  it('has one small-cell threshold: participant statistics, indicator report and indicator settings agree', async () => {
    const SETTINGS = `mutation($input: SetIndicatorSettingsInput!) { setIndicatorSettings(input: $input) { programId minCellSize } }`;
    const REPORT = `query($projectId: ID!, $period: ReportPeriodInput!) { indicatorReport(projectId: $projectId, period: $period) { minCellSize } }`;
    const PARTICIPANT_STATISTICS = `query($projectId: ID!) { participantStatistics(projectId: $projectId) { minCellSize } }`;
    const period = { from: '2024-01-01', to: '2024-12-31' };
    const thresholds = async () => ({
      rules: (await t.gqlAs('admin', RULES, { programId })).data!.participantRules.minCellSize,
      statistics: (await t.gqlAs('analyst', PARTICIPANT_STATISTICS, { projectId })).data!.participantStatistics.minCellSize,
      indicators: (await t.gqlAs('admin', REPORT, { projectId, period })).data!.indicatorReport.minCellSize,
    });
    try {
      expect((await t.gqlAs('admin', SET_RULES, { input: rulesInput({ minCellSize: 7 }) })).errors).toBeUndefined();
      expect(await thresholds()).toEqual({ rules: 7, statistics: 7, indicators: 7 });
      const set = await t.gqlAs('admin', SETTINGS, { input: { programId, minCellSize: 9 } });
      expect(set.data!.setIndicatorSettings).toEqual({ programId, minCellSize: 9 });
      expect(await thresholds()).toEqual({ rules: 9, statistics: 9, indicators: 9 });
    } finally {
      await t.gqlAs('admin', SET_RULES, { input: rulesInput({ minCellSize: 5 }) });
    }
  });
});
