import { Role } from '../../src/auth/role.enum.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const CREATE = `mutation($input: CreateIndicatorDefinitionInput!) { createIndicatorDefinition(input: $input) { id code unit source rule denominatorRule cumulative disaggregations } }`;
const CATALOGUE = `query($programId: ID!) { indicatorCatalogue(programId: $programId) { code } }`;
const SETTINGS = `mutation($input: SetIndicatorSettingsInput!) { setIndicatorSettings(input: $input) { programId minCellSize } }`;
const REPORT = `query($projectId: ID!, $period: ReportPeriodInput!) { indicatorReport(projectId: $projectId, period: $period) { minCellSize suppressionApplied rows { code periodActual } } }`;

describe('indicator catalogue of a new programme and its settings', () => {
  let t: TestApp;
  let programId: string;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const program = await t.gqlAs('admin', `mutation($input: CreateFundingProgramInput!) { createProgram(input: $input) { id } }`, {
      input: {
        code: 'IND-CAT',
        name: 'Programme with its own catalogue',
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
    programId = program.data!.createProgram.id;
    const project = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId,
        fileNumber: 'CAT-1',
        title: 'T',
        grantee: 'G',
        approvalStart: '2024-01-01',
        approvalEnd: '2024-12-31',
        approvedTotal: '1000.00',
        financingType: 'FULL',
        fundingRate: '100.00',
      },
    });
    projectId = project.data!.createProject.id;
    await createUser(t.orm, { username: 'cat-analyst', grants: [{ role: Role.ANALYST, projectId }] });
    await createUser(t.orm, { username: 'cat-finance', grants: [{ role: Role.FINANCE, projectId }] });
  });
  afterAll(() => t.close());

  const base = () => ({
    programId,
    code: 'X01',
    name: 'Teilnehmende',
    unit: 'PERSONS',
    kind: 'OUTPUT',
    source: 'COMPUTED',
    rule: 'PARTICIPANTS',
    cumulative: true,
    disaggregations: ['GENDER'],
    dataSource: 'Eintritt',
  });

  it('starts empty, takes computed and manual indicators in order, and refuses inconsistent ones', async () => {
    expect((await t.gqlAs('admin', CATALOGUE, { programId })).data!.indicatorCatalogue).toEqual([]);
    const created = await t.gqlAs('admin', CREATE, { input: base() });
    expect(created.data!.createIndicatorDefinition).toMatchObject({
      code: 'X01',
      source: 'COMPUTED',
      rule: 'PARTICIPANTS',
      disaggregations: ['GENDER'],
    });
    const share = await t.gqlAs('admin', CREATE, {
      input: { ...base(), code: 'X02', unit: 'PERCENT', rule: 'EMPLOYED_ON_LEAVING', denominatorRule: 'LEAVERS', cumulative: false },
    });
    expect(share.errors).toBeUndefined();
    const manual = await t.gqlAs('admin', CREATE, {
      input: { ...base(), code: 'X03', unit: 'EUR', source: 'MANUAL', rule: null, kind: 'PROGRAMME_SPECIFIC' },
    });
    expect(manual.errors).toBeUndefined();

    const refused = [
      [{ code: 'X01' }, 'code'],
      [{ code: 'X04', rule: 'NO_SUCH_RULE' }, 'rule'],
      [{ code: 'X04', rule: null }, 'rule'],
      [{ code: 'X04', unit: 'PERCENT' }, 'denominatorRule'],
      [{ code: 'X04', denominatorRule: 'LEAVERS' }, 'denominatorRule'],
      [{ code: 'X04', source: 'MANUAL' }, 'rule'],
      [{ code: 'x 4' }, 'code'],
    ] as const;
    for (const [change, field] of refused) {
      const result = await t.gqlAs('admin', CREATE, { input: { ...base(), ...change } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await t.gqlAs('cat-finance', CREATE, { input: { ...base(), code: 'X05' } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const codes = (await t.gqlAs('cat-analyst', CATALOGUE, { programId })).data!.indicatorCatalogue.map((d: { code: string }) => d.code);
    expect(codes).toEqual(['X01', 'X02', 'X03']);
  });

  it('uses the default threshold of 5 until the programme sets its own, in its participant rules', async () => {
    const period = { from: '2024-01-01', to: '2024-12-31' };
    expect((await t.gqlAs('cat-analyst', REPORT, { projectId, period })).data!.indicatorReport).toMatchObject({
      minCellSize: 5,
      suppressionApplied: true,
    });
    // The threshold is one of the participant rules: a programme without them is told to set them first.
    expect((await t.gqlAs('admin', SETTINGS, { input: { programId, minCellSize: 3 } })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'minCellSize',
    });
    const rules = await t.gqlAs(
      'admin',
      `mutation($input: ParticipantRulesInput!) { setParticipantRules(input: $input) { minCellSize } }`,
      {
        input: { programId, eligibility: [], retentionMonthsAfterExit: 36, entryDataDueDays: 28, exitDataDueDays: 28, minCellSize: 5 },
      },
    );
    expect(rules.errors).toBeUndefined();
    const set = await t.gqlAs('admin', SETTINGS, { input: { programId, minCellSize: 3 } });
    expect(set.data!.setIndicatorSettings).toEqual({ programId, minCellSize: 3 });
    expect((await t.gqlAs('cat-analyst', REPORT, { projectId, period })).data!.indicatorReport.minCellSize).toBe(3);
    expect((await t.gqlAs('admin', SETTINGS, { input: { programId, minCellSize: 0 } })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'minCellSize',
    });
    expect((await t.gqlAs('grantor', SETTINGS, { input: { programId, minCellSize: 1 } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
