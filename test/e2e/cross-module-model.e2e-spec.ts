import { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { REVISE_PLAN } from '../factories/budget.js';
import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { APPROVE, DISBURSE, key, receipt, RECORD, REPAY, REQUEST, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * Random sequences of project updates, plan revisions, drawdowns, repayments and bookings
 * (receipt numbers in hostile spellings), a few at a time in parallel against the real database.
 * After every step the cross-module invariants hold and budgetTotalsCheck finds no difference,
 * and every answer is data or a coded error (never INTERNAL_SERVER_ERROR).
 */
type Year = 2024 | 2025;
type Op =
  | { type: 'total'; cents: number }
  | { type: 'end'; year: Year }
  | { type: 'revise'; first: number; total: number }
  | { type: 'draw'; year: Year; cents: number }
  | { type: 'repay'; cents: number }
  | { type: 'book'; n: number; spelling: number; cents: number; year: Year };

const year = fc.constantFrom<Year>(2024, 2025);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('total' as const), cents: fc.integer({ min: 100, max: 2_000_000 }) }),
  fc.record({ type: fc.constant('end' as const), year }),
  fc.record({
    type: fc.constant('revise' as const),
    first: fc.integer({ min: 0, max: 1_000_000 }),
    total: fc.integer({ min: 500_000, max: 1_500_000 }),
  }),
  fc.record({ type: fc.constant('draw' as const), year, cents: fc.integer({ min: 1, max: 400_000 }) }),
  fc.record({ type: fc.constant('repay' as const), cents: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({
    type: fc.constant('book' as const),
    n: fc.integer({ min: 1, max: 3 }),
    spelling: fc.nat({ max: 5 }),
    cents: fc.integer({ min: 1, max: 50_000 }),
    year,
  }),
);

const money = (cents: number) => new Decimal(cents).dividedBy(100).toFixed(2);
const SPELLINGS = [
  (s: string) => s,
  (s: string) => ` ${s}`,
  (s: string) => `${s} `,
  (s: string) => s.toLowerCase(),
  (s: string) => `${s}\u00a0`,
  (s: string) => s.replace('-', '  -'),
];
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id } }`;

describe('cross-module money model (fast-check, parallel, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_IP: '100000' });
  });
  afterAll(() => t.close());

  it('keeps every invariant and reconciles to the cent after every parallel step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 3, maxLength: 8 }), async (steps) => {
        const p = await createFundedProject(t.orm, { plan: { 2024: { A: '5000.00' }, 2025: { A: '5000.00' } } });
        const paid: string[] = [];
        for (const step of steps) {
          const answers = await Promise.all(step.map((s) => apply(t, p, s, paid)));
          for (const a of answers.flat()) expect(a.errors?.[0]?.extensions?.code ?? 'OK').not.toBe('INTERNAL_SERVER_ERROR');
          await verify(t, p);
        }
      }),
      { numRuns: 5 },
    );
  });
});

async function apply(t: TestApp, p: FundedProject, s: Op, paid: string[]): Promise<GraphQLResponse[]> {
  switch (s.type) {
    case 'total':
      return [await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvedTotal: money(s.cents) } })];
    case 'end':
      return [await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: `${s.year}-12-31` } })];
    case 'revise': {
      const [latest] = await t.orm.em
        .fork()
        .execute<{ number: number }[]>('select max(number) as number from budget_revision where project_id = ?', [p.projectId]);
      const first = Math.min(s.first, s.total);
      const years: [Year, number][] = [
        [2024, first],
        [2025, s.total - first],
      ];
      const input = {
        projectId: p.projectId,
        baseRevision: latest.number,
        reason: 'Model revision',
        referenceNumber: `ÄB ${latest.number + 1}`,
        referenceDate: '2024-01-02',
        effectiveDate: '2024-01-02',
        approvedTotal: money(s.total),
        lines: years.map(([fiscalYear, c]) => ({ costCategory: 'A', fiscalYear, planned: money(c) })),
        instalments: years.map(([fiscalYear, c]) => ({ fiscalYear, amount: money(c) })),
        fundingSources: years.map(([fiscalYear, c]) => ({ kind: 'FEDERAL_GRANT', fiscalYear, amount: money(c) })),
      };
      return [await t.gqlAs(p.finance, REVISE_PLAN, { input })];
    }
    case 'draw': {
      const date = `${s.year}-03-01`;
      const lines = [{ costCategoryId: p.category.A, amount: money(s.cents) }];
      const requested = await t.gqlAs(p.finance, REQUEST, {
        input: { idempotencyKey: key(), projectId: p.projectId, expectedPayoutDate: date, neededUntil: date, lines },
      });
      if (!requested.data) return [requested];
      const id = requested.data.requestDrawdown.id as string;
      const approved = await t.gqlAs(p.finance2, APPROVE, { input: { drawdownId: id, comment: 'ok' } });
      if (!approved.data) return [requested, approved];
      const disbursed = await t.gqlAs(p.finance, DISBURSE, {
        input: { idempotencyKey: key(), drawdownId: id, payoutDate: date, amount: money(s.cents) },
      });
      if (disbursed.data) paid.push(id);
      return [requested, approved, disbursed];
    }
    case 'repay':
      return [
        await t.gqlAs(p.finance, REPAY, {
          input: {
            idempotencyKey: key(),
            projectId: p.projectId,
            kind: 'REPAYMENT',
            lines: [{ costCategoryId: p.category.A, amount: money(s.cents) }],
            paymentDate: '2024-06-01',
            reason: 'Model repayment',
            relatesToDrawdownId: paid[0],
          },
        }),
      ];
    case 'book': {
      const number = SPELLINGS[s.spelling](`MODEL-${s.n}`);
      const day = `${s.year}-04-01`;
      return [
        await t.gqlAs(p.finance, RECORD, {
          input: {
            idempotencyKey: key(),
            projectId: p.projectId,
            receipt: receipt(p.category.A, {
              receiptNumber: number,
              paymentDate: day,
              invoiceDate: day,
              grossAmount: money(s.cents),
              eligibleAmount: money(s.cents),
            }),
          },
        }),
      ];
    }
  }
}

async function verify(t: TestApp, p: FundedProject): Promise<void> {
  const em = t.orm.em.fork();
  const [project] = await em.execute<{ approved_total: string; start_year: number; end_year: number }[]>(
    'select approved_total::text, extract(year from approval_start)::int as start_year, extract(year from approval_end)::int as end_year from project where id = ?',
    [p.projectId],
  );
  const [claimed] = await em.execute<{ total: string }[]>(
    "select coalesce(sum(amount), 0)::text as total from drawdown where project_id = ? and status not in ('PLANNED', 'REJECTED')",
    [p.projectId],
  );
  expect(new Decimal(project.approved_total).gte(claimed.total)).toBe(true);
  const [plan] = await em.execute<{ total: string }[]>(
    'select coalesce(sum(i.amount), 0)::text as total from annual_instalment i where i.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)',
    [p.projectId],
  );
  expect(plan.total).toBe(project.approved_total);
  const short = await em.execute(
    `select i.fiscal_year from annual_instalment i
       join (select fiscal_year, sum(amount) as paid from drawdown where project_id = ? and status in ('DISBURSED', 'REPAID', 'SETTLED') group by fiscal_year) d using (fiscal_year)
      where i.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1) and i.amount < d.paid`,
    [p.projectId, p.projectId],
  );
  expect(short).toEqual([]);
  const [years] = await em.execute<{ last: number | null }[]>(
    'select max(fiscal_year) as last from (select fiscal_year from drawdown where project_id = ? union all select fiscal_year from expenditure where project_id = ?) x',
    [p.projectId, p.projectId],
  );
  if (years.last !== null) expect(project.end_year).toBeGreaterThanOrEqual(years.last);
  const twins = await em.execute(
    `select receipt_key from expenditure e where project_id = ? and kind = 'BOOKING' and not exists (select 1 from expenditure r where r.reversal_of_id = e.id) group by receipt_key having count(*) > 1`,
    [p.projectId],
  );
  expect(twins).toEqual([]);
  const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
  expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
}
