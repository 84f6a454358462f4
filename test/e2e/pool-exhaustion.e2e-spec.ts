import { jest } from '@jest/globals';

import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { APPROVE, key, receipt, RECORD, REJECT, REQUEST, ROOM } from '../factories/money-ops.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * A request must never wait for a second pool connection while it holds one.
 * Four times the pool size of parallel requests of every kind (sign-ins included, right after the
 * start) must all be answered, and /health must keep answering meanwhile. A hang shows up as an
 * "unanswered" entry (bounded by a generous limit so the test reports instead of hanging); nothing
 * here asserts a timing.
 */
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';
const UNANSWERED = { unanswered: true } as const;
const bounded = <T>(p: Promise<T>) =>
  Promise.race([p, new Promise<typeof UNANSWERED>((r) => setTimeout(() => r(UNANSWERED), 90_000).unref())]);

jest.setTimeout(300_000);

describe.each([{ pool: undefined }, { pool: 2 }])('parallel requests with DB_POOL_MAX=$pool', ({ pool }) => {
  let t: TestApp;
  let p: FundedProject;
  const size = pool ?? 10;

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_IP: '100000',
      LOGIN_RATE_LIMIT_PER_USER: '1000',
      ...(pool ? { DB_POOL_MAX: String(pool) } : {}),
    });
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '900000.00' } } });
  });
  afterAll(() => t.close());

  it('answers 4 × pool parallel sign-ins right after the start (existing or not, right or wrong passwords)', async () => {
    const attempts = Array.from({ length: 4 * size }, (_, i) =>
      bounded(
        t.gql(LOGIN, {
          input: {
            username: [p.finance, p.finance2, p.auditor, `nobody-${i}`][i % 4],
            password: i % 3 === 0 ? 'wrong-password' : 'test-password-123',
          },
        }),
      ),
    );
    const health = bounded(
      t
        .http()
        .get('/health')
        .then((r) => r.status),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r === UNANSWERED)).toHaveLength(0);
    for (const r of results as GraphQLResponse[]) expect(r.data?.login?.token ?? r.errors?.[0]?.extensions?.code).toBeDefined();
    expect(results.some((r) => (r as GraphQLResponse).data?.login?.token)).toBe(true);
    expect(await health).toBe(200);
    expect((await t.http().get('/health')).status).toBe(200);
  });

  it('answers 4 × pool parallel requests of every mutation kind and mixed reads', async () => {
    const [financeAuth, approverAuth] = [await t.auth(p.finance), await t.auth(p.finance2)];
    // Requests to reject in parallel (the hang the issue saw with ten rejectDrawdown calls).
    const ids: string[] = [];
    for (let i = 0; i < size; i++) {
      const r = await t.gql(
        REQUEST,
        {
          input: {
            idempotencyKey: key(),
            projectId: p.projectId,
            expectedPayoutDate: '2024-03-01',
            neededUntil: '2024-03-20',
            lines: [{ costCategoryId: p.category.A, amount: '10.00' }],
          },
        },
        financeAuth,
      );
      ids.push(r.data!.requestDrawdown.id);
    }
    const kinds: (() => Promise<unknown>)[] = [
      () => t.gql(LOGIN, { input: { username: p.auditor, password: 'test-password-123' } }),
      () =>
        t.gql(
          REQUEST,
          {
            input: {
              idempotencyKey: key(),
              projectId: p.projectId,
              expectedPayoutDate: '2024-03-01',
              neededUntil: '2024-03-20',
              lines: [{ costCategoryId: p.category.A, amount: '1.00' }],
            },
          },
          financeAuth,
        ),
      () =>
        t.gql(
          RECORD,
          {
            input: {
              idempotencyKey: key(),
              projectId: p.projectId,
              receipt: receipt(p.category.A, { grossAmount: '1.00', eligibleAmount: '1.00' }),
            },
          },
          financeAuth,
        ),
      () => t.gql(ROOM, { projectId: p.projectId, fiscalYear: 2024 }, financeAuth),
      () => t.gql('{ me { username } }', {}, financeAuth),
      () => t.http().get('/health'),
    ];
    const work = [
      ...ids.map((id, i) => () => t.gql(i % 2 ? REJECT : APPROVE, { input: { drawdownId: id, comment: 'checked' } }, approverAuth)),
      ...Array.from({ length: 4 * size }, (_, i) => kinds[i % kinds.length]),
    ];
    const results = await Promise.all(work.map((w) => bounded(w())));
    expect(results.filter((r) => r === UNANSWERED)).toHaveLength(0);
    // Every GraphQL answer is data or a clear, coded error (never INTERNAL_SERVER_ERROR).
    for (const r of results as { body?: GraphQLResponse; data?: unknown; errors?: GraphQLResponse['errors'] }[]) {
      if ('errors' in r && r.errors) expect(r.errors[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    }
    expect((await t.http().get('/health')).status).toBe(200);
  });
});
