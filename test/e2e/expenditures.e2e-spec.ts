import { Decimal } from 'decimal.js';

import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { DRAWDOWNS, key, LEDGER, paidTranche, receipt, RECORD, REVERSE, SET_STATUS, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('the receipt ledger (GraphQL over HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '10000.00', B6: '1000.00' } } });
  });
  afterAll(() => t.close());

  const record = (overrides: Record<string, unknown> = {}, user = p.finance) =>
    t.gqlAs(user, RECORD, { input: { idempotencyKey: key(), projectId: p.projectId, receipt: receipt(p.category.B6, overrides) } });
  const rows = async () =>
    Number(
      (await t.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from expenditure where project_id = ?', [p.projectId]))[0].n,
    );
  const spent = async (code: string) => {
    const [row] = await t.orm.em
      .fork()
      .execute<{ spent: string }[]>(
        'select spent::text as spent from budget_total where project_id = ? and fiscal_year = 2024 and cost_category_id = ?',
        [p.projectId, p.category[code]],
      );
    return row?.spent ?? '0.00';
  };

  it('books a receipt with its eligible part and adds it to the spent total in the same transaction', async () => {
    const result = await record({ grossAmount: '119.00', ineligibleAmount: '19.00', eligibleAmount: '100.00', payee: 'Kita Sonnenschein' });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordExpenditure).toMatchObject({
      kind: 'BOOKING',
      revision: 0,
      fiscalYear: 2024,
      costCategoryCode: 'B6',
      grossAmount: '119.00',
      eligibleAmount: '100.00',
      status: 'RECORDED',
    });
    expect(await spent('B6')).toBe('100.00');
  });

  it.each([
    ['eligible not gross minus ineligible', { eligibleAmount: '118.00' }, 'receipt.eligibleAmount'],
    ['a zero gross amount', { grossAmount: '0.00', eligibleAmount: '0.00' }, 'receipt.grossAmount'],
    ['an ineligible part above gross', { ineligibleAmount: '120.00', eligibleAmount: '-1.00' }, 'receipt.ineligibleAmount'],
    ['a payment date outside the approval period', { paymentDate: '2025-01-02' }, 'receipt.paymentDate'],
    ['a category without a plan line', { costCategoryId: '00000000-0000-4000-8000-000000000000' }, 'receipt.costCategoryId'],
    ['an empty payee', { payee: '' }, 'receipt.payee'],
    ['an amount that is a number', { grossAmount: 119 }, undefined],
    ['spending beyond the line and its 20 % overrun', { grossAmount: '1100.01', eligibleAmount: '1100.01' }, 'receipt.eligibleAmount'],
  ])('refuses %s and writes nothing', async (_name, overrides, field) => {
    const before = await rows();
    const spentBefore = await spent('B6');
    const result = await record(overrides);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    if (field) expect(result.errors![0].extensions!.field).toBe(field);
    expect(await rows()).toBe(before);
    expect(await spent('B6')).toBe(spentBefore);
  });

  it("caps a line at the overview's own ceiling: plan 100.03 at 20 % takes 120.03, not 120.04 (ANBest-P 1.2)", async () => {
    const q = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00', B6: '100.03' } } });
    const book = (amount: string) =>
      t.gqlAs(q.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: q.projectId,
          receipt: receipt(q.category.B6, { grossAmount: amount, eligibleAmount: amount }),
        },
      });
    const over = await book('120.04');
    expect(over.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.eligibleAmount' });
    const atCeiling = await book('120.03');
    expect(atCeiling.errors).toBeUndefined();
    expect(atCeiling.data!.recordExpenditure.eligibleAmount).toBe('120.03');
  });

  it('books a receipt once per idempotency key; the same key with other input is a CONFLICT', async () => {
    const input = {
      idempotencyKey: key(),
      projectId: p.projectId,
      receipt: receipt(p.category.B6, { grossAmount: '12.34', eligibleAmount: '12.34' }),
    };
    const first = await t.gqlAs(p.finance, RECORD, { input });
    const again = await t.gqlAs(p.finance, RECORD, { input });
    expect(again.data!.recordExpenditure.id).toBe(first.data!.recordExpenditure.id);
    const before = await rows();
    const other = await t.gqlAs(p.finance, RECORD, {
      input: { ...input, receipt: { ...input.receipt, grossAmount: '12.35', eligibleAmount: '12.35' } },
    });
    expect(other.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await rows()).toBe(before);
  });

  it('keeps receipt numbers unique per project among live bookings', async () => {
    await record({ receiptNumber: 'RN-1' });
    const again = await record({ receiptNumber: 'RN-1' });
    // CONFLICT, as the README documents duplicates.
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'receipt.receiptNumber' });
  });

  it('corrects by reversal: the reversal nets the original to zero, the replacement books anew', async () => {
    const before = await spent('B6');
    const original = (await record({ receiptNumber: 'RN-2', grossAmount: '250.00', eligibleAmount: '250.00' })).data!.recordExpenditure;
    const corrected = await t.gqlAs(p.finance, REVERSE, {
      input: {
        idempotencyKey: key(),
        expenditureId: original.id,
        reason: 'Betrag falsch erfasst',
        replacement: receipt(p.category.B6, { receiptNumber: 'RN-2', grossAmount: '205.00', eligibleAmount: '205.00' }),
      },
    });
    expect(corrected.errors).toBeUndefined();
    const { reversal, replacement } = corrected.data!.reverseExpenditure;
    expect(reversal).toMatchObject({
      kind: 'REVERSAL',
      receiptNumber: 'RN-2',
      reversalOfId: original.id,
      grossAmount: '-250.00',
      eligibleAmount: '-250.00',
      reason: 'Betrag falsch erfasst',
    });
    expect(replacement).toMatchObject({ kind: 'BOOKING', receiptNumber: 'RN-2', revision: 1, eligibleAmount: '205.00' });
    const [net] = await t.orm.em
      .fork()
      .execute('select sum(eligible_amount)::text as net from expenditure where id in (?, ?)', [original.id, reversal.id]);
    expect(net.net).toBe('0.00');
    expect(await spent('B6')).toBe(new Decimal(before).plus('205.00').toFixed(2));

    const ledger = await t.gqlAs(p.auditor, LEDGER, { projectId: p.projectId, payee: 'muster', kind: 'BOOKING', first: 50 });
    const shown = ledger.data!.expenditures.nodes.find((n: { id: string }) => n.id === original.id);
    expect(shown.reversedById).toBe(reversal.id);

    const twice = await t.gqlAs(p.finance, REVERSE, { input: { idempotencyKey: key(), expenditureId: original.id, reason: 'again' } });
    expect(twice.errors![0].extensions!.code).toBe('CONFLICT');
    const ofReversal = await t.gqlAs(p.finance, REVERSE, { input: { idempotencyKey: key(), expenditureId: reversal.id, reason: 'again' } });
    expect(ofReversal.errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE on the ledger', async () => {
    const em = t.orm.em.fork();
    await expect(
      em.execute('update expenditure set gross_amount = 1, eligible_amount = 1, ineligible_amount = 0 where project_id = ?', [p.projectId]),
    ).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from expenditure where project_id = ?', [p.projectId])).rejects.toThrow(/append-only/);
    await expect(em.execute('truncate expenditure cascade')).rejects.toThrow(/append-only/);
    expect(await rows()).toBeGreaterThan(0);
  });

  it('moves statuses forward; a rejected receipt stays visible and leaves the spent total', async () => {
    const booked = (await record({ grossAmount: '40.00', eligibleAmount: '40.00' })).data!.recordExpenditure;
    const before = await spent('B6');
    const checked = await t.gqlAs(p.finance, SET_STATUS, { input: { expenditureId: booked.id, status: 'CHECKED' } });
    expect(checked.data!.setExpenditureStatus.status).toBe('CHECKED');
    const backwards = await t.gqlAs(p.finance, SET_STATUS, { input: { expenditureId: booked.id, status: 'RECORDED' } });
    expect(backwards.errors![0].extensions!.code).toBe('CONFLICT');
    const noReason = await t.gqlAs(p.finance, SET_STATUS, { input: { expenditureId: booked.id, status: 'REJECTED' } });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const rejected = await t.gqlAs(p.finance, SET_STATUS, {
      input: { expenditureId: booked.id, status: 'REJECTED', comment: 'Kein Projektbezug' },
    });
    expect(rejected.data!.setExpenditureStatus.status).toBe('REJECTED');
    expect(await spent('B6')).toBe(new Decimal(before).minus('40.00').toFixed(2));
    const visible = await t.gqlAs(p.auditor, LEDGER, { projectId: p.projectId, status: 'REJECTED' });
    expect(visible.data!.expenditures.nodes.map((n: { id: string }) => n.id)).toEqual([booked.id]);
    const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
  });

  it('filters the ledger and pages through it with cursors in payment-date order', async () => {
    for (const [day, amount] of [
      ['2024-05-03', '10.00'],
      ['2024-05-01', '20.00'],
      ['2024-05-02', '30.00'],
    ] as const) {
      await record({ paymentDate: day, grossAmount: amount, eligibleAmount: amount, payee: 'Paging Payee' });
    }
    const first = await t.gqlAs(p.auditor, LEDGER, { projectId: p.projectId, payee: 'paging', first: 2 });
    expect(first.data!.expenditures.totalCount).toBe(3);
    expect(first.data!.expenditures.nodes.map((n: { paymentDate: string }) => n.paymentDate)).toEqual(['2024-05-01', '2024-05-02']);
    const second = await t.gqlAs(p.auditor, LEDGER, {
      projectId: p.projectId,
      payee: 'paging',
      first: 2,
      after: first.data!.expenditures.pageInfo.endCursor,
    });
    expect(second.data!.expenditures.nodes.map((n: { paymentDate: string }) => n.paymentDate)).toEqual(['2024-05-03']);
    expect(second.data!.expenditures.pageInfo.hasNextPage).toBe(false);
    const ranged = await t.gqlAs(p.auditor, LEDGER, {
      projectId: p.projectId,
      paidFrom: '2024-05-02',
      paidTo: '2024-05-03',
      minAmount: '15.00',
      maxAmount: '30.00',
      fiscalYear: 2024,
      costCategoryId: p.category.B6,
    });
    expect(ranged.data!.expenditures.nodes.map((n: { grossAmount: string }) => n.grossAmount)).toEqual(['30.00']);
    const hidden = await t.gqlAs('caseworker', LEDGER, { projectId: p.projectId });
    expect(hidden.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('allocates spending FIFO to paid tranches: used, then USED', async () => {
    const q = await createFundedProject(t.orm, { plan: { 2024: { A: '10000.00' } } });
    const first = await paidTranche(
      t,
      { finance: q.finance, approver: q.finance2 },
      q.projectId,
      [{ costCategoryId: q.category.A, amount: '1000.00' }],
      '2024-01-10',
    );
    const second = await paidTranche(
      t,
      { finance: q.finance, approver: q.finance2 },
      q.projectId,
      [{ costCategoryId: q.category.A, amount: '500.00' }],
      '2024-02-01',
    );
    const book = (day: string, amount: string) =>
      t.gqlAs(q.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: q.projectId,
          receipt: receipt(q.category.A, { paymentDate: day, grossAmount: amount, eligibleAmount: amount }),
        },
      });
    await book('2024-01-20', '700.00');
    await book('2024-02-05', '600.00');
    const listed = await t.gqlAs(q.auditor, DRAWDOWNS, { projectId: q.projectId, asOf: '2024-02-10' });
    const byId = new Map(listed.data!.drawdowns.map((d: { id: string }) => [d.id, d]));
    expect(byId.get(first)).toMatchObject({ status: 'USED', use: { used: '1000.00', unused: '0.00' } });
    expect(byId.get(second)).toMatchObject({ status: 'PARTIALLY_USED', use: { used: '300.00', unused: '200.00', interestOwed: '0.00' } });
    // The four-eyes records are append-only as well.
    await expect(t.orm.em.fork().execute('delete from drawdown_approval where project_id = ?', [q.projectId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('reads the ledger of a project the reader holds a role on without a statement of its own for the project check, and still refuses everyone else', async () => {
    const other = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' } } });
    expect((await record({ payee: 'Scoped read' })).errors).toBeUndefined();
    const logger = t.orm.config.getLogger();
    const logQuery = logger.logQuery;
    const statements: string[] = [];
    logger.logQuery = (context) => statements.push(context.query ?? '');
    try {
      await t.gqlAs(p.finance, LEDGER, { projectId: p.projectId, first: 1 }); // warms up the sign-in of the test client
      statements.length = 0;
      const own = await t.gqlAs(p.finance, LEDGER, { projectId: p.projectId, first: 5 });
      expect(own.errors).toBeUndefined();
      expect(own.data!.expenditures.totalCount).toBeGreaterThan(0);
      // The signed-in user with their roles, then the page with its count: nothing in between.
      expect(statements.filter((sql) => /\bfrom project p\b/.test(sql))).toEqual([]);
      expect(statements).toHaveLength(2);
    } finally {
      logger.logQuery = logQuery;
    }
    const foreign = await t.gqlAs(other.finance, LEDGER, { projectId: p.projectId, first: 5 });
    expect(foreign.data).toBeNull();
    // Outsiders learn nothing, not even that the project exists.
    expect(foreign.errors![0].extensions!.code).toBe('NOT_FOUND');
    const missing = await t.gqlAs(p.finance, LEDGER, { projectId: '00000000-0000-4000-8000-00000000abcd', first: 5 });
    expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
