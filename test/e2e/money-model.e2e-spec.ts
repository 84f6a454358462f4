import { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { createFundedProject } from '../factories/funded-project.js';
import { APPROVE, DISBURSE, key, receipt, RECORD, REJECT, REPAY, REQUEST, REVERSE, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Random sequences of money operations against the real database, checked step by step against a tiny model. */
type Op =
  | { type: 'request'; cat: 'A' | 'B6'; cents: number }
  | { type: 'approve' | 'reject' | 'disburse' | 'reverse'; pick: number }
  | { type: 'book'; cat: 'A' | 'B6'; cents: number; day: number }
  | { type: 'repay'; cat: 'A' | 'B6'; cents: number };

const cat = fc.constantFrom<'A' | 'B6'>('A', 'B6');
const cents = fc.integer({ min: 1, max: 400_000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('request' as const), cat, cents }),
  fc.record({ type: fc.constantFrom('approve' as const, 'reject' as const, 'disburse' as const, 'reverse' as const), pick: fc.nat() }),
  fc.record({ type: fc.constant('book' as const), cat, cents, day: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ type: fc.constant('repay' as const), cat, cents: fc.integer({ min: 1, max: 100_000 }) }),
);

const INSTALMENT = new Decimal('6000.00');
/** Plan line + 20 % overrun (ANBest-P 1.2). */
const LIMIT = { A: new Decimal('6000.00'), B6: new Decimal('1200.00') };

describe('money model (fast-check, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never overdraws, and every sum reconciles to the cent after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const p = await createFundedProject(t.orm, { plan: { 2024: { A: '5000.00', B6: '1000.00' } } });
        const model = {
          claimed: new Decimal(0),
          drawn: { A: new Decimal(0), B6: new Decimal(0) },
          spent: { A: new Decimal(0), B6: new Decimal(0) },
          pending: [] as { id: string; cat: 'A' | 'B6'; amount: Decimal }[],
          approved: [] as { id: string; cat: 'A' | 'B6'; amount: Decimal }[],
          live: [] as { id: string; cat: 'A' | 'B6'; amount: Decimal }[],
        };
        for (const step of ops) {
          await apply(t, p, model, step);
          await verify(t, p.projectId, p.auditor, p.category, model);
        }
      }),
      { numRuns: 6 },
    );
  });
});

type Model = {
  claimed: Decimal;
  drawn: Record<'A' | 'B6', Decimal>;
  spent: Record<'A' | 'B6', Decimal>;
  pending: { id: string; cat: 'A' | 'B6'; amount: Decimal }[];
  approved: { id: string; cat: 'A' | 'B6'; amount: Decimal }[];
  live: { id: string; cat: 'A' | 'B6'; amount: Decimal }[];
};

const money = (c: number) => new Decimal(c).dividedBy(100);
const take = <T>(list: T[], pick: number): T | undefined => (list.length ? list.splice(pick % list.length, 1)[0] : undefined);

