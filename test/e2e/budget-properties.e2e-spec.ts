import { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { Role } from '../../src/auth/role.enum.js';
import { BudgetTotals } from '../../src/budget/budget-totals.js';
import { type FundingSourceKind } from '../../src/budget/budget.enums.js';
import { planFingerprint } from '../../src/budget/plan-rules.js';
import { CREATE_PLAN, demoIds, type PlanInput, planRowCounts, REVISE_PLAN } from '../factories/budget.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SUMMARY = `status total { planned drawn spent committed available deviation deviationPercent status }
  burnRate { overallPerMonth recentPerMonth monthsElapsed recentMonths } forecast { monthsRemaining spentAtEnd projectedRemainder }
  lapsing { fiscalYear instalment drawn spent projectedDrawn atRisk }`;
const CODES = ['A', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7', 'C', 'D', 'E'];
const FIRST_YEAR = 2024;
const MAX_YEARS = 4;

const eur = (cents: bigint) => {
  const negative = cents < 0n;
  const text = (negative ? -cents : cents).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
};

/** Splits `total` cents by weights; the last weighted part takes the remainder so the parts add up exactly. */
function split(total: bigint, weights: number[]): bigint[] {
  const sum = BigInt(weights.reduce((a, b) => a + b, 0));
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const parts = weights.map((w) => (total * BigInt(w)) / sum);
  const last = weights.reduce((found, w, i) => (w > 0 ? i : found), 0);
  parts[last] += total - parts.reduce((a, b) => a + b, 0n);
  return parts;
}

const planSpec = fc.record({
  yearWeights: fc.array(fc.nat({ max: 100 }), { minLength: MAX_YEARS, maxLength: MAX_YEARS }),
  lineWeights: fc.array(
    fc.nat({ max: 20 }).map((w) => (w < 12 ? 0 : w)),
    { minLength: MAX_YEARS * CODES.length, maxLength: MAX_YEARS * CODES.length },
  ),
  ownFunds: fc.array(
    fc.bigInt({ min: 0n, max: 5_000_000n }).map((c) => (c < 2_000_000n ? 0n : c)),
    { minLength: MAX_YEARS, maxLength: MAX_YEARS },
  ),
});
type PlanSpec = typeof planSpec extends fc.Arbitrary<infer T> ? T : never;

interface ProjectSpec {
  id: string;
  years: number;
  approvedCents: bigint;
}

/** A valid plan built from random weights: instalments split the approved total, lines split each year's cover. */
function buildPlan(project: ProjectSpec, spec: PlanSpec, n: number): PlanInput {
  const years = Array.from({ length: project.years }, (_, i) => FIRST_YEAR + i);
  const grant = split(project.approvedCents, spec.yearWeights.slice(0, project.years));
  const lines = years.flatMap((fiscalYear, y) => {
    const cover = grant[y] + spec.ownFunds[y];
    const amounts = split(cover, spec.lineWeights.slice(y * CODES.length, (y + 1) * CODES.length));
    return CODES.map((costCategory, c) => ({ costCategory, fiscalYear, planned: eur(amounts[c]) })).filter(
      (l, c) => c === 0 || l.planned !== '0.00',
    );
  });
  return {
    projectId: project.id,
    referenceNumber: `ÄB ${n}`,
    referenceDate: `${FIRST_YEAR}-01-01`,
    effectiveDate: `${FIRST_YEAR}-01-01`,
    lines,
    instalments: years.map((fiscalYear, y) => ({ fiscalYear, amount: eur(grant[y]) })),
    fundingSources: [
      ...years.map((fiscalYear, y) => ({ kind: 'FEDERAL_GRANT', fiscalYear, amount: eur(grant[y]) })),
      ...years.flatMap((fiscalYear, y) =>
        spec.ownFunds[y] > 0n ? [{ kind: 'OWN_FUNDS', fiscalYear, amount: eur(spec.ownFunds[y]) }] : [],
      ),
    ],
  };
}

const BREAKAGES = ['negative', 'outside', 'unbalanced', 'instalments', 'unknown', 'stale'] as const;
type Breakage = (typeof BREAKAGES)[number];

/** Breaks one invariant of a valid plan; the expected code and field of the refusal. */
function breakPlan(plan: PlanInput, how: Breakage, latest: number): { input: PlanInput; code: string; field?: string } {
  const lines = plan.lines.map((l) => ({ ...l }));
  switch (how) {
    case 'negative':
      lines[0].planned = '-0.01';
      return { input: { ...plan, lines }, code: 'BAD_USER_INPUT', field: 'lines.0.planned' };
    case 'outside':
      return {
        input: { ...plan, lines: [...lines, { costCategory: 'A', fiscalYear: FIRST_YEAR + MAX_YEARS + 1, planned: '0.00' }] },
        code: 'BAD_USER_INPUT',
        field: `lines.${lines.length}.fiscalYear`,
      };
    case 'unknown':
      return {
        input: { ...plan, lines: [...lines, { costCategory: 'X1', fiscalYear: FIRST_YEAR, planned: '0.00' }] },
        code: 'BAD_USER_INPUT',
        field: `lines.${lines.length}.costCategory`,
      };
    case 'unbalanced':
      lines[0].planned = eur(BigInt(lines[0].planned.replace('.', '')) + 1n);
      return { input: { ...plan, lines }, code: 'BAD_USER_INPUT', field: 'lines' };
    case 'instalments': {
      const bump = (a: string) => eur(BigInt(a.replace('.', '')) + 1n);
      lines[0].planned = bump(lines[0].planned);
      const instalments = plan.instalments.map((x, i) => (i === 0 ? { ...x, amount: bump(x.amount) } : x));
      const fundingSources = plan.fundingSources.map((s, i) => (i === 0 ? { ...s, amount: bump(s.amount) } : s));
      return { input: { ...plan, lines, instalments, fundingSources }, code: 'BAD_USER_INPUT', field: 'instalments' };
    }
    case 'stale':
      return { input: { ...plan, baseRevision: latest - 1 }, code: latest === 0 ? 'BAD_USER_INPUT' : 'CONFLICT' };
  }
}

const command = fc.oneof(
  fc.record({ kind: fc.constant('revise' as const), spec: planSpec }),
  fc.record({ kind: fc.constant('invalid' as const), spec: planSpec, how: fc.constantFrom(...BREAKAGES) }),
  fc.record({
    kind: fc.constant('book' as const),
    code: fc.constantFrom(...CODES),
    year: fc.nat({ max: MAX_YEARS - 1 }),
    spent: fc.bigInt({ min: 0n, max: 100_000_000n }),
    drawn: fc.bigInt({ min: -1_000_000n, max: 100_000_000n }),
  }),
);

const content = (p: PlanInput) => ({
  lines: p.lines.map((l) => ({ ...l, planned: new Decimal(l.planned) })),
  instalments: p.instalments.map((i) => ({ ...i, amount: new Decimal(i.amount) })),
  fundingSources: p.fundingSources.map((s) => ({ ...s, kind: s.kind as FundingSourceKind, amount: new Decimal(s.amount) })),
});

describe('budget properties over random plans and revisions (fast-check, real database)', () => {
  let t: TestApp;
  let programId: string;
  let counter = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ({ programId } = await demoIds(t));
    await createUser(t.orm, { username: 'finance-pbt', grants: [{ role: Role.FINANCE, programId }] });
  });
  afterAll(() => t.close());

  async function newProject(years: number, approvedCents: bigint): Promise<ProjectSpec> {
    counter += 1;
    const result = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
      input: {
        programId,
        fileNumber: `PBT-${counter}`,
        title: 'Property test',
        grantee: 'Jobcenter',
        approvalStart: `${FIRST_YEAR}-01-01`,
        approvalEnd: `${FIRST_YEAR + years - 1}-12-31`,
        approvedTotal: eur(approvedCents),
        financingType: 'SHARE',
        fundingRate: '90.00',
      },
    });
    return { id: result.data!.createProject.id, years, approvedCents };
  }

  /** The invariants, checked with SQL on every stored revision, and the overview against sums computed from the rows. */
  async function checkStored(project: ProjectSpec): Promise<void> {
    const sql = (q: string) => t.orm.em.fork().getConnection().execute(q, [project.id]);
    const revisions = await sql(`
      select r.number,
             (select coalesce(sum(amount), 0)::numeric(14,2)::text from annual_instalment i where i.project_id = r.project_id and i.revision_id = r.id) as instalments,
             (select coalesce(sum(planned), 0)::numeric(14,2)::text from budget_line l where l.project_id = r.project_id and l.revision_id = r.id) as lines,
             (select coalesce(sum(amount), 0)::numeric(14,2)::text from funding_source s where s.project_id = r.project_id and s.revision_id = r.id) as sources,
             (select count(*) from budget_line l where l.project_id = r.project_id and l.revision_id = r.id and (l.fiscal_year < ${FIRST_YEAR} or l.fiscal_year >= ${FIRST_YEAR} + ${project.years}))::int as outside
        from budget_revision r where r.project_id = ? order by r.number`);
    revisions.forEach((r: any, i: number) => {
      expect(r.number).toBe(i);
      expect(r.instalments).toBe(eur(project.approvedCents));
      expect(r.lines).toBe(r.sources);
      expect(r.outside).toBe(0);
    });
    if (revisions.length === 0) return;

    const perYear = await sql(`
      select y.fiscal_year,
             coalesce((select sum(planned) from budget_line l where l.project_id = ? and l.fiscal_year = y.fiscal_year
                        and l.revision_id = (select id from budget_revision where project_id = l.project_id order by number desc limit 1)), 0)::numeric(14,2)::text as planned,
             coalesce((select sum(spent) from budget_total b where b.project_id = y.project_id and b.fiscal_year = y.fiscal_year), 0)::numeric(14,2)::text as spent,
             coalesce((select sum(drawn) from budget_total b where b.project_id = y.project_id and b.fiscal_year = y.fiscal_year), 0)::numeric(14,2)::text as drawn
        from (select distinct fiscal_year, project_id from annual_instalment where project_id = '${project.id}') y order by y.fiscal_year`);
    const asOf = `${FIRST_YEAR + project.years - 1}-06-30`;
    const overview = (
      await t.gqlAs(
        'finance-pbt',
        `query($p: ID!) { budgetOverview(projectId: $p, asOf: "${asOf}") { ${SUMMARY} years { fiscalYear total { planned spent drawn } } } }`,
        { p: project.id },
      )
    ).data!.budgetOverview;
    expect(overview.years.map((y: any) => ({ fiscal_year: y.fiscalYear, ...y.total }))).toEqual(
      perYear.map((r: any) => ({ fiscal_year: r.fiscal_year, planned: r.planned, spent: r.spent, drawn: r.drawn })),
    );
    const sum = (f: string) => eur(perYear.reduce((a: bigint, r: any) => a + BigInt(r[f].replace('.', '')), 0n));
    expect(overview.total).toMatchObject({ planned: sum('planned'), spent: sum('spent'), drawn: sum('drawn') });

    // The programme view computes from aggregates in SQL; it must show exactly the same figures.
    const program = (
      await t.gqlAs('admin', `query($id: ID!) { programOverview(programId: $id, asOf: "${asOf}") { projects { projectId ${SUMMARY} } } }`, {
        id: programId,
      })
    ).data!.programOverview;
    const { years: _years, ...summary } = overview;
    const { projectId: _id, ...entry } = program.projects.find((p: any) => p.projectId === project.id);
    expect(entry).toEqual(summary);
    expect(overview.total.planned).toBe(revisions[revisions.length - 1].lines);
  }

  it('every accepted revision holds the invariants, every refused one writes nothing, and the overview adds up', async () => {
    const totals = t.app.get(BudgetTotals);

    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: MAX_YEARS }),
        fc.bigInt({ min: 1n, max: 5_000_000_000n }),
        planSpec,
        fc.array(command, { maxLength: 4 }),
        async (years, approvedCents, original, commands) => {
          const project = await newProject(years, approvedCents);
          const first = buildPlan(project, original, 0);
          const created = await t.gqlAs('finance-pbt', CREATE_PLAN, { input: first });
          expect(created.errors).toBeUndefined();
          let latest = 0;
          let current = first;
          for (const [n, cmd] of commands.entries()) {
            if (cmd.kind === 'book') {
              await t.orm.em.fork().transactional(async (em) => {
                const [category] = await em.execute('select id from cost_category where program_id = ? and code = ?', [
                  programId,
                  cmd.code,
                ]);
                await totals.apply(em, {
                  projectId: project.id,
                  fiscalYear: FIRST_YEAR + (cmd.year % years),
                  costCategoryId: category.id,
                  spent: new Decimal(eur(cmd.spent)),
                  drawn: new Decimal(eur(cmd.drawn)),
                });
              });
            } else {
              const plan = { ...buildPlan(project, cmd.spec, n + 1), baseRevision: latest, reason: `Revision ${n + 1}` };
              const unchanged = planFingerprint(content(plan)) === planFingerprint(content(current));
              if (cmd.kind === 'revise' && !unchanged) {
                const result = await t.gqlAs('finance-pbt', REVISE_PLAN, { input: plan });
                expect(result.errors).toBeUndefined();
                expect(result.data!.reviseBudgetPlan.revision.number).toBe(latest + 1);
                latest += 1;
                current = plan;
              } else if (cmd.kind === 'invalid') {
                const before = await planRowCounts(t.orm, project.id);
                const broken = breakPlan(plan, cmd.how, latest);
                const result = await t.gqlAs('finance-pbt', REVISE_PLAN, { input: broken.input });
                expect(result.errors?.[0].extensions?.code).toBe(broken.code);
                if (broken.field && broken.code === 'BAD_USER_INPUT' && cmd.how !== 'stale')
                  expect(result.errors?.[0].extensions?.field).toBe(broken.field);
                expect(await planRowCounts(t.orm, project.id)).toEqual(before);
              }
            }
            await checkStored(project);
          }
          await checkStored(project);
        },
      ),
      { numRuns: 15 },
    );
  });
});
