import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, receipt, RECORD, REQUEST, ROOM, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('money invariants under concurrency (parallel requests, real PostgreSQL)', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    // 2024: an instalment of 70,000.00 EUR; 2025 for the idempotency and booking races.
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '70000.00' }, 2025: { A: '50000.00', B6: '1000.00' } } });
    await t.auth(p.finance);
  });
  afterAll(() => t.close());

  const request = (year: number, amount: string, idempotencyKey = key()) =>
    t.gqlAs(p.finance, REQUEST, {
      input: {
        idempotencyKey,
        projectId: p.projectId,
        expectedPayoutDate: `${year}-03-01`,
        neededUntil: `${year}-03-20`,
        lines: [{ costCategoryId: p.category.A, amount }],
      },
    });
  const claimed = async (year: number) =>
    (
      await t.orm.em
        .fork()
        .execute<{ n: string; total: string | null }[]>(
          'select count(*) as n, sum(amount)::text as total from drawdown where project_id = ? and fiscal_year = ?',
          [p.projectId, year],
        )
    )[0];

  it('32 parallel requests against room for exactly 7 book exactly 7 and never exceed the instalment', async () => {
    const results = await Promise.all(Array.from({ length: 32 }, () => request(2024, '10000.00')));
    const booked = results.filter((r) => r.data?.requestDrawdown);
    const refused = results.filter((r) => r.errors);
    expect(booked).toHaveLength(7);
    expect(refused).toHaveLength(25);
    for (const r of refused) expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    expect(await claimed(2024)).toEqual({ n: '7', total: '70000.00' });
    // A refused request rolls back its idempotency key with everything else.
    const [keys] = await t.orm.em
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from idempotency_key where project_id = ?', [p.projectId]);
    expect(keys.n).toBe('7');
    expect(booked.map((r) => r.data!.requestDrawdown.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const room = await t.gqlAs(p.finance, ROOM, { projectId: p.projectId, fiscalYear: 2024 });
    expect(room.data!.drawdownRoom).toMatchObject({ requested: '70000.00', available: '0.00' });
  });

  it('10 parallel identical requests with one idempotency key book exactly one and all return it', async () => {
    const shared = key();
    const results = await Promise.all(Array.from({ length: 10 }, () => request(2025, '1234.56', shared)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.requestDrawdown.id)).size).toBe(1);
    expect(await claimed(2025)).toEqual({ n: '1', total: '1234.56' });
    const different = await request(2025, '1234.57', shared);
    expect(different.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await claimed(2025)).toEqual({ n: '1', total: '1234.56' });
  });

  it('parallel bookings at a line limit never pass the plan (1,000.00 + 20 % = 1,200.00)', async () => {
    const book = (idempotencyKey = key()) =>
      t.gqlAs(p.finance, RECORD, {
        input: {
          idempotencyKey,
          projectId: p.projectId,
          receipt: receipt(p.category.B6, { paymentDate: '2025-04-01', grossAmount: '100.00', eligibleAmount: '100.00' }),
        },
      });
    const results = await Promise.all(Array.from({ length: 20 }, () => book()));
    expect(results.filter((r) => r.data?.recordExpenditure)).toHaveLength(12);
    const [row] = await t.orm.em
      .fork()
      .execute<{ n: string; spent: string }[]>(
        'select count(*) as n, sum(eligible_amount)::text as spent from expenditure where project_id = ? and fiscal_year = 2025',
        [p.projectId],
      );
    expect(row).toEqual({ n: '12', spent: '1200.00' });
    const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
  });
});
