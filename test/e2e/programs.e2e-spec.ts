import { createTestApp, type TestApp } from '../setup/test-app.js';

const PROGRAMS = /* GraphQL */ `
  query Programs($first: Int, $after: String) {
    programs(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        name
        grantor
        rules {
          drawdownHorizonDays
          lineOverrunPercent
          interimProofDueMonth
          interimProofDueDay
          finalProofDueMonths
          allowedFinancingTypes
        }
        projects {
          id
          fileNumber
          approvalStart
          approvalEnd
          approvedTotal
          financingType
          fundingRate
          status
        }
      }
    }
  }
`;

const CREATE_PROJECT = /* GraphQL */ `
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      fileNumber
      approvedTotal
      fundingRate
      approvalStart
      approvalEnd
      program {
        code
      }
    }
  }
`;

const CREATE_PROGRAM = /* GraphQL */ `
  mutation CreateProgram($input: CreateFundingProgramInput!) {
    createProgram(input: $input) {
      id
      code
      rules {
        lineOverrunPercent
        allowedFinancingTypes
      }
    }
  }
`;

const programInput = (code: string) => ({
  code,
  name: `Programme ${code}`,
  legalBasis: '§ 44 BHO',
  grantor: 'BMAS',
  rules: {
    drawdownHorizonDays: 42,
    lineOverrunPercent: '20.00',
    interimProofDueMonth: 4,
    interimProofDueDay: 30,
    finalProofDueMonths: 6,
    allowedFinancingTypes: ['FULL', 'SHARE'],
  },
});

