import { readFileSync } from 'node:fs';

import type { EntityManager } from '@mikro-orm/postgresql';

import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { APPROVE, DISBURSE, key, receipt, RECORD, REQUEST } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * Found by cross-module-model: shortening the approval period while a tranche for the
 * cut-off year is on its way. A test transaction holds the row the drawdown mutation queues on, so
 * the project update runs exactly while the drawdown mutation is between its checks and its commit.
 * Either the update or the drawdown wins; the loser gets a coded error, never INTERNAL_SERVER_ERROR,
 * and the approval period still covers every tranche.
 */
const PLAN = `mutation($input: RequestDrawdownInput!) { planDrawdown(input: $input) { id } }`;
const SET_RULES = `mutation($input: SetMappingRulesInput!) { setMappingRules(input: $input) { version } }`;
const PREVIEW_IMPORT = `mutation($id: ID!) { previewImport(importId: $id) { summary { toBook } } }`;
const COMMIT_IMPORT = `mutation($id: ID!) { commitImport(importId: $id) { status } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { id approvalEnd } }`;

describe('approval period shortened while a tranche is on its way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /**
   * Holds a lock in a test transaction (begun on a fork, not em.transactional, so the app's
   * requests do not join it) while `blocked` queues on it; then starts `during` and lets go once
   * `during` has answered or is itself waiting for a lock (held by `blocked`).
   */
  async function whileLocked(
    lockSql: string,
    params: unknown[],
    blocked: () => Promise<GraphQLResponse>,
    during: () => Promise<GraphQLResponse>,
  ) {
    const em = t.orm.em.fork() as EntityManager;
    await em.begin();
    try {
      await em.execute(lockSql, params);
      const first = blocked();
      await waitForLockWaiters(1);
      let settled = false;
      const second = during().finally(() => (settled = true));
      await waitForLockWaiters(2, () => settled);
      await em.commit();
      return { blocked: await first, during: await second };
    } catch (error) {
      await em.rollback();
      throw error;
    }
  }

  async function waitForLockWaiters(n: number, done = () => false) {
    for (let i = 0; i < 2400 && !done(); i++) {
      const [row] = await t.orm.em
        .fork()
        .execute<{ n: number }[]>(
          "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()",
        );
      if (row.n >= n) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    if (!done()) throw new Error(`never saw ${n} requests waiting for a lock`);
  }

  async function endYear(p: FundedProject) {
    const [row] = await t.orm.em
      .fork()
      .execute<{ y: number }[]>('select extract(year from approval_end)::int as y from project where id = ?', [p.projectId]);
    const [last] = await t.orm.em
      .fork()
      .execute<{ y: number | null }[]>('select max(fiscal_year) as y from drawdown where project_id = ?', [p.projectId]);
    return { end: row.y, lastTranche: last.y };
  }

  /** Exactly one of the two got a coded error (never INTERNAL_SERVER_ERROR), and the approval period still covers every receipt's year. */
  async function oneWinsAndPeriodCoversReceipts(p: FundedProject, r: { blocked: GraphQLResponse; during: GraphQLResponse }) {
    for (const a of [r.blocked, r.during]) expect(a.errors?.[0]?.extensions?.code ?? 'OK').not.toBe('INTERNAL_SERVER_ERROR');
    expect([r.blocked.errors, r.during.errors].filter(Boolean)).toHaveLength(1);
    const [row] = await t.orm.em
      .fork()
      .execute<{ end: number; last: number | null }[]>(
        'select extract(year from approval_end)::int as end, (select max(fiscal_year) from expenditure where project_id = p.id) as last from project p where id = ?',
        [p.projectId],
      );
    expect(row.end).toBeGreaterThanOrEqual(row.last ?? row.end);
  }

  const lines = (p: FundedProject) => [{ costCategoryId: p.category.A, amount: '0.01' }];
  // The request reads the project and checks its dates, then reads the plan's lines: it waits there.
  const PLAN_LINES = 'lock table budget_line in access exclusive mode';

  it('a drawdown request for 2025 against approvalEnd 2024-12-31', async () => {
    const p = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' }, 2025: { A: '5000.00' } } });
    const r = await whileLocked(
      PLAN_LINES,
      [],
      () =>
        t.gqlAs(p.finance, REQUEST, {
          input: {
            idempotencyKey: key(),
            projectId: p.projectId,
            expectedPayoutDate: '2025-03-01',
            neededUntil: '2025-03-01',
            lines: lines(p),
          },
        }),
      () => t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2024-12-31' } }),
    );
    for (const a of [r.blocked, r.during]) expect(a.errors?.[0]?.extensions?.code ?? 'OK').not.toBe('INTERNAL_SERVER_ERROR');
    expect([r.blocked.errors, r.during.errors].filter(Boolean)).toHaveLength(1);
    const { end, lastTranche } = await endYear(p);
    expect(end).toBeGreaterThanOrEqual(lastTranche ?? end);
  });

  it('a payout in 2025 against approvalEnd 2024-12-31', async () => {
    const p = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' }, 2025: { A: '5000.00' } } });
    const requested = await t.gqlAs(p.finance, REQUEST, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2025-03-01',
        neededUntil: '2025-03-01',
        lines: lines(p),
      },
    });
    const id = requested.data!.requestDrawdown.id as string;
    const approved = await t.gqlAs(p.finance2, APPROVE, { input: { drawdownId: id, comment: 'ok' } });
    expect(approved.errors).toBeUndefined();
    // The update is refused outright while the approved tranche exists; the payout must not be hurt by the attempt.
    const r = await whileLocked(
      'select 1 from drawdown where id = ? for update',
      [id],
      () => t.gqlAs(p.finance, DISBURSE, { input: { idempotencyKey: key(), drawdownId: id, payoutDate: '2025-03-01', amount: '0.01' } }),
      () => t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2024-12-31' } }),
    );
    for (const a of [r.blocked, r.during]) expect(a.errors?.[0]?.extensions?.code ?? 'OK').not.toBe('INTERNAL_SERVER_ERROR');
    expect(r.during.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalEnd' });
    expect(r.blocked.errors).toBeUndefined();
  });

  it('a receipt paid in 2025 against approvalEnd 2024-12-31 (no trigger guards receipts)', async () => {
    const p = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' }, 2025: { A: '5000.00' } } });
    const day = '2025-04-01';
    const r = await whileLocked(
      PLAN_LINES,
      [],
      () =>
        t.gqlAs(p.finance, RECORD, {
          input: { idempotencyKey: key(), projectId: p.projectId, receipt: receipt(p.category.A, { paymentDate: day, invoiceDate: day }) },
        }),
      () => t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2024-12-31' } }),
    );
    await oneWinsAndPeriodCoversReceipts(p, r);
  });

  it('an import committing receipts paid in 2024 against approvalEnd 2023-12-31', async () => {
    const p = await createFundedProject(t.orm, {
      plan: { 2023: { A: '1000.00' }, 2024: { A: '50000.00', B1: '10000.00', B2: '20000.00', B3: '50.00', B6: '3000.00' } },
    });
    const rules = await t.gqlAs(p.finance, SET_RULES, {
      input: {
        projectId: p.projectId,
        rules: [
          { account: '4120', action: 'BOOK', costCategoryCode: 'A' },
          { account: '4900', action: 'BOOK', costCategoryCode: 'B1' },
          { account: '4210', action: 'BOOK', costCategoryCode: 'B2' },
          { account: '466*', action: 'BOOK', costCategoryCode: 'B3' },
          { costCentre: 'TN*', action: 'BOOK', costCategoryCode: 'B6' },
          { account: '1360', action: 'IGNORE' },
        ],
      },
    });
    expect(rules.errors).toBeUndefined();
    const uploaded = await t
      .http()
      .post('/imports')
      .query({ projectId: p.projectId, format: 'DATEV' })
      .set(await t.auth(p.finance))
      .attach('file', readFileSync('test/fixtures/imports/datev-buchungsstapel-2024-q1.csv'), 'datev-buchungsstapel-2024-q1.csv');
    expect(uploaded.status).toBe(201);
    const importId = uploaded.body.id as string;
    expect((await t.gqlAs(p.finance, PREVIEW_IMPORT, { id: importId })).data!.previewImport.summary.toBook).toBeGreaterThan(0);
    // The commit reads the project, then queues on the project's import lock: it waits there.
    const r = await whileLocked(
      `select pg_advisory_xact_lock(hashtextextended('booking-import:' || ?, 0))`,
      [p.projectId],
      () => t.gqlAs(p.finance, COMMIT_IMPORT, { id: importId }),
      () => t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2023-12-31' } }),
    );
    await oneWinsAndPeriodCoversReceipts(p, r);
  });

  it('the database backstop at commit answers with the field, not INTERNAL_SERVER_ERROR (a planned tranche in 2025)', async () => {
    const p = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00' }, 2025: { A: '5000.00' } } });
    const planned = await t.gqlAs(p.finance, PLAN, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2025-03-01',
        neededUntil: '2025-03-01',
        lines: lines(p),
      },
    });
    expect(planned.errors).toBeUndefined();
    const r = await t.gqlAs('admin', UPDATE_PROJECT, { id: p.projectId, input: { approvalEnd: '2024-12-31' } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approvalEnd' });
    expect((await endYear(p)).end).toBe(2025);
  });
});
