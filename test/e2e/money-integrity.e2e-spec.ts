import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { DRAWDOWNS, key, paidTranche, receipt, RECORD, REPAY, ROOM, TOTALS_CHECK } from '../factories/money-ops.js';
import { REVISE_PLAN } from '../factories/budget.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * The grant terms cannot be changed under the money already
 * moved, a revision cannot cut an instalment below what is paid out, and a repayment changes a
 * tranche's status by the amounts. Through GraphQL, plus the database's own backstop.
 */
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id approvedTotal approvalStart approvalEnd } }`;

describe('money integrity across modules', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '100000.00' }, 2025: { A: '100000.00' } } });
    await paidTranche(
      t,
      { finance: p.finance, approver: p.finance2 },
      p.projectId,
      [{ costCategoryId: p.category.A, amount: '70000.00' }],
      '2024-03-01',
    );
    const booked = await t.gqlAs(p.finance, RECORD, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        receipt: receipt(p.category.A, { paymentDate: '2024-06-10', invoiceDate: '2024-06-01' }),
      },
    });
    expect(booked.errors).toBeUndefined();
  });
  afterAll(() => t.close());

  it('refuses an approved total below the money already moved, naming the field and the figures', async () => {
    const r = await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvedTotal: '1.00' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedTotal', claimed: '70000.00' });
  });

  it('refuses an approved total that no longer matches the plan (it changes with a revision)', async () => {
    const r = await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvedTotal: '150000.00' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvedTotal' });
  });

  it('refuses an approval period that no longer covers receipts and tranches', async () => {
    const end = await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2024-05-31' } });
    expect(end.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalEnd' });
    const start = await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalStart: '2024-04-01' } });
    expect(start.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalStart' });
  });

  it('refuses a revision that cuts an instalment below what is paid out in its year', async () => {
    const input = {
      projectId: p.projectId,
      baseRevision: 0,
      reason: 'Move money to 2025',
      referenceNumber: 'ÄB 1',
      referenceDate: '2024-05-01',
      effectiveDate: '2024-05-01',
      lines: [
        { costCategory: 'A', fiscalYear: 2024, planned: '40000.00' },
        { costCategory: 'A', fiscalYear: 2025, planned: '160000.00' },
      ],
      instalments: [
        { fiscalYear: 2024, amount: '40000.00' },
        { fiscalYear: 2025, amount: '160000.00' },
      ],
      fundingSources: [],
    };
    const r = await t.gqlAs(p.finance, REVISE_PLAN, { input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'instalments', fiscalYear: 2024, paid: '70000.00' });
    const room = await t.gqlAs(p.finance, ROOM, { projectId: p.projectId, fiscalYear: 2024 });
    expect(room.data!.drawdownRoom).toMatchObject({ available: '30000.00' });
  });

  it('changes the approved total through a revision whose instalments add up to it', async () => {
    const input = {
      projectId: p.projectId,
      baseRevision: 0,
      reason: 'Top-up',
      referenceNumber: 'ÄB 2',
      referenceDate: '2024-05-01',
      effectiveDate: '2024-05-01',
      approvedTotal: '210000.00',
      lines: [
        { costCategory: 'A', fiscalYear: 2024, planned: '100000.00' },
        { costCategory: 'A', fiscalYear: 2025, planned: '110000.00' },
      ],
      instalments: [
        { fiscalYear: 2024, amount: '100000.00' },
        { fiscalYear: 2025, amount: '110000.00' },
      ],
      fundingSources: [
        { kind: 'FEDERAL_GRANT', fiscalYear: 2024, amount: '100000.00' },
        { kind: 'FEDERAL_GRANT', fiscalYear: 2025, amount: '110000.00' },
      ],
    };
    const r = await t.gqlAs(p.finance, REVISE_PLAN, { input });
    expect(r.errors).toBeUndefined();
    const [row] = await t.orm.em
      .fork()
      .execute<{ approved_total: string }[]>('select approved_total::text from project where id = ?', [p.projectId]);
    expect(row.approved_total).toBe('210000.00');
  });

  it('the database refuses the same change however it is written (deferred constraint trigger)', async () => {
    const em = t.orm.em.fork();
    await expect(
      em.transactional(async (tx) => tx.execute('update project set approved_total = 1 where id = ?', [p.projectId])),
    ).rejects.toThrow(/invariant:approvedTotal/);
    await expect(
      em.transactional(async (tx) => tx.execute("update project set approval_start = '2025-01-01' where id = ?", [p.projectId])),
    ).rejects.toThrow(/invariant:approvalStart/);
  });
});

describe('a repayment changes a tranche by the amounts', () => {
  let t: TestApp;
  let p: FundedProject;
  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '50000.00' } } });
  });
  afterAll(() => t.close());

  it('0.01 back leaves the tranche with its unused money open; the full rest makes it REPAID', async () => {
    const id = await paidTranche(
      t,
      { finance: p.finance, approver: p.finance2 },
      p.projectId,
      [{ costCategoryId: p.category.A, amount: '25000.00' }],
      '2024-02-01',
    );
    const repay = (amount: string) =>
      t.gqlAs(p.finance, REPAY, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          kind: 'REPAYMENT',
          lines: [{ costCategoryId: p.category.A, amount }],
          paymentDate: '2024-03-01',
          reason: 'Unused money back',
          relatesToDrawdownId: id,
        },
      });
    expect((await repay('0.01')).errors).toBeUndefined();
    const status = async () =>
      (
        (await t.gqlAs(p.finance, DRAWDOWNS, { projectId: p.projectId, asOf: '2024-03-02' })).data!.drawdowns as {
          id: string;
          status: string;
        }[]
      ).find((d) => d.id === id)!.status;
    expect(await status()).not.toBe('REPAID');
    expect((await repay('24999.99')).errors).toBeUndefined();
    expect(await status()).toBe('REPAID');
    const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
  });
});