describe('programmes and projects (GraphQL over HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let demoProgramId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const result = await t.gqlAs('admin', PROGRAMS);
    demoProgramId = result.data!.programs.nodes[0].id;
  });
  afterAll(() => t.close());

  const projectInput = (overrides: Record<string, unknown> = {}) => ({
    programId: demoProgramId,
    fileNumber: `FN-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Test project',
    grantee: 'Jobcenter Test',
    approvalStart: '2024-01-01',
    approvalEnd: '2025-12-31',
    approvedTotal: '250000.10',
    financingType: 'SHARE',
    fundingRate: '90.00',
    ...overrides,
  });

  it('returns the demo programme and the Wuppertal project with an exact approved total', async () => {
    const result = await t.gqlAs('admin', PROGRAMS);
    expect(result.errors).toBeUndefined();
    const program = result.data!.programs.nodes[0];
    expect(program.code).toBe('MODELL-SGB2-FRAUEN');
    expect(program.rules).toMatchObject({
      drawdownHorizonDays: 42,
      lineOverrunPercent: '20.00',
      interimProofDueMonth: 4,
      interimProofDueDay: 30,
      finalProofDueMonths: 6,
    });
    expect(program.projects).toHaveLength(1);
    expect(program.projects[0]).toMatchObject({
      approvedTotal: '10000000.00',
      approvalStart: '2022-01-01',
      approvalEnd: '2027-12-31',
      financingType: 'FULL',
      fundingRate: '100.00',
    });
  });

  it('creates a project and keeps cents exact through the database', async () => {
    const result = await t.gqlAs('admin', CREATE_PROJECT, { input: projectInput({ approvedTotal: '0.10' }) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createProject).toMatchObject({
      approvedTotal: '0.10',
      fundingRate: '90.00',
      program: { code: 'MODELL-SGB2-FRAUEN' },
    });
    const fetched = await t.gqlAs('admin', `query($id: ID!) { project(id: $id) { approvedTotal } }`, { id: result.data!.createProject.id });
    expect(fetched.data!.project.approvedTotal).toBe('0.10');
    const max = await t.gqlAs('admin', CREATE_PROJECT, { input: projectInput({ approvedTotal: '9999999999.99' }) });
    expect(max.data!.createProject.approvedTotal).toBe('9999999999.99');
  });

  describe('refuses bad input with BAD_USER_INPUT naming the field, and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['period ends before it starts', { approvalStart: '2025-01-01', approvalEnd: '2024-12-31' }, 'approvalEnd'],
      ['period of zero length', { approvalStart: '2025-01-01', approvalEnd: '2025-01-01' }, 'approvalEnd'],
      ['approved total of zero', { approvedTotal: '0.00' }, 'approvedTotal'],
      ['negative approved total', { approvedTotal: '-5.00' }, 'approvedTotal'],
      ['three decimals', { approvedTotal: '1.005' }, 'approvedTotal'],
      ['exponent notation', { approvedTotal: '1e6' }, 'approvedTotal'],
      ['NaN', { approvedTotal: 'NaN' }, 'approvedTotal'],
      ['Infinity', { approvedTotal: 'Infinity' }, 'approvedTotal'],
      ['13 integer digits', { approvedTotal: '1234567890123.00' }, 'approvedTotal'],
      ['a JSON number for money', { approvedTotal: 1000 }, 'approvedTotal'],
      ['funding rate of zero', { fundingRate: '0.00' }, 'fundingRate'],
      ['funding rate above 100', { fundingRate: '100.01' }, 'fundingRate'],
      ['full financing below 100 %', { financingType: 'FULL', fundingRate: '90.00' }, 'fundingRate'],
      ['financing type the programme does not allow', { financingType: 'FIXED_AMOUNT', fundingRate: '100.00' }, 'financingType'],
      ['not a calendar date', { approvalStart: '2023-02-30' }, 'approvalStart'],
      ['empty title', { title: '' }, 'title'],
      ['malformed programme id', { programId: 'not-an-id' }, 'programId'],
    ];

    it.each(cases)('%s', async (_name, overrides, field) => {
      const before = await t.orm.em.fork().getConnection().execute('select count(*)::int as n from project');
      const result = await t.gqlAs('admin', CREATE_PROJECT, { input: projectInput(overrides) });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0].message).not.toMatch(/\bat \w+ \(|node_modules/); // no stack trace
      const after = await t.orm.em.fork().getConnection().execute('select count(*)::int as n from project');
      expect(after[0].n).toBe(before[0].n);
    });

    it('an inline literal with a bad amount names the field too', async () => {
      const result = await t.gqlAs(
        'admin',
        `mutation { createProject(input: { programId: "${demoProgramId}", fileNumber: "X-1", title: "t", grantee: "g", approvalStart: "2024-01-01", approvalEnd: "2024-12-31", approvedTotal: "12,50", financingType: SHARE, fundingRate: "50.00" }) { id } }`,
      );
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedTotal' });
    });

    it('a duplicate file number in the same programme', async () => {
      const input = projectInput();
      expect((await t.gqlAs('admin', CREATE_PROJECT, { input })).errors).toBeUndefined();
      const again = await t.gqlAs('admin', CREATE_PROJECT, { input: { ...input, title: 'Other' } });
      expect(again.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileNumber' });
    });
  });

  it('holds the unique file number when ten requests race for it', async () => {
    const input = projectInput();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gqlAs('admin', CREATE_PROJECT, { input })));
    const created = results.filter((r) => !r.errors);
    expect(created).toHaveLength(1);
    for (const refused of results.filter((r) => r.errors)) {
      expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fileNumber' });
    }
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from project where file_number = ?', [input.fileNumber]);
    expect(rows[0].n).toBe(1);
  });

  it('answers NOT_FOUND for an unknown project', async () => {
    const result = await t.gqlAs('admin', `{ project(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('creates and updates a programme; a taken code is refused', async () => {
    const created = await t.gqlAs('admin', CREATE_PROGRAM, { input: programInput('PROG-UPD') });
    expect(created.errors).toBeUndefined();
    const id = created.data!.createProgram.id;
    const updated = await t.gqlAs(
      'admin',
      `mutation($id: ID!, $input: UpdateFundingProgramInput!) { updateProgram(id: $id, input: $input) { name rules { drawdownHorizonDays lineOverrunPercent } } }`,
      {
        id,
        input: { name: 'Renamed', rules: { drawdownHorizonDays: 56 } },
      },
    );
    expect(updated.data!.updateProgram).toEqual({ name: 'Renamed', rules: { drawdownHorizonDays: 56, lineOverrunPercent: '20.00' } });
    const dup = await t.gqlAs('admin', CREATE_PROGRAM, { input: programInput('PROG-UPD') });
    expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const badRule = await t.gqlAs('admin', CREATE_PROGRAM, {
      input: { ...programInput('PROG-BAD'), rules: { ...programInput('X').rules, drawdownHorizonDays: 0 } },
    });
    expect(badRule.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules.drawdownHorizonDays' });
    const badDay = await t.gqlAs('admin', CREATE_PROGRAM, {
      input: { ...programInput('PROG-BAD'), rules: { ...programInput('X').rules, interimProofDueMonth: 2, interimProofDueDay: 30 } },
    });
    expect(badDay.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules.interimProofDueDay' });
  });

  it('updates a project and re-checks its rules', async () => {
    const created = await t.gqlAs('admin', CREATE_PROJECT, { input: projectInput() });
    const id = created.data!.createProject.id;
    const ok = await t.gqlAs(
      'admin',
      `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { approvedTotal status } }`,
      {
        id,
        input: { approvedTotal: '300000.00', status: 'RUNNING' },
      },
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateProject).toEqual({ approvedTotal: '300000.00', status: 'RUNNING' });
    const bad = await t.gqlAs('admin', `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }`, {
      id,
      input: { approvalEnd: '2023-01-01' },
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalEnd' });
    const fetched = await t.gqlAs('admin', `query($id: ID!) { project(id: $id) { approvalEnd } }`, { id });
    expect(fetched.data!.project.approvalEnd).toBe('2025-12-31');
  });

  it('pages through programmes with cursors', async () => {
    for (const code of ['PAGE-A', 'PAGE-B', 'PAGE-C']) await t.gqlAs('admin', CREATE_PROGRAM, { input: programInput(code) });
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await t.gqlAs('admin', PROGRAMS, { first: 2, after });
      total = page.data.programs.totalCount;
      seen.push(...page.data.programs.nodes.map((n: { code: string }) => n.code));
      after = page.data.programs.pageInfo.hasNextPage ? page.data.programs.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect([...seen].sort()).toEqual(seen);
    expect(seen).toEqual(expect.arrayContaining(['PAGE-A', 'PAGE-B', 'PAGE-C', 'MODELL-SGB2-FRAUEN']));
  });

  it('refuses a page larger than the configured maximum and a forged cursor', async () => {
    const big = await t.gqlAs('admin', PROGRAMS, { first: 101 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await t.gqlAs('admin', PROGRAMS, { after: 'garbage' });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
