import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import {
  FUNDING,
  INCOME_TOTALS_CHECK,
  incomeFields,
  incomeKey as key,
  INCOMES,
  RECORD_INCOME,
  REVERSE_INCOME,
} from '../factories/income-ops.js';
import { paidTranche } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the income ledger (GraphQL over HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    // 11,000.00 planned in 2024, covered by 10,000.00 grant, 1,000.00 own funds and 0.00 income;
    // the plan names no third-party funds.
    p = await createFundedProject(t.orm, {
      plan: { 2024: { A: '10000.00', B6: '1000.00' } },
      sources: { 2024: { OWN_FUNDS: '1000.00', INCOME: '0.00' } },
    });
  });
  afterAll(() => t.close());

  const record = (overrides: Record<string, unknown> = {}, user = p.finance) =>
    t.gqlAs(user, RECORD_INCOME, { input: { idempotencyKey: key(), projectId: p.projectId, income: incomeFields(overrides) } });
  const sql = <T>(query: string, params: unknown[] = []) => t.orm.em.fork().execute<T[]>(query, params);
  const rows = async () => Number((await sql<{ n: string }>('select count(*) as n from income where project_id = ?', [p.projectId]))[0].n);
  const received = async (source: string) =>
    (
      await sql<{ r: string }>(
        'select received::text as r from income_total where project_id = ? and fiscal_year = 2024 and funding_source = ?',
        [p.projectId, source],
      )
    )[0]?.r ?? '0.00';

  it('books an income with payer, purpose, date and source, and adds it to the maintained total in the same transaction', async () => {
    const result = await record({
      amount: '400.00',
      payer: 'Diakonie Wuppertal',
      purpose: 'Eigenanteil Kooperationspartner',
      costCategoryId: p.category.B6,
      reference: 'KA 17/3',
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordIncome).toMatchObject({
      kind: 'BOOKING',
      fundingSource: 'OWN_FUNDS',
      type: 'OWN_FUNDS',
      fiscalYear: 2024,
      payer: 'Diakonie Wuppertal',
      amount: '400.00',
      costCategoryCode: 'B6',
      reference: 'KA 17/3',
      reversalOfId: null,
    });
    expect(await received('OWN_FUNDS')).toBe('400.00');
    const interest = await record({
      fundingSource: 'INCOME',
      type: 'INTEREST_INCOME',
      amount: '12.34',
      payer: 'Stadtsparkasse',
      purpose: 'Habenzinsen',
    });
    expect(interest.data!.recordIncome).toMatchObject({ fundingSource: 'INCOME', type: 'INTEREST_INCOME' });
    const audit = await sql<{ operation: string; outcome: string }>(
      "select operation, outcome from audit_event where operation = 'recordIncome' and project_id = ? order by occurred_at",
      [p.projectId],
    );
    expect(audit.map((a) => a.outcome)).toEqual(['SUCCESS', 'SUCCESS']);
  });

  it.each([
    ['a negative amount', { amount: '-5.00' }, 'income.amount'],
    ['a zero amount', { amount: '0.00' }, 'income.amount'],
    ['a funding source the plan lacks', { fundingSource: 'THIRD_PARTY_FUNDS' }, 'income.fundingSource'],
    ['the federal grant', { fundingSource: 'FEDERAL_GRANT' }, 'income.fundingSource'],
    ['a type that does not belong to the source', { fundingSource: 'OWN_FUNDS', type: 'INTEREST_INCOME' }, 'income.type'],
    ['a payment date outside the approval period', { paymentDate: '2025-01-02' }, 'income.paymentDate'],
    ['a cost category without a plan line', { costCategoryId: '00000000-0000-4000-8000-000000000000' }, 'income.costCategoryId'],
    ['an empty payer', { payer: '' }, 'income.payer'],
    ['an amount with three decimals', { amount: '1.005' }, undefined],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, overrides, field) => {
    const before = [await rows(), await received('OWN_FUNDS')];
    const result = await record(overrides);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    if (field) expect(result.errors![0].extensions!.field).toBe(field);
    expect([await rows(), await received('OWN_FUNDS')]).toEqual(before);
  });

  it('books once per idempotency key; the same key with other input is a CONFLICT and writes nothing', async () => {
    const input = { idempotencyKey: key(), projectId: p.projectId, income: incomeFields({ amount: '10.00' }) };
    const first = await t.gqlAs(p.finance, RECORD_INCOME, { input });
    const again = await t.gqlAs(p.finance, RECORD_INCOME, { input: { ...input, income: { ...input.income, amount: '10.0' } } });
    expect(again.data!.recordIncome.id).toBe(first.data!.recordIncome.id);
    const before = [await rows(), await received('OWN_FUNDS')];
    const other = await t.gqlAs(p.finance, RECORD_INCOME, { input: { ...input, income: { ...input.income, amount: '11.00' } } });
    expect(other.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect([await rows(), await received('OWN_FUNDS')]).toEqual(before);
  });

  it('corrects by reversal with a reason: the reversal nets the original to zero, the replacement books anew', async () => {
    const before = await received('OWN_FUNDS');
    const original = (await record({ amount: '250.00' })).data!.recordIncome;
    const corrected = await t.gqlAs(p.finance, REVERSE_INCOME, {
      input: {
        idempotencyKey: key(),
        incomeId: original.id,
        reason: 'Betrag falsch erfasst',
        replacement: incomeFields({ amount: '205.00' }),
      },
    });
    expect(corrected.errors).toBeUndefined();
    const { reversal, replacement } = corrected.data!.reverseIncome;
    expect(reversal).toMatchObject({
      kind: 'REVERSAL',
      reversalOfId: original.id,
      amount: '-250.00',
      reason: 'Betrag falsch erfasst',
      paymentDate: original.paymentDate,
    });
    expect(replacement).toMatchObject({ kind: 'BOOKING', amount: '205.00' });
    expect(await received('OWN_FUNDS')).toBe((Number(before) + 205).toFixed(2));
    const page = await t.gqlAs(p.auditor, INCOMES, { projectId: p.projectId, kind: 'BOOKING', fundingSource: 'OWN_FUNDS' });
    expect(page.data!.incomes.nodes.find((n: any) => n.id === original.id).reversedById).toBe(reversal.id);

    const twice = await t.gqlAs(p.finance, REVERSE_INCOME, {
      input: { idempotencyKey: key(), incomeId: original.id, reason: 'noch einmal' },
    });
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    const ofReversal = await t.gqlAs(p.finance, REVERSE_INCOME, {
      input: { idempotencyKey: key(), incomeId: reversal.id, reason: 'Storno vom Storno' },
    });
    expect(ofReversal.errors![0].extensions!.code).toBe('CONFLICT');
    const noReason = await t.gqlAs(p.finance, REVERSE_INCOME, { input: { idempotencyKey: key(), incomeId: replacement.id, reason: '' } });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('keeps every income inside the approval period: shortening the period past a booked income is refused', async () => {
    const q = await createFundedProject(t.orm, {
      plan: { 2024: { A: '10000.00' }, 2025: { A: '10000.00' } },
      sources: { 2024: { OWN_FUNDS: '1000.00' }, 2025: { OWN_FUNDS: '1000.00' } },
    });
    const booked = await t.gqlAs(q.finance, RECORD_INCOME, {
      input: { idempotencyKey: key(), projectId: q.projectId, income: incomeFields({ paymentDate: '2025-03-15' }) },
    });
    expect(booked.errors).toBeUndefined();
    const update = await t.gqlAs(
      'admin',
      `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { approvalEnd } }`,
      {
        id: q.projectId,
        input: { approvalEnd: '2024-12-31' },
      },
    );
    expect(update.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalEnd' });
    const [row] = await sql<{ end: string }>('select approval_end::text as end from project where id = ?', [q.projectId]);
    expect(row.end).toBe('2025-12-31');
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE on the ledger', async () => {
    const em = t.orm.em.fork();
    await expect(em.execute('update income set amount = 1 where project_id = ?', [p.projectId])).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from income where project_id = ?', [p.projectId])).rejects.toThrow(/append-only/);
    await expect(em.execute('truncate income cascade')).rejects.toThrow(/append-only/);
  });

  it('keeps the maintained totals equal to the ledger', async () => {
    const check = await t.gqlAs(p.auditor, INCOME_TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.incomeTotalsCheck).toEqual({ consistent: true, differences: [] });
  });

  it('shows Einnahmen in the budget overview: Soll lt. Finanzierungsplan, Ist and Abweichung per source and year', async () => {
    await paidTranche(
      t,
      { finance: p.finance, approver: p.finance2 },
      p.projectId,
      [{ costCategoryId: p.category.A, amount: '3000.00' }],
      '2024-02-01',
    );
    const own = await received('OWN_FUNDS');
    const result = await t.gqlAs(p.auditor, FUNDING, { projectId: p.projectId, asOf: '2024-12-31' });
    expect(result.errors).toBeUndefined();
    const [year] = result.data!.budgetOverview.funding.years;
    expect(year.fiscalYear).toBe(2024);
    expect(year.sources.map((s: any) => [s.kind, s.planned, s.actual])).toEqual([
      ['FEDERAL_GRANT', '10000.00', '3000.00'],
      ['OWN_FUNDS', '1000.00', own],
      ['THIRD_PARTY_FUNDS', '0.00', '0.00'],
      ['INCOME', '0.00', '12.34'],
    ]);
    expect(year.sources[0]).toMatchObject({ deviation: '-7000.00', deviationPercent: '-70.00' });
    expect(year.sources[3].deviationPercent).toBeNull();
    expect(result.data!.budgetOverview.funding.sources).toEqual(year.sources);
  });

  it('lets readers read and only FINANCE of the project write', async () => {
    const read = await t.gqlAs(p.auditor, INCOMES, { projectId: p.projectId, first: 2 });
    expect(read.data!.incomes.nodes).toHaveLength(2);
    expect(read.data!.incomes.pageInfo.hasNextPage).toBe(true);
    const next = await t.gqlAs(p.auditor, INCOMES, { projectId: p.projectId, first: 100, after: read.data!.incomes.pageInfo.endCursor });
    expect(next.data!.incomes.nodes.length + 2).toBe(read.data!.incomes.totalCount);
    const write = await record({}, p.auditor);
    expect(write.errors![0].extensions!.code).toBe('FORBIDDEN');
    const stranger = await t.gqlAs('finance', INCOMES, { projectId: p.projectId });
    expect(stranger.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
