import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

import { type AuditChange, AuditTrail } from '../../src/audit/audit-trail.js';
import { count, demoProjectId, register, registration, REGISTER } from '../factories/participants.js';
import { IdentityVault } from '../../src/participants/identity-vault.js';
import { backfillStatisticalAttributes } from '../../src/participants/statistical-attributes.backfill.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const STATISTICS = `query($projectId: ID!) { participantStatistics(projectId: $projectId) { total minCellSize cells { dimension value count suppressed } } }`;
const IDENTITIES = `query($projectId: ID!, $after: String) {
  participants(projectId: $projectId, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id pseudonym identityErasedAt status identity { firstName lastName socialInsuranceNumber email } }
  }
}`;

/**
 * Captures (and keeps off the terminal) everything written to stdout/stderr, through fs (pino's
 * sonic-boom) or the process streams, from `start()` until `stop()`.
 */
function outputCapture() {
  const chunks: string[] = [];
  const { writeSync, write } = fs;
  const { write: outWrite } = process.stdout;
  const { write: errWrite } = process.stderr;
  const text = (data: unknown) => (Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
  return {
    output: () => chunks.join(''),
    start() {
      fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd !== 1 && fd !== 2) return (writeSync as any)(fd, data, ...rest);
        chunks.push(text(data));
        return Buffer.byteLength(text(data));
      }) as typeof fs.writeSync;
      fs.write = ((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd !== 1 && fd !== 2) return (write as any)(fd, data, ...rest);
        chunks.push(text(data));
        const callback = rest.find((r) => typeof r === 'function') as ((e: null, n: number) => void) | undefined;
        callback?.(null, Buffer.byteLength(text(data)));
      }) as typeof fs.write;
      process.stdout.write = ((data: unknown) => (chunks.push(text(data)), true)) as typeof process.stdout.write;
      process.stderr.write = ((data: unknown) => (chunks.push(text(data)), true)) as typeof process.stderr.write;
    },
    stop() {
      Object.assign(fs, { writeSync, write });
      process.stdout.write = outWrite;
      process.stderr.write = errWrite;
    },
  };
}

