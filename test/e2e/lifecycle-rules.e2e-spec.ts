import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { APPROVE, key, receipt, RECORD } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';
import { addDays, todayUtc } from '../../src/common/dates/local-date.js';

/**
 * Four eyes across a drawdown's lifecycle, payment dates not after today (plus a
 * small tolerance), invoice dates not after payment without a reason, and the field of a missing
 * input named exactly.
 */
const PLAN = `mutation($input: RequestDrawdownInput!) { planDrawdown(input: $input) { id status } }`;
const SUBMIT = `mutation($input: SubmitDrawdownInput!) { submitDrawdown(input: $input) { id status } }`;

describe('lifecycle rules', () => {
  let t: TestApp;
  let p: FundedProject;
  const thisYear = Number(todayUtc().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, {
      plan: {
        2024: { A: '90000.00' },
        [thisYear]: { A: '90000.00' },
        [thisYear + 1]: { A: '90000.00' },
        [thisYear + 2]: { A: '90000.00' },
      },
    });
  });
  afterAll(() => t.close());
  const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions;

  it('the planner never approves a drawdown, also after a colleague submitted it', async () => {
    const planned = await t.gqlAs(p.finance, PLAN, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2024-03-01',
        neededUntil: '2024-03-20',
        lines: [{ costCategoryId: p.category.A, amount: '100.00' }],
      },
    });
    const id = planned.data!.planDrawdown.id;
    expect((await t.gqlAs(p.finance2, SUBMIT, { input: { idempotencyKey: key(), drawdownId: id } })).errors).toBeUndefined();
    expect(code(await t.gqlAs(p.finance, APPROVE, { input: { drawdownId: id, comment: 'ok' } }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(code(await t.gqlAs(p.finance2, APPROVE, { input: { drawdownId: id, comment: 'ok' } }))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a payment date 13 months ahead, accepts today', async () => {
    const ahead = addDays(todayUtc(), 396);
    const far = await t.gqlAs(p.finance, RECORD, {
      input: { idempotencyKey: key(), projectId: p.projectId, receipt: receipt(p.category.A, { paymentDate: ahead, invoiceDate: ahead }) },
    });
    expect(code(far)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.paymentDate' });
    const today = await t.gqlAs(p.finance, RECORD, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        receipt: receipt(p.category.A, { paymentDate: todayUtc(), invoiceDate: todayUtc() }),
      },
    });
    expect(today.errors).toBeUndefined();
  });

  it('refuses an invoice dated a year after its payment unless a reason is given', async () => {
    const late = receipt(p.category.A, { paymentDate: '2024-02-10', invoiceDate: '2025-02-10' });
    expect(
      code(await t.gqlAs(p.finance, RECORD, { input: { idempotencyKey: key(), projectId: p.projectId, receipt: late } })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'receipt.invoiceDate',
    });
    const explained = await t.gqlAs(p.finance, RECORD, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        receipt: { ...late, invoiceDateNote: 'Prepayment; final invoice came later' },
      },
    });
    expect(explained.errors).toBeUndefined();
  });

  it('names the missing field itself, not its parent object', async () => {
    const { payee: _payee, ...withoutPayee } = receipt(p.category.A);
    const r = await t.gqlAs(p.finance, RECORD, { input: { idempotencyKey: key(), projectId: p.projectId, receipt: withoutPayee } });
    expect(code(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.payee' });
  });
});
