import { Decimal } from 'decimal.js';

import { demoIds } from '../factories/budget.js';
import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { incomeFields, RECORD_INCOME } from '../factories/income-ops.js';
import { key, paidTranche, receipt, RECORD, SET_STATUS } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SETTLEMENT = `query($projectId: ID!, $asOf: LocalDate, $reclaimDueDate: LocalDate, $whatIf: SettlementScenarioInput) {
  settlement(projectId: $projectId, asOf: $asOf, reclaimDueDate: $reclaimDueDate, whatIf: $whatIf) {
    projectId financingType revisionNumber asOf reclaimDueDate whatIf assumptions
    plannedExpenditure eligibleExpenditure finalGrant paidOut balance overpayment underpayment reclaim totalDue
    categories { code planned actual deviation assumption }
    cover { kind planned actual counted }
    interest { from until days amount pieces { from until days baseRatePercent yearlyPercent exact } }
    steps { number label detail amount }
  } }`;
const PROGRAM_SETTLEMENTS = `query($programId: ID!, $asOf: LocalDate) { programSettlements(programId: $programId, asOf: $asOf) {
  asOf projects { projectId fileNumber financingType problem eligibleExpenditure finalGrant paidOut balance reclaim interest totalDue }
  totals { settled approvedTotal finalGrant paidOut reclaim interest totalDue underpayment } } }`;