async function apply(t: TestApp, p: Awaited<ReturnType<typeof createFundedProject>>, m: Model, step: Op): Promise<void> {
  const fin = p.finance;
  switch (step.type) {
    case 'request': {
      const amount = money(step.cents);
      const r = await t.gqlAs(fin, REQUEST, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          expectedPayoutDate: '2024-03-01',
          neededUntil: '2024-03-20',
          lines: [{ costCategoryId: p.category[step.cat], amount: amount.toFixed(2) }],
        },
      });
      const fits = m.claimed.plus(amount).lte(INSTALMENT);
      expect(Boolean(r.data?.requestDrawdown)).toBe(fits);
      if (fits) {
        m.claimed = m.claimed.plus(amount);
        m.pending.push({ id: r.data!.requestDrawdown.id, cat: step.cat, amount });
      }
      return;
    }
    case 'approve':
    case 'reject': {
      const d = take(m.pending, step.pick);
      if (!d) return;
      const r = await t.gqlAs(p.finance2, step.type === 'approve' ? APPROVE : REJECT, { input: { drawdownId: d.id, comment: 'model' } });
      expect(r.errors).toBeUndefined();
      if (step.type === 'approve') m.approved.push(d);
      else m.claimed = m.claimed.minus(d.amount);
      return;
    }
    case 'disburse': {
      const d = take(m.approved, step.pick);
      if (!d) return;
      const r = await t.gqlAs(fin, DISBURSE, {
        input: { idempotencyKey: key(), drawdownId: d.id, payoutDate: '2024-03-01', amount: d.amount.toFixed(2) },
      });
      expect(r.errors).toBeUndefined();
      m.drawn[d.cat] = m.drawn[d.cat].plus(d.amount);
      return;
    }
    case 'book': {
      const amount = money(step.cents);
      const day = `2024-04-${String(step.day).padStart(2, '0')}`;
      const r = await t.gqlAs(fin, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          receipt: receipt(p.category[step.cat], { paymentDate: day, grossAmount: amount.toFixed(2), eligibleAmount: amount.toFixed(2) }),
        },
      });
      const fits = m.spent[step.cat].plus(amount).lte(LIMIT[step.cat]);
      expect(Boolean(r.data?.recordExpenditure)).toBe(fits);
      if (fits) {
        m.spent[step.cat] = m.spent[step.cat].plus(amount);
        m.live.push({ id: r.data!.recordExpenditure.id, cat: step.cat, amount });
      }
      return;
    }
    case 'reverse': {
      const e = take(m.live, step.pick);
      if (!e) return;
      const r = await t.gqlAs(fin, REVERSE, { input: { idempotencyKey: key(), expenditureId: e.id, reason: 'model' } });
      expect(r.errors).toBeUndefined();
      m.spent[e.cat] = m.spent[e.cat].minus(e.amount);
      return;
    }
    case 'repay': {
      const amount = money(step.cents);
      const r = await t.gqlAs(fin, REPAY, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          kind: 'REPAYMENT',
          paymentDate: '2024-05-02',
          reason: 'model',
          lines: [{ costCategoryId: p.category[step.cat], amount: amount.toFixed(2) }],
        },
      });
      const fits = amount.lte(m.drawn[step.cat]);
      expect(Boolean(r.data?.recordRepayment)).toBe(fits);
      if (fits) {
        m.drawn[step.cat] = m.drawn[step.cat].minus(amount);
        m.claimed = m.claimed.minus(amount);
      }
    }
  }
}

async function verify(t: TestApp, projectId: string, auditor: string, category: Record<string, string>, m: Model): Promise<void> {
  const em = t.orm.em.fork();
  const [claimed] = await em.execute<{ total: string }[]>(
    "select coalesce(sum(amount), 0)::numeric(14,2)::text as total from drawdown where project_id = ? and status in ('REQUESTED', 'APPROVED', 'DISBURSED')",
    [projectId],
  );
  expect(new Decimal(claimed.total).lte(INSTALMENT)).toBe(true);
  expect(claimed.total).toBe(m.claimed.toFixed(2));
  const totals = await em.execute<{ cost_category_id: string; drawn: string; spent: string }[]>(
    'select cost_category_id, drawn::text as drawn, spent::text as spent from budget_total where project_id = ?',
    [projectId],
  );
  for (const code of ['A', 'B6'] as const) {
    const row = totals.find((r) => r.cost_category_id === category[code]);
    expect(row?.drawn ?? '0.00').toBe(m.drawn[code].toFixed(2));
    expect(row?.spent ?? '0.00').toBe(m.spent[code].toFixed(2));
    expect(m.spent[code].lte(LIMIT[code])).toBe(true);
  }
  const [ledger] = await em.execute<{ total: string }[]>(
    'select coalesce(sum(eligible_amount), 0)::numeric(14,2)::text as total from expenditure where project_id = ?',
    [projectId],
  );
  expect(ledger.total).toBe(m.spent.A.plus(m.spent.B6).toFixed(2));
  const check = await t.gqlAs(auditor, TOTALS_CHECK, { projectId });
  expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
}
