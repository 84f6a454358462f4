import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, receipt, RECORD, REVERSE } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * One receipt cannot be booked twice by spelling its number
 * differently; blank and unstorable text is refused with BAD_USER_INPUT naming the field; inline
 * lists validate like variables; money strings have no surrounding white space; a refusal at
 * variable parsing leaves its audit event.
 */
describe('hostile and clumsy text', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '90000.00', B6: '5000.00' } } });
  });
  afterAll(() => t.close());

  const book = (overrides: Record<string, unknown>) =>
    t.gqlAs(p.finance, RECORD, { input: { idempotencyKey: key(), projectId: p.projectId, receipt: receipt(p.category.A, overrides) } });
  const code = (r: GraphQLResponse) => r.errors?.[0]?.extensions;

  it('books one receipt once, whatever the spaces, case or Unicode tricks', async () => {
    expect((await book({ receiptNumber: 'RE-2024-77' })).errors).toBeUndefined();
    for (const twin of [' RE-2024-77', 'RE-2024-77 ', 'RE-2024-77\u00a0', 're-2024-77', 'RE-2024-77\n', '\tRE-2024-77']) {
      expect(code(await book({ receiptNumber: twin }))).toMatchObject({ code: 'CONFLICT', field: 'receipt.receiptNumber' });
    }
    for (const invisible of ['RE-2024\u200b-77', '\ufeffRE-2024-77', 'RE-2024-77\u200d']) {
      expect(code(await book({ receiptNumber: invisible }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.receiptNumber' });
    }
    const [row] = await t.orm.em
      .fork()
      .execute<{ n: string }[]>("select count(*) as n from expenditure where project_id = ? and receipt_key = 're-2024-77'", [p.projectId]);
    expect(row.n).toBe('1');
  });

  it('stores text in one normal form (NFC, trimmed, single spaces)', async () => {
    const r = await book({ receiptNumber: 'NF  1', payee: '  Mu\u0308ller   GmbH ', purpose: 'Coaching\u00a0 session ' });
    expect(r.data?.recordExpenditure).toMatchObject({ receiptNumber: 'NF 1', payee: 'Müller GmbH' });
    const [row] = await t.orm.em
      .fork()
      .execute<{ purpose: string }[]>('select purpose from expenditure where id = ?', [r.data!.recordExpenditure.id]);
    expect(row.purpose).toBe('Coaching session');
  });

  it('refuses blank required text, naming the field', async () => {
    expect(code(await book({ receiptNumber: '   ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.receiptNumber' });
    expect(code(await book({ payee: ' ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.payee' });
    expect(code(await book({ purpose: '\t\n ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.purpose' });
    const booked = await book({});
    const storno = await t.gqlAs(p.finance, REVERSE, {
      input: { idempotencyKey: key(), expenditureId: booked.data!.recordExpenditure.id, reason: ' \t ' },
    });
    expect(code(storno)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });

  it('refuses what PostgreSQL cannot store and terminal escapes with BAD_USER_INPUT, never INTERNAL_SERVER_ERROR', async () => {
    expect(code(await book({ purpose: 'a\u0000b' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.purpose' });
    expect(code(await book({ payee: 'x\ud800y' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.payee' });
    expect(code(await book({ payee: '\u001b[31mRed GmbH' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.payee' });
    const update = await t.gqlAs(
      'admin',
      `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { title } }`,
      { id: p.projectId, input: { title: 'Title\u001b]0;pwned\u0007' } },
    );
    expect(code(update)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  });

  it('takes money strings exactly: no surrounding white space, BOM or NBSP', async () => {
    for (const amount of [' 12.30', '12.50\n', '\ufeff12.00', '12.00\u00a0']) {
      const r = await book({ grossAmount: amount, eligibleAmount: '12.00' });
      expect(code(r)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(String(code(r)!.field)).toMatch(/grossAmount/);
    }
  });

  it("accepts the README's inline list and runs element validators inline and as variables", async () => {
    const inline = await t.gqlAs(
      p.finance,
      `mutation { requestDrawdown(input: { idempotencyKey: "${key()}", projectId: "${p.projectId}", expectedPayoutDate: "2024-03-01", neededUntil: "2024-03-20",
        lines: [{ costCategoryId: "${p.category.A}", amount: "800.00" }, { costCategoryId: "${p.category.B6}", amount: "150.00" }] }) { id amount } }`,
    );
    expect(inline.errors).toBeUndefined();
    expect(inline.data!.requestDrawdown.amount).toBe('950.00');
    const badInline = await t.gqlAs(
      p.finance,
      `mutation { requestDrawdown(input: { idempotencyKey: "${key()}", projectId: "${p.projectId}", expectedPayoutDate: "2024-03-01", neededUntil: "2024-03-20",
        lines: [{ costCategoryId: "not-a-uuid", amount: "1.00" }] }) { id } }`,
    );
    expect(code(badInline)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.costCategoryId' });
    const badVariables = await t.gqlAs(p.finance, `mutation($input: RequestDrawdownInput!) { requestDrawdown(input: $input) { id } }`, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2024-03-01',
        neededUntil: '2024-03-20',
        lines: [{ costCategoryId: 'not-a-uuid', amount: '1.00' }],
      },
    });
    expect(code(badVariables)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.costCategoryId' });
  });

  it('leaves an audit event for a refusal at variable parsing, naming the field', async () => {
    const count = async () =>
      Number(
        (
          await t.orm.em
            .fork()
            .execute<{ n: string }[]>(
              "select count(*) as n from audit_event where operation = 'recordExpenditure' and username = ? and outcome <> 'SUCCESS'",
              [p.finance],
            )
        )[0].n,
      );
    const before = await count();
    const r = await t.gqlAs(p.finance, RECORD, {
      input: { idempotencyKey: key(), projectId: p.projectId, receipt: { ...receipt(p.category.A), grossAmount: 12 } },
    });
    expect(code(r)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receipt.grossAmount' });
    expect(await count()).toBe(before + 1);
  });
});