describe('the settlement (Schlussabrechnung) over GraphQL', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    // Full financing, 10,000.00 planned in 2024 (A 6,000.00, B1 3,000.00, B3 1,000.00); the plan names
    // own funds and income with 0.00.
    p = await createFundedProject(t.orm, {
      plan: { 2024: { A: '6000.00', B1: '3000.00', B3: '1000.00' } },
      sources: { 2024: { OWN_FUNDS: '0.00', INCOME: '0.00' } },
    });
    await paidTranche(
      t,
      { finance: p.finance, approver: p.finance2 },
      p.projectId,
      [
        { costCategoryId: p.category.A, amount: '6000.00' },
        { costCategoryId: p.category.B1, amount: '3000.00' },
      ],
      '2024-02-01',
    );
    const book = async (code: string, amount: string, paymentDate: string) => {
      const r = await t.gqlAs(p.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          receipt: receipt(p.category[code], { grossAmount: amount, eligibleAmount: amount, paymentDate, invoiceDate: paymentDate }),
        },
      });
      if (!r.data) throw new Error(JSON.stringify(r.errors));
      return r.data.recordExpenditure.id as string;
    };
    await book('A', '5800.00', '2024-02-10');
    await book('B1', '2100.00', '2024-02-15');
    await book('B3', '1050.00', '2024-03-01');
    await book('B1', '500.00', '2024-11-15');
    const rejected = await book('A', '100.00', '2024-03-05');
    await t.gqlAs(p.finance, SET_STATUS, { input: { expenditureId: rejected, status: 'REJECTED', comment: 'nicht zuwendungsfähig' } });
    const income = await t.gqlAs(p.finance, RECORD_INCOME, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        income: incomeFields({
          fundingSource: 'INCOME',
          type: 'INTEREST_INCOME',
          amount: '15.00',
          paymentDate: '2024-03-31',
          payer: 'Stadtsparkasse',
          purpose: 'Habenzinsen auf die Tranche vom 01.02.2024',
        }),
      },
    });
    if (!income.data) throw new Error(JSON.stringify(income.errors));
  });
  afterAll(() => t.close());

  it('settles as booked up to the as-of date, with § 49a interest from the due date', async () => {
    // as of 2024-06-30 the receipt of 15 Nov is not yet paid, the rejected one never counts:
    // spending 5,800.00 + 2,100.00 + 1,050.00 = 8,950.00; interest income 15.00
    // full financing: Fehlbetrag 8,950.00 − 15.00 = 8,935.00 = final grant; paid out 9,000.00 → overpayment 65.00
    // due 2024-06-01: 30 days × 65.00 × 8.62 % / 365 = 0.460520… → 0.46; total due 65.46
    const result = await t.gqlAs(p.auditor, SETTLEMENT, { projectId: p.projectId, asOf: '2024-06-30', reclaimDueDate: '2024-06-01' });
    expect(result.errors).toBeUndefined();
    const s = result.data!.settlement;
    expect(s).toMatchObject({
      financingType: 'FULL',
      revisionNumber: 0,
      whatIf: false,
      plannedExpenditure: '10000.00',
      eligibleExpenditure: '8950.00',
      finalGrant: '8935.00',
      paidOut: '9000.00',
      balance: '65.00',
      reclaim: '65.00',
      totalDue: '65.46',
    });
    expect(s.categories.map((c: any) => [c.code, c.planned, c.actual])).toEqual([
      ['A', '6000.00', '5800.00'],
      ['B1', '3000.00', '2100.00'],
      ['B3', '1000.00', '1050.00'],
    ]);
    expect(s.cover).toContainEqual({ kind: 'INCOME', planned: '0.00', actual: '15.00', counted: '15.00' });
    expect(s.interest).toMatchObject({ from: '2024-06-01', until: '2024-06-30', days: 30, amount: '0.46' });
    expect(s.interest.pieces).toHaveLength(1);
    expect(s.interest.pieces[0]).toMatchObject({ baseRatePercent: '3.62', yearlyPercent: '8.62' });
    expect(new Decimal(s.interest.pieces[0].exact).toDecimalPlaces(6, Decimal.ROUND_DOWN).toFixed(6)).toBe('0.460520');
    expect(s.steps.map((x: any) => x.number)).toEqual(s.steps.map((_: unknown, i: number) => i + 1));
    expect(s.steps.find((x: any) => x.label === 'Zuwendung endgültig')).toMatchObject({ amount: '8935.00' });
  });

  it('counts later receipts at a later as-of date; the default due date is the day after the approval period', async () => {
    // + 500.00 (15 Nov): 9,450.00 − 15.00 = 9,435.00; paid out 9,000.00 → underpayment 435.00, nothing to reclaim
    const s = (await t.gqlAs(p.finance, SETTLEMENT, { projectId: p.projectId, asOf: '2024-12-31' })).data!.settlement;
    expect(s).toMatchObject({
      eligibleExpenditure: '9450.00',
      finalGrant: '9435.00',
      balance: '-435.00',
      underpayment: '435.00',
      reclaim: '0.00',
      totalDue: '0.00',
      reclaimDueDate: '2025-01-01',
    });
    expect(s.steps.at(-1)).toMatchObject({ label: 'Noch auszuzahlen', amount: '435.00' });
  });

  it('answers a what-if: B1 stays 30 % under plan, the other categories spend their plan', async () => {
    // B1 3,000.00 × 70 % = 2,100.00; A 6,000.00 and B3 1,000.00 as planned → 9,100.00 − 15.00 = 9,085.00
    // paid out 9,000.00 → underpayment 85.00
    const result = await t.gqlAs(p.finance, SETTLEMENT, {
      projectId: p.projectId,
      asOf: '2024-06-30',
      whatIf: { categories: [{ costCategoryId: p.category.B1, percentOfPlan: '70.00' }] },
    });
    expect(result.errors).toBeUndefined();
    const s = result.data!.settlement;
    expect(s).toMatchObject({ whatIf: true, eligibleExpenditure: '9100.00', finalGrant: '9085.00', balance: '-85.00' });
    expect(s.assumptions[0]).toBe('B1 Honorare / Fremdleistungen: 70,00 % des Solls von 3.000,00 EUR = 2.100,00 EUR');
    expect(s.categories.find((c: any) => c.code === 'B1')).toMatchObject({ actual: '2100.00', assumption: '70,00 % des Solls' });
    const bad = await t.gqlAs(p.finance, SETTLEMENT, {
      projectId: p.projectId,
      whatIf: { categories: [{ costCategoryId: p.category.B1 }] },
    });
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'whatIf.categories.0' });
  });

  it('refuses a settlement without a plan in force with BAD_USER_INPUT naming the field', async () => {
    const before = await t.gqlAs(p.finance, SETTLEMENT, { projectId: p.projectId, asOf: '2023-12-31' });
    expect(before.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const created = await t.gqlAs(
      'admin',
      `mutation { createProject(input: { programId: "${p.programId}", fileNumber: "NO-PLAN-1", title: "Ohne Plan", grantee: "JC", approvalStart: "2024-01-01", approvalEnd: "2024-12-31", approvedTotal: "1000.00", financingType: SHARE, fundingRate: "80.00" }) { id } }`,
    );
    const noPlan = await t.gqlAs('admin', SETTLEMENT, { projectId: created.data!.createProject.id, asOf: '2024-06-30' });
    expect(noPlan.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
    const list = (await t.gqlAs('grantor', PROGRAM_SETTLEMENTS, { programId: p.programId, asOf: '2024-06-30' })).data!.programSettlements;
    expect(list.projects.find((x: any) => x.fileNumber === 'NO-PLAN-1')).toMatchObject({
      problem: expect.stringContaining('no financing plan'),
      finalGrant: null,
    });
  });

  it('lists the settlement of every project of the programme for its grantor, with totals', async () => {
    const { projectId: demoId } = await demoIds(t);
    const result = await t.gqlAs('grantor', PROGRAM_SETTLEMENTS, { programId: p.programId, asOf: '2024-06-30' });
    expect(result.errors).toBeUndefined();
    const list = result.data!.programSettlements;
    expect(list.projects.find((x: any) => x.projectId === p.projectId)).toMatchObject({
      finalGrant: '8935.00',
      reclaim: '65.00',
      interest: '0.00',
      problem: null,
    });
    const demo = list.projects.find((x: any) => x.projectId === demoId);
    expect(demo.problem).toBeNull();
    const settled = list.projects.filter((x: any) => !x.problem);
    const sum = (f: string) => settled.reduce((s: Decimal, x: any) => s.plus(x[f]), new Decimal(0)).toFixed(2);
    expect(list.totals).toMatchObject({
      settled: settled.length,
      finalGrant: sum('finalGrant'),
      paidOut: sum('paidOut'),
      reclaim: sum('reclaim'),
      totalDue: sum('totalDue'),
    });
    // the programme list and the single settlement agree
    const single = (await t.gqlAs('grantor', SETTLEMENT, { projectId: demoId, asOf: '2024-06-30' })).data!.settlement;
    expect([single.finalGrant, single.paidOut, single.reclaim]).toEqual([demo.finalGrant, demo.paidOut, demo.reclaim]);
  });

  it.each(['2025-03-31', '2025-09-30', '2026-11-20'])(
    'agrees with the ledger summed up to the as-of date %s for the demo project',
    async (asOf) => {
      // the first half of a year is read forwards from 1 January, the second half backwards from the year's total
      const { projectId: demoId } = await demoIds(t);
      const rows = await t.orm.em.fork().execute<{ code: string; spent: string }[]>(
        `select cc.code, sum(e.eligible_amount)::text as spent from expenditure e join expenditure_state s on s.expenditure_id = e.id join cost_category cc on cc.id = e.cost_category_id
        where e.project_id = ? and e.payment_date <= ? and s.status <> 'REJECTED' group by cc.code`,
        [demoId, asOf],
      );
      const s = (await t.gqlAs('finance', SETTLEMENT, { projectId: demoId, asOf })).data!.settlement;
      const actual = Object.fromEntries(s.categories.filter((c: any) => c.actual !== '0.00').map((c: any) => [c.code, c.actual]));
      expect(actual).toEqual(Object.fromEntries(rows.map((r) => [r.code, new Decimal(r.spent).toFixed(2)])));
    },
  );

  it("settles the demo project with its income: the partner's share and the interest reduce the full financing", async () => {
    const { projectId: demoId } = await demoIds(t);
    const sql = async (query: string) => (await t.orm.em.fork().execute<{ v: string }[]>(query, [demoId]))[0].v;
    const spent =
      await sql(`select coalesce(sum(e.eligible_amount), 0)::text as v from expenditure e join expenditure_state s on s.expenditure_id = e.id
        where e.project_id = ? and e.payment_date <= '2026-11-20' and s.status <> 'REJECTED'`);
    const paid = await sql(
      `select sum(amount)::text as v from drawdown where project_id = ? and status in ('DISBURSED', 'REPAID', 'SETTLED') and payout_date <= '2026-11-20'`,
    );
    const s = (await t.gqlAs('auditor', SETTLEMENT, { projectId: demoId, asOf: '2026-11-20' })).data!.settlement;
    // partner's own share 14,500.00 (2024) + 15,200.00 (2025, after a correction from 15,800.00) and 41.37 interest
    expect(s.cover).toEqual([
      { kind: 'OWN_FUNDS', planned: '0.00', actual: '0.00', counted: '0.00' },
      { kind: 'THIRD_PARTY_FUNDS', planned: '0.00', actual: '29700.00', counted: '29700.00' },
      { kind: 'INCOME', planned: '0.00', actual: '41.37', counted: '41.37' },
    ]);
    const finalGrant = new Decimal(spent).minus('29741.37');
    expect(s).toMatchObject({
      financingType: 'FULL',
      revisionNumber: 1,
      eligibleExpenditure: new Decimal(spent).toFixed(2),
      finalGrant: finalGrant.toFixed(2),
      paidOut: new Decimal(paid).toFixed(2),
    });
    // the overdue tranche's 25,000.00 and the income make an overpayment, due only after the approval period
    expect(s.reclaim).toBe(new Decimal(paid).minus(finalGrant).toFixed(2));
    expect(new Decimal(s.reclaim).gte('54741.37')).toBe(true);
    expect(s).toMatchObject({ reclaimDueDate: '2028-01-01', interest: { days: 0, amount: '0.00' } });
    const check = await t.gqlAs('auditor', `query($p: ID!) { incomeTotalsCheck(projectId: $p) { consistent } }`, { p: demoId });
    expect(check.data!.incomeTotalsCheck.consistent).toBe(true);
  });

  it('is for money readers: a case worker is refused, a stranger gets NOT_FOUND', async () => {
    expect((await t.gqlAs('caseworker', SETTLEMENT, { projectId: p.projectId })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gqlAs('finance', SETTLEMENT, { projectId: p.projectId })).errors![0].extensions!.code).toBe('NOT_FOUND');
    expect((await t.gqlAs('finance', PROGRAM_SETTLEMENTS, { programId: p.programId })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