async function allIdentities(t: TestApp, projectId: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  do {
    const page: any = await t.gqlAs('caseworker', IDENTITIES, { projectId, after });
    expect(page.errors).toBeUndefined();
    nodes.push(...page.data.participants.nodes);
    after = page.data.participants.pageInfo.hasNextPage ? page.data.participants.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

describe('participant privacy: no identity in logs or audit, erasure keeps statistics', () => {
  let t: TestApp;
  let projectId: string;
  const audit: AuditChange[] = [];
  const capture = outputCapture();

  beforeAll(async () => {
    capture.start();
    // Full logging, to have something to scan: HTTP request lines and internal errors.
    t = await createTestApp({ LOG_LEVEL: 'trace' });
    projectId = await demoProjectId(t);
    const trail = t.app.get(AuditTrail);
    const record = trail.record.bind(trail);
    trail.record = (change) => {
      audit.push(structuredClone(change));
      record(change);
    };
  });
  afterAll(async () => {
    await t.close();
    capture.stop();
  });

  it('fills the statistical attributes of records kept before they existed from their health records (start-up backfill)', async () => {
    const em = t.orm.em.fork();
    const vault = t.app.get(IdentityVault);
    const withIdentity = `select p.id, p.statistics_cipher as cipher from participant p join participant_identity i on i.participant_id = p.id order by p.id`;
    const disability = (rows: { id: string; cipher: string }[]) =>
      rows.map((r) => [r.id, vault.openStatistics(r.id, r.cipher).hasDisability]);
    const before = await em.execute<{ id: string; cipher: string }[]>(withIdentity);
    const expected = disability(before);
    expect(expected.some(([, hasDisability]) => hasDisability)).toBe(true);
    await em.execute('update participant set statistics_cipher = null where id in (select participant_id from participant_identity)');
    // A batch size that does not divide the row count, so the last batch is a short one.
    expect(await backfillStatisticalAttributes(em, vault, 97)).toEqual({ filled: before.length, unreadable: 0 });
    expect(disability(await em.execute<{ id: string; cipher: string }[]>(withIdentity))).toEqual(expected);
  });

  it('never writes identity or health data to a log line, the SQL log or an audit change', async () => {
    // Every statement with its parameters, as MikroORM's query logger would print them with debug on.
    const logger = t.orm.config.getLogger();
    const sql: string[] = [];
    const logQuery = logger.logQuery;
    logger.logQuery = (context) => sql.push(`${context.query ?? ''} ${JSON.stringify(context.params ?? [])}`);
    const unique = {
      firstName: 'Wilhelmine',
      lastName: 'Zauberkraut',
      socialInsuranceNumber: '53 010185 Z 777',
      email: 'wilhelmine.zauberkraut@example.org',
    };
    const demo = await (async () => {
      const created = await register(t, projectId, {}, unique);
      await t.gqlAs('caseworker', `mutation($id: ID!) { recordEntryData(id: $id, input: { monthsOnBenefits: 30 }) { id } }`, {
        id: created.id,
      });
      await t.gqlAs('caseworker', REGISTER, { input: registration(projectId, {}, unique) }); // duplicate: refused, message must not echo the name
      await t.gqlAs('caseworker', REGISTER, { input: registration(projectId, { gender: 'MALE' }, { ...unique, firstName: 'Wilhelm' }) }); // not eligible
      await t.gqlAs(
        'caseworker',
        `mutation($id: ID!) { eraseParticipantIdentity(id: $id, input: { requestReceivedOn: "2026-01-05", verification: "Personalausweis vorgelegt" }) { id } }`,
        { id: created.id },
      );
      return allIdentities(t, projectId);
    })();
    const output = capture.output();
    logger.logQuery = logQuery;

    const demoNames = demo
      .filter((p) => p.identity)
      .flatMap((p) => [p.identity.lastName, p.identity.socialInsuranceNumber, p.identity.email]);
    const needles = [...new Set([...Object.values(unique), ...demoNames])].filter((n): n is string => !!n && n.length >= 6);
    expect(needles.length).toBeGreaterThan(200);
    expect(output).toMatch(/"req":\{"id":/); // the log really was captured
    expect(sql.join('\n')).toMatch(/insert into "participant_identity"/);
    const auditRows = await t.orm.em.fork().getConnection().execute('select * from audit_event');
    expect(auditRows.map((r) => r.operation)).toEqual(
      expect.arrayContaining(['registerParticipant', 'recordEntryData', 'eraseParticipantIdentity']),
    );
    const haystacks = { logs: output, sql: sql.join('\n'), reportedChanges: JSON.stringify(audit), auditTable: JSON.stringify(auditRows) };
    for (const [where, text] of Object.entries(haystacks)) {
      const leaked = needles.filter((needle) => text.includes(needle));
      expect({ where, leaked }).toEqual({ where, leaked: [] });
    }
    expect(audit.map((c) => c.entity)).toEqual(expect.arrayContaining(['Participant', 'ParticipantIdentity']));
  });

  it('erases identity past retain-until, leaving the pseudonymous statistics unchanged', async () => {
    const before = await t.gqlAs('caseworker', STATISTICS, { projectId });
    expect(before.errors).toBeUndefined();
    const participantsBefore = await count(t, 'participant');
    const expired = await count(t, 'participant where retain_until < current_date and identity_erased_at is null');
    expect(expired).toBeGreaterThan(10);

    const erased = await t.gqlAs(
      'caseworker',
      `mutation($projectId: ID!) { eraseExpiredParticipantIdentities(projectId: $projectId) { erased pseudonyms } }`,
      { projectId },
    );
    expect(erased.errors).toBeUndefined();
    expect(erased.data!.eraseExpiredParticipantIdentities.erased).toBe(expired);

    const after = await t.gqlAs('caseworker', STATISTICS, { projectId });
    expect(after.data!.participantStatistics).toEqual(before.data!.participantStatistics);
    expect(await count(t, 'participant')).toBe(participantsBefore);
    expect(await count(t, 'participant p join participant_identity i on i.participant_id = p.id where p.retain_until < current_date')).toBe(
      0,
    );

    const pseudonym = erased.data!.eraseExpiredParticipantIdentities.pseudonyms[0];
    const read = await t.gqlAs(
      'caseworker',
      `query($projectId: ID!, $p: String) { participants(projectId: $projectId, pseudonym: $p) { nodes { status identityErasedAt erasureReason identity { lastName } health { hasDisability } } } }`,
      { projectId, p: pseudonym },
    );
    expect(read.data!.participants.nodes[0]).toMatchObject({
      status: 'ARCHIVED',
      erasureReason: 'RETENTION_EXPIRED',
      identity: null,
      health: null,
    });
    expect(read.data!.participants.nodes[0].identityErasedAt).not.toBeNull();
    const erasures = audit.filter((c) => c.entity === 'ParticipantIdentity' && c.after?.identityState === 'erased');
    expect(erasures.length).toBeGreaterThanOrEqual(expired);
  });

  it('erases on a verified request; a second request is a CONFLICT; an analyst may not', async () => {
    const { id } = await register(t, projectId);
    const mutation = `mutation($id: ID!, $input: ErasureRequestInput!) { eraseParticipantIdentity(id: $id, input: $input) { status identityErasedAt erasureReason } }`;
    const input = { requestReceivedOn: '2026-01-05', verification: 'Personalausweis vorgelegt' };
    expect((await t.gqlAs('analyst', mutation, { id, input })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gqlAs('caseworker', mutation, { id, input: { ...input, verification: 'kurz' } })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'verification',
    });
    const done = await t.gqlAs('caseworker', mutation, { id, input });
    expect(done.data!.eraseParticipantIdentity).toMatchObject({ status: 'ARCHIVED', erasureReason: 'VERIFIED_REQUEST' });
    expect(await count(t, 'participant_identity where participant_id = ?', [id])).toBe(0);
    expect((await t.gqlAs('caseworker', mutation, { id, input })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('`npm run participants:erase-expired` erases every expired identity and keeps the records', async () => {
    const participants = await count(t, 'participant');
    const before = await t.gqlAs('analyst', STATISTICS, { projectId });
    // Every retention period ends (a future date is refused, so the data is made to expire instead).
    await t.orm.em.fork().getConnection().execute(`update participant set retain_until = '2020-01-01'`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'src/scripts/erase-expired-participants.ts', '2026-01-01', '--yes'],
      {
        env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test' },
      },
    );
    const done = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(done).toMatchObject({ event: 'erase_expired_done', asOf: '2026-01-01' });
    expect(done.erased).toBeGreaterThan(100);
    expect(await count(t, 'participant_identity')).toBe(0);
    expect(await count(t, 'participant')).toBe(participants);
    const events = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select * from audit_event where operation = 'participants:erase-expired'`);
    expect(events).toHaveLength(1);
    expect(events[0].entity_ids.length).toBe(2 * done.erased);
    expect((await t.gqlAs('analyst', STATISTICS, { projectId })).data).toEqual(before.data);
  });
});
