import { DEMO_AS_OF } from '../../src/database/seeders/participants-demo-data.js';
import { ChangeProofStatusDocument, FirstProjectDocument } from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/**
 * A proof's submission is one unit with its audit event: the SUBMITTED status, the frozen files and
 * the mutation's audit event commit together or not at all (src/database/transactions.ts). The
 * audit store is made to fail by a trigger, after the service has written status and files.
 */
describe('submitting a proof: status, files and audit event in one transaction', () => {
  let t: TestApp;
  let projectId: string;
  const request = () => ({ projectId, kind: 'INTERIM' as const, fiscalYear: 2023 });

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.op('finance', FirstProjectDocument)).data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  const sql = <T extends object>(text: string, params: unknown[] = []) => t.orm.em.fork().execute<T[]>(text, params);
  const state = async () => {
    const [proof] = await sql<{ id: string; status: string; as_of: string | null }>(
      `select id, status, as_of::text as as_of from proof where project_id = ? and kind = 'INTERIM' and fiscal_year = 2023`,
      [projectId],
    );
    const [files] = await sql<{ n: string }>('select count(*) as n from proof_file where proof_id = ?', [
      proof?.id ?? '00000000-0000-4000-8000-000000000000',
    ]);
    const [events] = await sql<{ n: string }>(
      `select count(*) as n from audit_event where operation = 'changeProofStatus' and outcome = 'SUCCESS' and changes::text like '%SUBMITTED%'`,
    );
    return { status: proof?.status, asOf: proof?.as_of ?? null, files: Number(files.n), submittedEvents: Number(events.n) };
  };

  it('rolls back the status and the frozen files when the audit event cannot be written, and commits all three otherwise', async () => {
    expect(
      (await t.op('finance', ChangeProofStatusDocument, { input: { ...request(), status: 'IN_PREPARATION' } })).errors,
    ).toBeUndefined();
    await sql(`create function fail_submission_audit() returns trigger language plpgsql as $$
                 begin
                   if new.operation = 'changeProofStatus' and new.outcome = 'SUCCESS' then raise exception 'audit store unavailable'; end if;
                   return new;
                 end $$`);
    await sql('create trigger fail_submission_audit before insert on audit_event for each row execute function fail_submission_audit()');
    try {
      const failed = await t.op('finance', ChangeProofStatusDocument, { input: { ...request(), status: 'SUBMITTED', asOf: DEMO_AS_OF } });
      expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await state()).toEqual({ status: 'IN_PREPARATION', asOf: null, files: 0, submittedEvents: 0 });
    } finally {
      await sql('drop trigger fail_submission_audit on audit_event');
      await sql('drop function fail_submission_audit()');
    }

    const submitted = await t.op('finance', ChangeProofStatusDocument, { input: { ...request(), status: 'SUBMITTED', asOf: DEMO_AS_OF } });
    expect(submitted.errors).toBeUndefined();
    const after = await state();
    expect(after).toMatchObject({ status: 'SUBMITTED', asOf: DEMO_AS_OF, submittedEvents: 1 });
    expect(after.files).toBeGreaterThan(0);
  }, 240_000); // two submissions, each generating every file of the proof
});
