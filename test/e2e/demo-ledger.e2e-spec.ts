import { DRAWDOWNS, LEDGER, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the Wuppertal demo ledger and tranches', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const projects = await t.gqlAs('finance', '{ projects { nodes { id } } }');
    projectId = projects.data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  it('holds tens of thousands of receipts, a few reversals and rejected ones, and its totals reconcile', async () => {
    const all = await t.gqlAs('auditor', LEDGER, { projectId, first: 1 });
    expect(all.data!.expenditures.totalCount).toBeGreaterThan(20_000);
    const reversals = await t.gqlAs('auditor', LEDGER, { projectId, kind: 'REVERSAL' });
    expect(reversals.data!.expenditures.totalCount).toBeGreaterThanOrEqual(3);
    const rejected = await t.gqlAs('auditor', LEDGER, { projectId, status: 'REJECTED' });
    expect(rejected.data!.expenditures.totalCount).toBeGreaterThanOrEqual(1);
    const check = await t.gqlAs('auditor', TOTALS_CHECK, { projectId });
    expect(check.errors).toBeUndefined();
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
  });

  it('comes with planner statistics, also in a copy of the seeded database', async () => {
    // Without them the first proof submission planned its receipt-state update as a nested loop
    // over 20,000 receipts and ran into the statement timeout on a slower machine.
    const rows = await t.orm.em
      .fork()
      .execute<{ tablename: string; reltuples: number }[]>(
        `select c.relname as tablename, c.reltuples from pg_class c where c.relname in ('expenditure', 'expenditure_state') order by 1`,
      );
    expect(rows.map((r) => [r.tablename, Number(r.reltuples) > 20_000])).toEqual([
      ['expenditure', true],
      ['expenditure_state', true],
    ]);
  });

  it('never spends more than a plan line allows', async () => {
    const rows = await t.orm.em.fork().execute<{ over: string }[]>(
      `select count(*) as over from budget_total bt join budget_line bl on bl.project_id = bt.project_id and bl.fiscal_year = bt.fiscal_year and bl.cost_category_id = bt.cost_category_id
        where bt.project_id = ? and bl.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1) and bt.spent > bl.planned`,
      [projectId, projectId],
    );
    expect(rows[0].over).toBe('0');
  });

  it('has tranches every four weeks, all used in time except one overdue tranche with interest', async () => {
    const result = await t.gqlAs('grantor', DRAWDOWNS, { projectId, asOf: '2026-11-24' });
    expect(result.errors).toBeUndefined();
    const drawdowns = result.data!.drawdowns as {
      status: string;
      use: { unused: string; interestOwed: string; overdueDays: number } | null;
    }[];
    expect(drawdowns.length).toBeGreaterThan(50);
    const overdue = drawdowns.filter((d) => d.status === 'OVERDUE');
    expect(overdue).toHaveLength(1);
    // 25,000.00 unused since the deadline 2026-10-22: 2026-10-23 … 2026-11-24 = 33 days at 1.27 % + 5 = 6.27 %.
    // 25000 × 0.0627 × 33 / 365 = 141.719178… → 141.72
    expect(overdue[0].use).toMatchObject({ unused: '25000.00', overdueDays: 33, interestOwed: '141.72' });
    expect(drawdowns.filter((d) => d.status === 'REQUESTED')).toHaveLength(1);
    expect(drawdowns.filter((d) => d.use && d.status !== 'OVERDUE').every((d) => d.use!.interestOwed === '0.00')).toBe(true);
  });
});
