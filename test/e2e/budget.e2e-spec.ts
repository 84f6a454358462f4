import { jest } from '@jest/globals';
import { Decimal } from 'decimal.js';

import { BudgetTotals } from '../../src/budget/budget-totals.js';
import { Role } from '../../src/auth/role.enum.js';
import { CREATE_PLAN, demoIds, demoRevisionInput, moveBetweenYears, planRowCounts, READ_PLAN, REVISE_PLAN } from '../factories/budget.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const FIGURES = 'fiscalYear costCategory { code } planned drawn spent committed available deviation deviationPercent status';
const OVERVIEW = /* GraphQL */ `
  query($projectId: ID!, $asOf: LocalDate) {
    budgetOverview(projectId: $projectId, asOf: $asOf) {
      projectId asOf financingType lineOverrunPercent status
      revision { number }
      years { fiscalYear instalment lines { ${FIGURES} } total { ${FIGURES} } }
      categories { ${FIGURES} }
      total { ${FIGURES} }
      burnRate { overallPerMonth recentPerMonth monthsElapsed recentMonths }
      forecast { monthsRemaining spentAtEnd projectedRemainder }
      lapsing { fiscalYear instalment drawn spent projectedDrawn atRisk }
    }
  }
`;

describe('budget: financing plan, revisions and overview', () => {
  let t: TestApp;
  let projectId: string;
  let programId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ projectId, programId } = await demoIds(t));
  });
  afterAll(() => t.close());

  it('the demo overview totals exactly 10000000.00 over 2022–2027, from revision 1', async () => {
    const result = await t.gqlAs('finance', OVERVIEW, { projectId, asOf: '2026-11-24' });
    expect(result.errors).toBeUndefined();
    const overview = result.data!.budgetOverview;
    // Drawn and spent come from the demo ledger: the plan still totals exactly 10,000,000.00.
    const total = overview.total;
    expect(total).toMatchObject({ planned: '10000000.00', status: 'OK' });
    expect(new Decimal(total.spent).gt(0) && new Decimal(total.drawn).gt(0)).toBe(true);
    expect(new Decimal(total.planned).minus(total.spent).minus(total.committed).toFixed(2)).toBe(total.available);
    expect(new Decimal(total.spent).minus(total.planned).toFixed(2)).toBe(total.deviation);
    expect(overview.revision.number).toBe(1);
    expect(overview.years.map((y: any) => [y.fiscalYear, y.instalment, y.total.planned])).toEqual([
      [2022, '1200000.00', '1200000.00'],
      [2023, '1500000.00', '1500000.00'],
      [2024, '2000000.00', '2000000.00'],
      [2025, '1800000.00', '1800000.00'],
      [2026, '1800000.00', '1800000.00'],
      [2027, '1700000.00', '1700000.00'],
    ]);
    expect(overview.categories.map((c: any) => c.costCategory.code)).toEqual(['A', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7']);
    expect(overview.burnRate).toMatchObject({ monthsElapsed: 59, recentMonths: 11 });
    expect(overview.forecast).toMatchObject({ monthsRemaining: 13 });
    expect(overview.lapsing).toMatchObject({ fiscalYear: 2026, instalment: '1800000.00' });
  });

  it('reads the overview in one statement after the sign-in (one statement is its own snapshot), with the revision in force as the plan shows it', async () => {
    const REVISION = 'id projectId number reason referenceNumber referenceDate effectiveDate authorId createdAt';
    const query = `query($projectId: ID!, $asOf: LocalDate) { budgetOverview(projectId: $projectId, asOf: $asOf) { revision { ${REVISION} } total { planned spent } } }`;
    const logger = t.orm.config.getLogger();
    const logQuery = logger.logQuery;
    const statements: string[] = [];
    logger.logQuery = (context) => statements.push(context.query ?? '');
    try {
      await t.gqlAs('finance', query, { projectId, asOf: '2026-11-24' }); // warms up the sign-in of the test client
      statements.length = 0;
      const result = await t.gqlAs('finance', query, { projectId, asOf: '2026-11-24' });
      expect(result.errors).toBeUndefined();
      expect(result.data!.budgetOverview.total.planned).toBe('10000000.00');
      // The signed-in user with their roles, then the overview: no transaction around several reads.
      expect(statements).toHaveLength(2);
      const plan = await t.gqlAs(
        'finance',
        `query($projectId: ID!, $asOf: LocalDate) { budgetPlan(projectId: $projectId, asOf: $asOf) { revision { ${REVISION} } } }`,
        {
          projectId,
          asOf: '2026-11-24',
        },
      );
      expect(result.data!.budgetOverview.revision).toEqual(plan.data!.budgetPlan.revision);
      // Before the plan took effect there is no plan in force, and nothing planned.
      const early = await t.gqlAs('finance', query, { projectId, asOf: '2021-01-01' });
      expect(early.errors).toBeUndefined();
      expect(early.data!.budgetOverview).toMatchObject({ revision: null, total: { planned: '0.00' } });
    } finally {
      logger.logQuery = logQuery;
    }
  });

  it('reads the plan as of a date or revision: both demo revisions stay readable', async () => {
    const byDate = async (asOf: string) => (await t.gqlAs('analyst', OVERVIEW, { projectId, asOf })).data!.budgetOverview;
    const early = await byDate('2023-03-01');
    expect(early.revision.number).toBe(0);
    expect(early.years.find((y: any) => y.fiscalYear === 2023).total.planned).toBe('1700000.00');
    expect(early.total.planned).toBe('10000000.00');
    const before = await byDate('2021-06-01');
    expect(before.revision).toBeNull();
    expect(before.total.planned).toBe('0.00');

    const zero = await t.gqlAs('auditor', READ_PLAN, { projectId, revision: 0 });
    expect(zero.data!.budgetPlan).toMatchObject({
      plannedTotal: '10000000.00',
      fundingTotal: '10000000.00',
      instalmentTotal: '10000000.00',
      revision: { number: 0, referenceNumber: 'ZB MP-SGB2-2022-0042' },
    });
    expect(zero.data!.budgetPlan.lines).toHaveLength(48);
    const revisions = await t.gqlAs('grantor', `query($p: ID!) { budgetRevisions(projectId: $p) { number reason effectiveDate } }`, {
      p: projectId,
    });
    expect(revisions.data!.budgetRevisions.map((r: any) => r.number)).toEqual([0, 1]);
    const both = await t.gqlAs('finance', READ_PLAN, { projectId, revision: 1, asOf: '2024-01-01' });
    expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'revision' });
    const missing = await t.gqlAs('finance', READ_PLAN, { projectId, revision: 9 });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it("lists the programme's standard cost categories", async () => {
    const result = await t.gqlAs('caseworker', `query($id: ID!) { costCategories(programId: $id) { code name } }`, { id: programId });
    expect(result.data!.costCategories.map((c: any) => c.code)).toEqual(['A', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'C', 'D', 'E']);
    expect(result.data!.costCategories[0].name).toBe('Personalausgaben');
  });

  it('enforces who may read and write the plan', async () => {
    const denied = await t.gqlAs('caseworker', OVERVIEW, { projectId });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const analystWrite = await t.gqlAs('analyst', REVISE_PLAN, {
      input: moveBetweenYears(demoRevisionInput(projectId), 'B7', 2025, 2026, '1000.00'),
    });
    expect(analystWrite.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await createUser(t.orm, {
      username: 'other-finance',
      grants: [{ role: Role.FINANCE, projectId: await otherProject(t, programId, 'MP-OTHER-1') }],
    });
    const stranger = await t.gqlAs('other-finance', OVERVIEW, { projectId });
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await planRowCounts(t.orm, projectId)).revisions).toBe(2);
  });

  describe('refuses invalid plans with a clear code and writes nothing', () => {
    const base = () => moveBetweenYears(demoRevisionInput(projectId), 'B5', 2026, 2027, '1000.00');
    const cases: [string, () => Record<string, unknown>, string, string | undefined][] = [
      [
        'a negative amount',
        () => ({ ...base(), lines: base().lines.map((l, i) => (i === 3 ? { ...l, planned: '-1.00' } : l)) }),
        'BAD_USER_INPUT',
        'lines.3.planned',
      ],
      [
        'a malformed amount',
        () => ({ ...base(), lines: base().lines.map((l, i) => (i === 0 ? { ...l, planned: '12,50' } : l)) }),
        'BAD_USER_INPUT',
        'lines[0].planned',
      ],
      [
        'three decimals',
        () => ({ ...base(), instalments: base().instalments.map((x, i) => (i === 0 ? { ...x, amount: '1.005' } : x)) }),
        'BAD_USER_INPUT',
        'instalments[0].amount',
      ],
      [
        'a line outside the approval period',
        () => ({ ...base(), lines: [...base().lines, { costCategory: 'B7', fiscalYear: 2028, planned: '0.00' }] }),
        'BAD_USER_INPUT',
        'lines.48.fiscalYear',
      ],
      [
        'an unknown cost category',
        () => ({ ...base(), lines: [...base().lines, { costCategory: 'Z9', fiscalYear: 2025, planned: '0.00' }] }),
        'BAD_USER_INPUT',
        'lines.48.costCategory',
      ],
      ['a line given twice', () => ({ ...base(), lines: [...base().lines, { ...base().lines[5] }] }), 'BAD_USER_INPUT', 'lines.48'],
      [
        'a plan that does not balance',
        () => ({
          ...base(),
          lines: base().lines.map((l, i) => (i === 7 ? { ...l, planned: new Decimal(l.planned).plus('0.01').toFixed(2) } : l)),
        }),
        'BAD_USER_INPUT',
        'lines',
      ],
      [
        'instalments that miss the approved total',
        () => {
          const plan = base();
          const bump = (a: string) => new Decimal(a).plus(100).toFixed(2);
          return {
            ...plan,
            instalments: plan.instalments.map((x, i) => (i === 0 ? { ...x, amount: bump(x.amount) } : x)),
            fundingSources: plan.fundingSources.map((s, i) => (i === 0 ? { ...s, amount: bump(s.amount) } : s)),
            lines: plan.lines.map((l, i) => (i === 0 ? { ...l, planned: bump(l.planned) } : l)),
          };
        },
        'BAD_USER_INPUT',
        'instalments',
      ],
      [
        'a federal grant that differs from the instalment',
        () => ({
          ...base(),
          fundingSources: [
            ...base().fundingSources.map((s, i) => (i === 0 ? { ...s, amount: new Decimal(s.amount).minus(500).toFixed(2) } : s)),
            { kind: 'OWN_FUNDS', fiscalYear: 2022, amount: '500.00' },
          ],
        }),
        'BAD_USER_INPUT',
        'fundingSources',
      ],
      ['an effective date before the base revision', () => ({ ...base(), effectiveDate: '2023-01-01' }), 'BAD_USER_INPUT', 'effectiveDate'],
      ['a revision that changes nothing', () => demoRevisionInput(projectId), 'BAD_USER_INPUT', 'lines'],
      ['a stale revision (someone else revised first)', () => ({ ...base(), baseRevision: 0 }), 'CONFLICT', undefined],
      ['a malformed project id', () => ({ ...base(), projectId: 'nope' }), 'BAD_USER_INPUT', 'projectId'],
    ];

    it.each(cases)('%s', async (_name, input, code, field) => {
      const before = await planRowCounts(t.orm, projectId);
      const latestBefore = (await t.gqlAs('finance', READ_PLAN, { projectId })).data!.budgetPlan;
      const result = await t.gqlAs('finance', REVISE_PLAN, { input: input() });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0].extensions?.code).toBe(code);
      if (field) expect(result.errors?.[0].extensions?.field).toBe(field);
      expect(result.errors?.[0].message).toMatch(/\w{4,}/);
      expect(await planRowCounts(t.orm, projectId)).toEqual(before);
      expect((await t.gqlAs('finance', READ_PLAN, { projectId })).data!.budgetPlan).toEqual(latestBefore);
    });

    it('a second original plan for a project that has one', async () => {
      const { baseRevision: _b, ...plan } = demoRevisionInput(projectId);
      const result = await t.gqlAs('finance', CREATE_PLAN, { input: plan });
      expect(result.errors?.[0].extensions?.code).toBe('CONFLICT');
    });
  });

  it('a revision moves money between years; the earlier revision stays readable and unchanged', async () => {
    const before = (await t.gqlAs('finance', READ_PLAN, { projectId, revision: 1 })).data!.budgetPlan;
    const input = moveBetweenYears(demoRevisionInput(projectId), 'A', 2026, 2027, '50000.00');
    const revised = await t.gqlAs('finance', REVISE_PLAN, { input });
    expect(revised.errors).toBeUndefined();
    const plan = revised.data!.reviseBudgetPlan;
    expect(plan.revision).toMatchObject({ number: 2, reason: 'Test amendment', referenceNumber: 'ÄB 2 TEST', effectiveDate: '2024-05-15' });
    expect(plan.revision.authorId).toEqual(expect.any(String));
    expect(plan.plannedTotal).toBe('10000000.00');
    const a = (year: number, p: any) => p.lines.find((l: any) => l.costCategory.code === 'A' && l.fiscalYear === year).planned;
    expect([a(2026, plan), a(2027, plan)]).toEqual(['960000.00', '1000000.00']);
    expect(plan.instalments.find((i: any) => i.fiscalYear === 2026).amount).toBe('1750000.00');

    expect((await t.gqlAs('finance', READ_PLAN, { projectId, revision: 1 })).data!.budgetPlan).toEqual(before);
    const overview = (await t.gqlAs('grantor', OVERVIEW, { projectId, asOf: '2026-11-24' })).data!.budgetOverview;
    expect(overview.revision.number).toBe(2);
    expect(overview.years.find((y: any) => y.fiscalYear === 2026).instalment).toBe('1750000.00');
    expect(overview.total.planned).toBe('10000000.00');
    const asOfEarlier = (await t.gqlAs('grantor', OVERVIEW, { projectId, asOf: '2024-05-14' })).data!.budgetOverview;
    expect(asOfEarlier.revision.number).toBe(1);

    // The audit trail holds one event for the mutation with the revision and exactly the changed rows.
    const audit = await t.gqlAs(
      'admin',
      `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 100) { nodes { operation outcome changes { entity before after } } } }`,
      {
        f: { projectId, operation: 'reviseBudgetPlan' },
      },
    );
    const parse = (v: string | null) => (v === null ? null : JSON.parse(v));
    const events = audit.data!.auditEvents.nodes.map((e: any) => ({
      ...e,
      changes: e.changes.map((c: any) => ({ entity: c.entity, before: parse(c.before), after: parse(c.after) })),
    }));
    const event = events.find(
      (e: any) => e.outcome === 'SUCCESS' && e.changes.some((c: any) => c.entity === 'BudgetRevision' && c.after.number === 2),
    );
    expect(event.changes.map((c: any) => c.entity).sort()).toEqual([
      'AnnualInstalment',
      'AnnualInstalment',
      'BudgetLine',
      'BudgetLine',
      'BudgetRevision',
      'FundingSource',
      'FundingSource',
    ]);
    expect(event.changes.find((c: any) => c.entity === 'BudgetLine' && c.after.fiscalYear === 2026)).toMatchObject({
      before: { planned: '1010000.00' },
      after: { planned: '960000.00' },
    });
  });

  it('of concurrent revisions based on the same revision exactly one wins', async () => {
    const latest = (await t.gqlAs('finance', READ_PLAN, { projectId })).data!.budgetPlan.revision.number;
    const before = await planRowCounts(t.orm, projectId);
    const inputs = Array.from({ length: 6 }, (_, i) => ({
      ...moveBetweenYears(demoRevisionInput(projectId), 'B4', 2026, 2027, `${(i + 1) * 100}.00`),
      baseRevision: latest,
    }));
    const results = await Promise.all(inputs.map((input) => t.gqlAs('finance', REVISE_PLAN, { input })));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.errors)) expect(lost.errors![0].extensions?.code).toBe('CONFLICT');
    const after = await planRowCounts(t.orm, projectId);
    expect(after.revisions).toBe(before.revisions + 1);
    expect(after.lines).toBe(before.lines + 48);
    expect((await t.gqlAs('finance', READ_PLAN, { projectId })).data!.budgetPlan.revision.number).toBe(latest + 1);
  });

  describe('maintained totals', () => {
    const apply = (delta: { fiscalYear: number; code: string; drawn?: string; spent?: string; committed?: string }) =>
      t.orm.em.fork().transactional(async (em) => {
        const [category] = await em.execute('select id from cost_category where program_id = ? and code = ?', [programId, delta.code]);
        const d = (v?: string) => (v === undefined ? undefined : new Decimal(v));
        await t.app.get(BudgetTotals).apply(em, {
          projectId,
          fiscalYear: delta.fiscalYear,
          costCategoryId: category.id,
          drawn: d(delta.drawn),
          spent: d(delta.spent),
          committed: d(delta.committed),
        });
      });

    it('concurrent bookings add up to the cent', async () => {
      // 2027: a year the demo ledger has not reached, so these bookings are the only ones.
      await Promise.all(Array.from({ length: 20 }, () => apply({ fiscalYear: 2027, code: 'B3', spent: '0.01', drawn: '0.02' })));
      const overview = (await t.gqlAs('finance', OVERVIEW, { projectId, asOf: '2026-11-24' })).data!.budgetOverview;
      const year = overview.years.find((y: any) => y.fiscalYear === 2027);
      const b3 = year.lines.find((l: any) => l.costCategory.code === 'B3');
      expect(b3).toMatchObject({ planned: '18000.00', spent: '0.20', drawn: '0.40', available: '17999.80' });
      expect(year.total.spent).toBe('0.20');
    });

    it('the overrun rule: within 20 % and covered by savings is tolerated, beyond it needs a revision', async () => {
      // 2027 B2 (rent) planned 106,000.00: 10 % over, covered by savings on the other 2027 lines.
      await apply({ fiscalYear: 2027, code: 'B2', spent: '116600.00' });
      let overview = (await t.gqlAs('finance', OVERVIEW, { projectId, asOf: '2026-11-24' })).data!.budgetOverview;
      const rent = () => overview.years.find((y: any) => y.fiscalYear === 2027).lines.find((l: any) => l.costCategory.code === 'B2');
      expect(rent()).toMatchObject({ deviation: '10600.00', deviationPercent: '10.00', status: 'WITHIN_TOLERANCE' });
      expect(overview.status).toBe('WITHIN_TOLERANCE');
      await apply({ fiscalYear: 2027, code: 'B2', spent: '10600.01' });
      overview = (await t.gqlAs('finance', OVERVIEW, { projectId, asOf: '2026-11-24' })).data!.budgetOverview;
      expect(rent()).toMatchObject({ deviation: '21200.01', status: 'NEEDS_REVISION' });
      expect(overview.status).toBe('NEEDS_REVISION');
    });

    it('the consistency check reports totals no raw rows explain, and none once a source explains them', async () => {
      const CHECK = `query($p: ID!) { budgetTotalsCheck(projectId: $p) { consistent sources differences { fiscalYear field maintained recomputed } } }`;
      const check = await t.gqlAs('auditor', CHECK, { p: projectId });
      expect(check.data!.budgetTotalsCheck.consistent).toBe(false);
      expect(check.data!.budgetTotalsCheck.differences).toEqual(
        expect.arrayContaining([{ fiscalYear: 2027, field: 'spent', maintained: '0.20', recomputed: '0.00' }]),
      );
      expect((await t.gqlAs('analyst', CHECK, { p: projectId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

      // A source that recomputes exactly what was booked above, as the ledger will register one.
      t.app.get(BudgetTotals).register({
        name: 'test-bookings',
        async recompute(em, id) {
          // Only 2027, which the tests above booked directly; the demo years are explained by the ledger's own sources.
          const rows = await em.execute(
            'select fiscal_year, cost_category_id, drawn, spent, committed from budget_total where project_id = ? and fiscal_year = 2027',
            [id],
          );
          return rows.flatMap((r: any) =>
            (['drawn', 'spent', 'committed'] as const).map((field) => ({
              fiscalYear: r.fiscal_year,
              costCategoryId: r.cost_category_id,
              field,
              amount: new Decimal(r[field]),
            })),
          );
        },
      });
      const again = await t.gqlAs('admin', CHECK, { p: projectId });
      expect(again.data!.budgetTotalsCheck).toMatchObject({
        consistent: true,
        sources: ['drawdowns', 'expenditures', 'test-bookings'],
        differences: [],
      });
    });
  });

  it('a new programme defines its own cost categories; fixed-amount financing is exempt from the overrun rule', async () => {
    const program = await t.gqlAs('admin', `mutation($input: CreateFundingProgramInput!) { createProgram(input: $input) { id } }`, {
      input: {
        code: 'FEST-2024',
        name: 'Festbetrag',
        legalBasis: '§ 44 BHO',
        grantor: 'BMAS',
        rules: {
          drawdownHorizonDays: 42,
          lineOverrunPercent: '20.00',
          interimProofDueMonth: 4,
          interimProofDueDay: 30,
          finalProofDueMonths: 6,
          allowedFinancingTypes: ['FIXED_AMOUNT'],
        },
      },
    });
    const newProgramId = program.data!.createProgram.id;
    const project = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId: newProgramId,
        fileNumber: 'FB-1',
        title: 'Festbetrag',
        grantee: 'Jobcenter',
        approvalStart: '2024-01-01',
        approvalEnd: '2024-12-31',
        approvedTotal: '1000.00',
        financingType: 'FIXED_AMOUNT',
        fundingRate: '100.00',
      },
    });
    const id = project.data!.createProject.id;
    const plan = {
      projectId: id,
      referenceNumber: 'ZB FB-1',
      referenceDate: '2023-12-01',
      effectiveDate: '2024-01-01',
      lines: [
        { costCategory: 'X1', fiscalYear: 2024, planned: '600.00' },
        { costCategory: 'X2', fiscalYear: 2024, planned: '400.00' },
      ],
      instalments: [{ fiscalYear: 2024, amount: '1000.00' }],
      fundingSources: [{ kind: 'FEDERAL_GRANT', fiscalYear: 2024, amount: '1000.00' }],
    };
    const unknown = await t.gqlAs('admin', CREATE_PLAN, { input: plan });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.costCategory' });

    const CREATE_CATEGORY = `mutation($input: CreateCostCategoryInput!) { createCostCategory(input: $input) { id code sortOrder } }`;
    expect(
      (await t.gqlAs('finance', CREATE_CATEGORY, { input: { programId: newProgramId, code: 'X1', name: 'Eins' } })).errors?.[0].extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const x1 = await t.gqlAs('admin', CREATE_CATEGORY, { input: { programId: newProgramId, code: 'X1', name: 'Eins' } });
    const x2 = await t.gqlAs('admin', CREATE_CATEGORY, { input: { programId: newProgramId, code: 'X2', name: 'Zwei' } });
    expect([x1.data!.createCostCategory.sortOrder, x2.data!.createCostCategory.sortOrder]).toEqual([0, 1]);
    expect(
      (await t.gqlAs('admin', CREATE_CATEGORY, { input: { programId: newProgramId, code: 'X1', name: 'Again' } })).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(
      (await t.gqlAs('admin', CREATE_CATEGORY, { input: { programId: newProgramId, code: 'x 1', name: 'Bad' } })).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });

    expect((await t.gqlAs('admin', CREATE_PLAN, { input: plan })).errors).toBeUndefined();
    await t.orm.em
      .fork()
      .transactional((em) =>
        t.app
          .get(BudgetTotals)
          .apply(em, { projectId: id, fiscalYear: 2024, costCategoryId: x1.data!.createCostCategory.id, spent: new Decimal('900.00') }),
      );
    const overview = (await t.gqlAs('admin', OVERVIEW, { projectId: id, asOf: '2024-06-30' })).data!.budgetOverview;
    expect(overview.financingType).toBe('FIXED_AMOUNT');
    expect(overview.years[0].lines[0]).toMatchObject({
      costCategory: { code: 'X1' },
      deviation: '300.00',
      deviationPercent: '50.00',
      status: 'OK',
    });
    expect(overview.status).toBe('OK');
  });

  describe('programme overview', () => {
    const PROGRAM = `query($id: ID!, $asOf: LocalDate) { programOverview(programId: $id, asOf: $asOf) { programId projects { projectId fileNumber revisionNumber status total { ${FIGURES} } burnRate { overallPerMonth } forecast { spentAtEnd projectedRemainder } lapsing { atRisk } } total { planned spent status } } }`;

    it('shows each project with the same figures as its own overview', async () => {
      const result = await t.gqlAs('grantor', PROGRAM, { id: programId, asOf: '2026-11-24' });
      expect(result.errors).toBeUndefined();
      const demo = result.data!.programOverview.projects.find((p: any) => p.projectId === projectId);
      const own = (await t.gqlAs('grantor', OVERVIEW, { projectId, asOf: '2026-11-24' })).data!.budgetOverview;
      expect(demo.total).toEqual(own.total);
      expect(demo.status).toBe(own.status);
      expect(demo.forecast).toEqual({ spentAtEnd: own.forecast.spentAtEnd, projectedRemainder: own.forecast.projectedRemainder });
      expect(demo.lapsing.atRisk).toBe(own.lapsing.atRisk);
    });

    it('reflects a booking and a revision made after it was last read', async () => {
      const read = async () =>
        (await t.gqlAs('grantor', PROGRAM, { id: programId, asOf: '2026-11-24' })).data!.programOverview.projects.find(
          (p: any) => p.projectId === projectId,
        );
      const before = await read();
      await t.orm.em.fork().transactional(async (em) => {
        const [category] = await em.execute('select id from cost_category where program_id = ? and code = ?', [programId, 'B3']);
        await t.app.get(BudgetTotals).apply(em, { projectId, fiscalYear: 2022, costCategoryId: category.id, spent: new Decimal('1.23') });
      });
      const after = await read();
      expect(new Decimal(after.total.spent).minus(before.total.spent).toFixed(2)).toBe('1.23');
      const latest = (await t.gqlAs('finance', READ_PLAN, { projectId })).data!.budgetPlan.revision.number;
      const revised = await t.gqlAs('finance', REVISE_PLAN, {
        input: { ...moveBetweenYears(demoRevisionInput(projectId), 'B7', 2026, 2027, '10.00'), baseRevision: latest },
      });
      expect(revised.errors).toBeUndefined();
      expect((await read()).revisionNumber).toBe(latest + 1);
    });

    it('answers parallel requests for different dates each with its own figures', async () => {
      const dates = ['2023-03-01', '2026-11-24', '2024-05-14', '2025-12-31'];
      const alone = await Promise.all(
        dates.map(async (asOf) => (await t.gqlAs('grantor', PROGRAM, { id: programId, asOf })).data!.programOverview),
      );
      const together = await Promise.all(
        [...dates, ...dates, ...dates].map((asOf) => t.gqlAs('grantor', PROGRAM, { id: programId, asOf })),
      );
      together.forEach((result, i) => {
        expect(result.errors).toBeUndefined();
        expect(result.data!.programOverview).toEqual(alone[i % dates.length]);
      });
      expect(alone[0].projects.find((p: any) => p.projectId === projectId).revisionNumber).toBe(0);
    });

    it('answers in the same number of statements for 2 or 6 projects (no query per project)', async () => {
      const count = async () => {
        const connection = t.orm.em.getConnection();
        const spy = jest.spyOn(connection, 'execute');
        const result = await t.gqlAs('admin', PROGRAM, { id: programId });
        const n = spy.mock.calls.length;
        spy.mockRestore();
        return { n, projects: result.data!.programOverview.projects.length };
      };
      await otherProject(t, programId, 'MP-N1-1');
      const small = await count();
      for (let i = 2; i <= 5; i++) await otherProject(t, programId, `MP-N1-${i}`);
      const large = await count();
      expect(large.projects).toBe(small.projects + 4);
      expect(large.n).toBe(small.n);
      expect(small.n).toBeGreaterThan(0);
    });

    it('is for the grantor, auditors and admins only', async () => {
      expect((await t.gqlAs('finance', PROGRAM, { id: programId })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const unknown = await t.gqlAs('admin', PROGRAM, { id: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const auditor = await t.gqlAs('auditor', PROGRAM, { id: programId });
      expect(auditor.data!.programOverview.projects.map((p: any) => p.projectId)).toEqual([projectId]);
    });
  });
});

/** A second project in the demo programme (no plan), created through the API. */
async function otherProject(t: TestApp, programId: string, fileNumber: string): Promise<string> {
  const result = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
    input: {
      programId,
      fileNumber,
      title: fileNumber,
      grantee: 'Jobcenter Test',
      approvalStart: '2024-01-01',
      approvalEnd: '2026-12-31',
      approvedTotal: '300000.00',
      financingType: 'SHARE',
      fundingRate: '90.00',
    },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createProject.id;
}
