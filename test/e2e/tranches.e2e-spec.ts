import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { APPROVE, DISBURSE, DRAWDOWNS, key, paidTranche, REJECT, REPAY, REQUEST, ROOM, TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('drawdowns (GraphQL over HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '60000.00', B1: '40000.00' }, 2025: { A: '50000.00' } } });
  });
  afterAll(() => t.close());

  const request = (overrides: Record<string, unknown> = {}, user = p.finance) =>
    t.gqlAs(user, REQUEST, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2024-03-01',
        neededUntil: '2024-04-10',
        lines: [
          { costCategoryId: p.category.A, amount: '10000.00' },
          { costCategoryId: p.category.B1, amount: '2500.50' },
        ],
        ...overrides,
      },
    });

  const count = async () =>
    Number((await t.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from drawdown where project_id = ?', [p.projectId]))[0].n);

  it('walks the whole lifecycle: request → approve (four eyes) → disburse → used, with the drawn total booked', async () => {
    const requested = await request();
    expect(requested.errors).toBeUndefined();
    const drawdown = requested.data!.requestDrawdown;
    expect(drawdown).toMatchObject({
      status: 'REQUESTED',
      amount: '12500.50',
      fiscalYear: 2024,
      number: 1,
      kind: 'TRANCHE',
      approval: null,
      use: null,
    });
    expect(drawdown.lines.map((l: { costCategoryCode: string; amount: string }) => [l.costCategoryCode, l.amount])).toEqual([
      ['A', '10000.00'],
      ['B1', '2500.50'],
    ]);

    const approved = await t.gqlAs(p.finance2, APPROVE, { input: { drawdownId: drawdown.id, comment: 'Bedarf plausibel' } });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveDrawdown).toMatchObject({
      status: 'APPROVED',
      approval: { decision: 'APPROVED', comment: 'Bedarf plausibel' },
    });

    const paid = await t.gqlAs(p.finance, DISBURSE, {
      input: { idempotencyKey: key(), drawdownId: drawdown.id, payoutDate: '2024-03-04', amount: '12500.50' },
    });
    expect(paid.errors).toBeUndefined();
    expect(paid.data!.disburseDrawdown).toMatchObject({ payoutDate: '2024-03-04' });

    const listed = await t.gqlAs(p.auditor, DRAWDOWNS, { projectId: p.projectId, asOf: '2024-03-10' });
    expect(listed.data!.drawdowns[0]).toMatchObject({
      status: 'DISBURSED',
      use: { used: '0.00', unused: '12500.50', useDeadline: '2024-04-15', overdueDays: 0, interestOwed: '0.00' },
    });

    const room = await t.gqlAs(p.finance, ROOM, { projectId: p.projectId, fiscalYear: 2024 });
    expect(room.data!.drawdownRoom).toMatchObject({ instalment: '100000.00', disbursed: '12500.50', available: '87499.50' });

    const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);

    // Every step left one audit event with the changes the service reported.
    const AUDIT = `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { nodes { operation outcome changes { entity id after } } } }`;
    const events = await t.gqlAs(p.auditor, AUDIT, { filter: { projectId: p.projectId, entity: 'Drawdown' } });
    const ours = events.data!.auditEvents.nodes.filter((e: { changes: { id: string }[] }) => e.changes.some((c) => c.id === drawdown.id));
    expect(ours.map((e: { operation: string }) => e.operation).sort()).toEqual(['approveDrawdown', 'disburseDrawdown', 'requestDrawdown']);
  });

  it('refuses self-approval (four eyes) and keeps the request as it was', async () => {
    const id = (await request()).data!.requestDrawdown.id;
    const self = await t.gqlAs(p.finance, APPROVE, { input: { drawdownId: id } });
    expect(self.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const selfReject = await t.gqlAs(p.finance, REJECT, { input: { drawdownId: id, comment: 'no' } });
    expect(selfReject.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const rows = await t.orm.em.fork().execute('select status from drawdown where id = ?', [id]);
    expect(rows[0].status).toBe('REQUESTED');
    expect(await t.orm.em.fork().execute('select * from drawdown_approval where drawdown_id = ?', [id])).toHaveLength(0);

    const rejected = await t.gqlAs('grantor', REJECT, { input: { drawdownId: id, comment: 'Bedarf nicht belegt' } });
    expect(rejected.data!.rejectDrawdown).toMatchObject({
      status: 'REJECTED',
      approval: { decision: 'REJECTED', comment: 'Bedarf nicht belegt' },
    });
  });

  it.each([
    ['beyond the horizon', { neededUntil: '2024-04-13' }, 'BAD_USER_INPUT', 'neededUntil'],
    ['needed before payout', { neededUntil: '2024-02-01' }, 'BAD_USER_INPUT', 'neededUntil'],
    [
      'payout outside the approval period',
      { expectedPayoutDate: '2026-01-05', neededUntil: '2026-01-06' },
      'BAD_USER_INPUT',
      'expectedPayoutDate',
    ],
    [
      'zero amount',
      { lines: [{ costCategoryId: '00000000-0000-4000-8000-000000000000', amount: '0.00' }] },
      'BAD_USER_INPUT',
      'lines.0.amount',
    ],
    [
      'category not in the plan',
      { lines: [{ costCategoryId: '00000000-0000-4000-8000-000000000000', amount: '1.00' }] },
      'BAD_USER_INPUT',
      'lines.0.costCategoryId',
    ],
    ['no lines', { lines: [] }, 'BAD_USER_INPUT', 'lines'],
    [
      'three decimals',
      { lines: [{ costCategoryId: '00000000-0000-4000-8000-000000000000', amount: '1.001' }] },
      'BAD_USER_INPUT',
      undefined,
    ],
    ['more than the instalment', { lines: [{ costCategoryId: 'A', amount: '100000.01' }] }, 'BAD_USER_INPUT', 'lines'],
    ['a short idempotency key', { idempotencyKey: 'x' }, 'BAD_USER_INPUT', 'idempotencyKey'],
  ])('refuses a request with %s and writes nothing', async (_name, overrides, code, field) => {
    const before = await count();
    const lines = (overrides as { lines?: { costCategoryId: string; amount: string }[] }).lines?.map((l) => ({
      ...l,
      costCategoryId: p.category[l.costCategoryId] ?? l.costCategoryId,
    }));
    const result = await request(lines ? { ...overrides, lines } : overrides);
    expect(result.errors![0].extensions!.code).toBe(code);
    if (field) expect(result.errors![0].extensions!.field).toBe(field);
    expect(await count()).toBe(before);
  });

  it('refuses writes by readers and by the requester role for approvals it lacks', async () => {
    const byAuditor = await request({}, p.auditor);
    expect(byAuditor.errors![0].extensions!.code).toBe('FORBIDDEN');
    const id = (await request()).data!.requestDrawdown.id;
    const byAnalyst = await t.gqlAs('analyst', APPROVE, { input: { drawdownId: id } });
    expect(byAnalyst.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a rejection without a reason, an unknown drawdown, and one of a project the user has no role on', async () => {
    const id = (await request()).data!.requestDrawdown.id;
    const noReason = await t.gqlAs('grantor', REJECT, { input: { drawdownId: id } });
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
    const unknown = await t.gqlAs('grantor', APPROVE, { input: { drawdownId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
    const other = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' } } });
    const hidden = await t.gqlAs(other.finance, APPROVE, { input: { drawdownId: id } });
    expect(hidden.errors![0].extensions!.code).toBe('NOT_FOUND');
    const [row] = await t.orm.em.fork().execute('select status from drawdown where id = ?', [id]);
    expect(row.status).toBe('REQUESTED');
  });

  it('refuses to disburse an unapproved request or a different amount', async () => {
    const id = (await request()).data!.requestDrawdown.id;
    const early = await t.gqlAs(p.finance, DISBURSE, {
      input: { idempotencyKey: key(), drawdownId: id, payoutDate: '2024-03-04', amount: '12500.50' },
    });
    expect(early.errors![0].extensions!.code).toBe('CONFLICT');
    await t.gqlAs('grantor', APPROVE, { input: { drawdownId: id } });
    const wrong = await t.gqlAs(p.finance, DISBURSE, {
      input: { idempotencyKey: key(), drawdownId: id, payoutDate: '2024-03-04', amount: '12500.00' },
    });
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    const rows = await t.orm.em.fork().execute('select status, payout_date from drawdown where id = ?', [id]);
    expect(rows[0]).toMatchObject({ status: 'APPROVED', payout_date: null });
  });

  it('computes interest on an overdue tranche to the cent (hand-checked)', async () => {
    // 30,000.00 EUR paid 2025-01-02, deadline 2025-02-13 (42 days), nothing spent. As of 2025-03-14
    // it is overdue from 2025-02-14 to 2025-03-14 inclusive: 29 days at 2.27 % + 5 = 7.27 % a year.
    // 30000 × 0.0727 × 29 / 365 = 173.2849315… → 173.28 (half up, once).
    const id = await paidTranche(
      t,
      { finance: p.finance, approver: 'grantor' },
      p.projectId,
      [{ costCategoryId: p.category.A, amount: '30000.00' }],
      '2025-01-02',
    );
    const listed = await t.gqlAs(p.finance, DRAWDOWNS, { projectId: p.projectId, fiscalYear: 2025, asOf: '2025-03-14' });
    const tranche = listed.data!.drawdowns.find((d: { id: string }) => d.id === id);
    expect(tranche).toMatchObject({
      status: 'OVERDUE',
      use: { useDeadline: '2025-02-13', unused: '30000.00', overdueDays: 29, interestOwed: '173.28' },
    });
  });

  it('books a repayment as a negative tranche with a reason, nets the drawn total, and leaves a tranche with unused money open (REPAID by amounts)', async () => {
    const [tranche] = (await t.gqlAs(p.finance, DRAWDOWNS, { projectId: p.projectId, fiscalYear: 2025 })).data!.drawdowns;
    const repaid = await t.gqlAs(p.finance, REPAY, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        kind: 'REPAYMENT',
        paymentDate: '2025-03-20',
        reason: 'Nicht rechtzeitig verbraucht',
        relatesToDrawdownId: tranche.id,
        lines: [{ costCategoryId: p.category.A, amount: '5000.00' }],
      },
    });
    expect(repaid.errors).toBeUndefined();
    expect(repaid.data!.recordRepayment).toMatchObject({ kind: 'REPAYMENT', amount: '-5000.00', reason: 'Nicht rechtzeitig verbraucht' });
    const after = (await t.gqlAs(p.finance, DRAWDOWNS, { projectId: p.projectId, fiscalYear: 2025 })).data!.drawdowns;
    // 25,000.00 of the 30,000.00 are still unused: not REPAID (money-integrity covers REPAID).
    expect(after.find((d: { id: string }) => d.id === tranche.id).status).toBe('OVERDUE');
    const tooMuch = await t.gqlAs(p.finance, REPAY, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        kind: 'RECLAIM',
        paymentDate: '2025-03-21',
        reason: 'x',
        lines: [{ costCategoryId: p.category.A, amount: '25000.01' }],
      },
    });
    expect(tooMuch.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines' });
    const room = await t.gqlAs(p.finance, ROOM, { projectId: p.projectId, fiscalYear: 2025 });
    expect(room.data!.drawdownRoom).toMatchObject({ instalment: '50000.00', disbursed: '25000.00', available: '25000.00' });
    const check = await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId });
    expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
  });
});
