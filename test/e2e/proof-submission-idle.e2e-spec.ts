import type { FundedProject } from '../factories/funded-project.js';
import { projectWithOneReceipt } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const STATUS = `mutation($input: ChangeProofStatusInput!) { changeProofStatus(input: $input) { status version } }`;

/**
 * A submission keeps its transaction open while it builds every file, and building is work in
 * Node, not in PostgreSQL: the session is "idle in transaction" meanwhile. With the pool's idle
 * limit shorter than the build (as on a loaded machine with the default 60 s), PostgreSQL ended
 * the session and the clerk got SERVICE_UNAVAILABLE. The submission now allows itself a longer idle
 * limit for its own transaction only.
 */
describe('proof submission outlasting the idle-in-transaction limit', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    // The set-up's mutations run with the default idle limit: 100 ms also ended a set-up
    // transaction whenever a loaded CI machine paused Node that long between two statements.
    const setUp = await createTestApp();
    try {
      ({ p } = await projectWithOneReceipt(setUp, { 2022: { A: '100000.00' }, 2023: { A: '100000.00' } }));
    } finally {
      await setUp.close();
    }
    t = await createTestApp({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '100' }, { databaseUrl: setUp.databaseUrl });
  }, 300_000);
  afterAll(() => t.close());

  it('submits and freezes the proof although building its files takes longer than the idle limit', async () => {
    const input = { projectId: p.projectId, kind: 'INTERIM', fiscalYear: 2022 };
    expect((await t.gqlAs(p.finance, STATUS, { input: { ...input, status: 'IN_PREPARATION' } })).errors).toBeUndefined();
    const submitted = await t.gqlAs(p.finance, STATUS, { input: { ...input, status: 'SUBMITTED' } });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.changeProofStatus).toEqual({ status: 'SUBMITTED', version: 1 });
  }, 300_000);
});
