import { jest } from '@jest/globals';
import { SignJWT } from 'jose';

import { ISSUER } from '../../src/auth/auth.service.js';
import { SCRUB_AUDIT_SQL } from '../../src/database/migrations/Migration20261203042800_Privacy.js';
import { DEV_JWT_SECRET_FOR_TESTS } from '../../src/config/app-config.js';
import { count, demoProjectId, register } from '../factories/participants.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../setup/test-app.js';

/**
 * The privacy attacks, run against the demo data as an adversary would combine the API's
 * queries. Each test fails when an attack recovers anything (all of them recovered something on the
 * code before the issue).
 */
jest.setTimeout(600_000);

const REPORT = `query($projectId: ID!, $period: ReportPeriodInput!) {
  indicatorReport(projectId: $projectId, period: $period) {
    periodFrom periodTo suppressionApplied minCellSize
    rows { code unit periodActual cumulativeActual numerator denominator suppressed
      disaggregations { dimension period { key count suppressed } cumulative { key count suppressed } } }
  }
}`;
const PARTICIPANTS = `query($projectId: ID!, $after: String, $entryFrom: LocalDate, $entryTo: LocalDate, $gender: Gender) {
  participants(projectId: $projectId, first: 100, after: $after, entryFrom: $entryFrom, entryTo: $entryTo, gender: $gender) {
    pageInfo { hasNextPage endCursor }
    nodes { id pseudonym entryDate exitReason }
  }
}`;
const HEALTH = `query($projectId: ID!, $after: String) {
  participants(projectId: $projectId, first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id pseudonym entryDate exitReason identityErasedAt health { hasDisability } }
  }
}`;
const AUDIT = `query($after: String) { auditEvents(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { operation changes { entity before after } } } }`;
const NON_CASE_WORKERS = ['analyst', 'auditor', 'grantor', 'admin', 'finance'];

async function pages(t: TestApp, user: string, query: string, variables: Record<string, unknown>, root: string) {
  const nodes: any[] = [];
  let after: string | null = null;
  do {
    const page: any = await t.gqlAs(user, query, { ...variables, after });
    if (page.errors) return { nodes, errors: page.errors };
    nodes.push(...page.data[root].nodes);
    after = page.data[root].pageInfo.hasNextPage ? page.data[root].pageInfo.endCursor : null;
  } while (after);
  return { nodes, errors: undefined };
}

const report = async (t: TestApp, user: string, projectId: string, from: string, to: string) => {
  const r = await t.gqlAs(user, REPORT, { projectId, period: { from, to } });
  return r.errors ? null : r.data!.indicatorReport;
};
const row = (rep: any, code: string) => rep?.rows.find((r: any) => r.code === code);
const num = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('privacy attacks', () => {
  let t: TestApp;
  let projectId: string;
  let truth: any[];
  let periods: { periodFrom: string; periodTo: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    projectId = await demoProjectId(t);
    truth = (await pages(t, 'caseworker', HEALTH, { projectId }, 'participants')).nodes;
    const rp = await t.gqlAs('finance', `query($projectId: ID!) { reportingPeriods(projectId: $projectId) { periodFrom periodTo } }`, {
      projectId,
    });
    periods = [...rp.data!.reportingPeriods].sort((a: any, b: any) => a.periodFrom.localeCompare(b.periodFrom));
  });
  afterAll(() => t?.close());

  it('1. single-day entrant: no role but case workers learns the disability of the one person who entered on a day', async () => {
    const byDay = new Map<string, any[]>();
    for (const p of truth) byDay.set(p.entryDate, [...(byDay.get(p.entryDate) ?? []), p]);
    const days = [...byDay].filter(([d, ps]) => ps.length === 1 && !d.endsWith('-12-31') && !d.endsWith('-01-01')).slice(0, 8);
    expect(days.length).toBeGreaterThan(3);
    const recovered: string[] = [];
    for (const user of NON_CASE_WORKERS) {
      for (const [day, [person]] of days) {
        const rows = await pages(t, user, PARTICIPANTS, { projectId, entryFrom: day, entryTo: day }, 'participants');
        const seesPerson = rows.nodes.some((n) => n.pseudonym === person.pseudonym);
        const rep = await report(t, user, projectId, day, day);
        const oneDay = rep && rep.periodFrom === day && rep.periodTo === day;
        const value = num(row(rep, 'EECO12')?.periodActual);
        if (seesPerson && oneDay && value !== null && value === (person.health?.hasDisability ? 1 : 0)) recovered.push(`${user}@${day}`);
      }
    }
    expect(recovered).toEqual([]);
  });

  it('2. cumulative differencing on EECO12: cumulative(D) − cumulative(D−1) does not give the entrant of day D', async () => {
    const days = truth
      .map((p) => p.entryDate)
      .filter((d) => !d.endsWith('-01-01') && !d.endsWith('-12-31'))
      .slice(0, 6);
    const recovered: string[] = [];
    for (const user of NON_CASE_WORKERS) {
      for (const day of days) {
        const a = await report(t, user, projectId, day, day);
        const b = await report(t, user, projectId, dayBefore(day), dayBefore(day));
        if (!a || !b || a.periodTo !== day || b.periodTo !== dayBefore(day)) continue;
        const x = num(row(a, 'EECO12')?.cumulativeActual);
        const y = num(row(b, 'EECO12')?.cumulativeActual);
        if (x !== null && y !== null) recovered.push(`${user}@${day}: ${x - y}`);
      }
    }
    expect(recovered).toEqual([]);
  });

  it('3. cumulative differencing across every pair of consecutive reporting periods does not give back a withheld or exact small cell', async () => {
    expect(periods.length).toBeGreaterThan(1);
    // Counted over every small (1 … threshold−1) period cell whose two cumulative neighbours are published.
    let withheld = 0;
    let exact = 0;
    for (let i = 1; i < periods.length; i++) {
      const [prev, cur] = [periods[i - 1], periods[i]];
      const [a, b, real] = await Promise.all([
        report(t, 'analyst', projectId, cur.periodFrom, cur.periodTo),
        report(t, 'analyst', projectId, prev.periodFrom, prev.periodTo),
        report(t, 'finance', projectId, cur.periodFrom, cur.periodTo),
      ]);
      const attack = (truePeriod: number | null, x: number | null, y: number | null) => {
        if (truePeriod === null || x === null || y === null || truePeriod < 1 || truePeriod >= a.minCellSize) return;
        withheld++;
        if (x - y === truePeriod) exact++;
      };
      for (const r of a.rows) {
        if (r.unit !== 'PERSONS') continue;
        attack(num(row(real, r.code)?.periodActual), num(r.cumulativeActual), num(row(b, r.code)?.cumulativeActual));
        // The same on every cell of every breakdown.
        for (const d of r.disaggregations) {
          const realCells = row(real, r.code).disaggregations.find((x: any) => x.dimension === d.dimension).period;
          const earlier = row(b, r.code).disaggregations.find((x: any) => x.dimension === d.dimension).cumulative;
          for (const c of d.cumulative)
            attack(realCells.find((x: any) => x.key === c.key).count, c.count, earlier.find((x: any) => x.key === c.key).count);
        }
      }
    }
    // The cell key method leaves an attacker a guess that is right about a third of the time (equal deviations), never certainty.
    expect(exact).toBeLessThan(Math.max(1, withheld * 0.6));
  });

  it('4. complement sums within every breakdown do not give back withheld cells', async () => {
    let hidden = 0;
    let exact = 0;
    for (const p of periods) {
      const [a, real] = await Promise.all([
        report(t, 'analyst', projectId, p.periodFrom, p.periodTo),
        report(t, 'finance', projectId, p.periodFrom, p.periodTo),
      ]);
      for (const r of a.rows) {
        const total = num(r.periodActual);
        if (total === null || r.unit !== 'PERSONS') continue;
        for (const d of r.disaggregations) {
          const withheld = d.period.filter((c: any) => c.suppressed);
          if (!withheld.length) continue;
          const realCells = row(real, r.code).disaggregations.find((x: any) => x.dimension === d.dimension).period;
          const trueHidden = withheld.reduce((s: number, c: any) => s + realCells.find((x: any) => x.key === c.key).count, 0);
          const shown = d.period.filter((c: any) => !c.suppressed).reduce((s: number, c: any) => s + c.count, 0);
          if (trueHidden === 0) continue;
          hidden++;
          if (total - shown === trueHidden) exact++;
        }
      }
    }
    expect(exact).toBeLessThan(Math.max(1, hidden * 0.6));
  });

  it('5. zero versus withheld: an analyst never sees an exact count below the threshold, not even 0', async () => {
    const small: string[] = [];
    for (const p of periods) {
      const a = await report(t, 'analyst', projectId, p.periodFrom, p.periodTo);
      for (const r of a.rows) {
        if (r.unit !== 'PERSONS') continue;
        const v = num(r.periodActual);
        if (v !== null && v < a.minCellSize) small.push(`${r.code} ${p.periodFrom} = ${v}`);
        for (const d of r.disaggregations)
          for (const c of [...d.period, ...d.cumulative])
            if (c.count !== null && c.count < a.minCellSize) small.push(`${r.code}/${c.key} = ${c.count}`);
      }
    }
    expect(small).toEqual([]);
  });

  it('6. counting rows by filters: analysts and the grantor get no row-level records', async () => {
    for (const user of ['analyst', 'grantor']) {
      const rows = await pages(t, user, PARTICIPANTS, { projectId, gender: 'DIVERSE' }, 'participants');
      expect(rows.nodes).toEqual([]);
      expect(rows.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });

  it('7. self-grant: neither a global nor a project administrator grants itself CASE_WORKER and reads identities', async () => {
    const IDENT = `query($projectId: ID!) { participants(projectId: $projectId, first: 5) { nodes { identity { lastName } } } }`;
    const me = await t.gqlAs('admin', '{ me { id } }');
    const adminId = me.data!.me.id;
    const grant = await t.gqlAs('admin', `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
      input: { userId: adminId, role: 'CASE_WORKER', projectId },
    });
    expect(grant.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const read = await t.gqlAs('admin', IDENT, { projectId });
    expect(JSON.stringify(read.data ?? null)).not.toContain('lastName":"');

    // A project administrator (made by the global one) tries the same.
    const created = await t.gqlAs('admin', `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { username: 'projadmin13', displayName: 'Projekt-Admin', password: TEST_PASSWORD },
    });
    const userId = created.data!.createUser.id;
    const g1 = await t.gqlAs('admin', `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
      input: { userId, role: 'ADMIN', projectId },
    });
    expect(g1.errors).toBeUndefined();
    const self = await t.gqlAs('projadmin13', `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id } }`, {
      input: { userId, role: 'CASE_WORKER', projectId },
    });
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const read2 = await t.gqlAs('projadmin13', IDENT, { projectId });
    expect(JSON.stringify(read2.data ?? null)).not.toContain('lastName":"');
  });

  it('7b. four eyes: a CASE_WORKER grant is pending until a second administrator (not its author, not its receiver) confirms it', async () => {
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
    const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id pending } }`;
    const CONFIRM = `mutation($id: ID!) { confirmRoleGrant(id: $id) { id pending } }`;
    const IDENT = `query($projectId: ID!) { participants(projectId: $projectId, first: 2) { nodes { identity { lastName } } } }`;
    const worker = (
      await t.gqlAs('admin', CREATE, { input: { username: 'newworker13', displayName: 'Neue Fallmanagerin', password: TEST_PASSWORD } })
    ).data!.createUser.id;
    const second = (
      await t.gqlAs('admin', CREATE, {
        input: { username: 'secondadmin13', displayName: 'Zweite Administratorin', password: TEST_PASSWORD },
      })
    ).data!.createUser.id;
    expect((await t.gqlAs('admin', GRANT, { input: { userId: second, role: 'ADMIN' } })).errors).toBeUndefined();

    const grant = await t.gqlAs('admin', GRANT, { input: { userId: worker, role: 'CASE_WORKER', projectId } });
    expect(grant.data!.grantRole.pending).toBe(true);
    const before = await t.gqlAs('newworker13', IDENT, { projectId });
    expect(before.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The author cannot confirm it; a second administrator can.
    expect((await t.gqlAs('admin', CONFIRM, { id: grant.data!.grantRole.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const confirmed = await t.gqlAs('secondadmin13', CONFIRM, { id: grant.data!.grantRole.id });
    expect(confirmed.data!.confirmRoleGrant.pending).toBe(false);
    const after = await t.gqlAs('newworker13', IDENT, { projectId });
    expect(after.errors).toBeUndefined();
    expect(after.data!.participants.nodes.some((n: any) => n.identity?.lastName)).toBe(true);
  });

  it('8. audit reads: no restricted free text (justification, erasure verification) or health marker in the audit trail', async () => {
    const justification = 'Attest Psychiatrie 13-XYZ liegt vor';
    const verification = 'Personalausweis L01X00T47';
    const p = await register(t, projectId, { gender: 'FEMALE', livesAlone: false, eligibilityOverride: { justification } });
    const erased = await t.gqlAs(
      'caseworker',
      `mutation($id: ID!, $input: ErasureRequestInput!) { eraseParticipantIdentity(id: $id, input: $input) { id } }`,
      {
        id: p.id,
        input: { requestReceivedOn: '2026-01-05', verification },
      },
    );
    expect(erased.errors).toBeUndefined();
    for (const user of ['admin', 'auditor']) {
      const events = await pages(t, user, AUDIT, {}, 'auditEvents');
      const text = JSON.stringify(events.nodes);
      expect(text).not.toContain(verification);
      expect(text).not.toContain('healthState');
      if (user === 'admin') expect(text).not.toContain(justification);
    }
    // The append-only table itself keeps neither (it can never be erased).
    expect(
      await count(t, `audit_event where changes::text like ? or changes::text like ?`, [`%${justification}%`, `%${verification}%`]),
    ).toBe(0);
  });

  it('8b. the Privacy migration scrubs audit rows written before it', async () => {
    const old = [
      {
        entity: 'Participant',
        id: 'x',
        before: null,
        after: { pseudonym: 'TN-OLD', overrideJustification: 'Attest 8b-geheim', exitReason: 'ILLNESS' },
      },
      {
        entity: 'ParticipantIdentity',
        id: 'x',
        before: { identityState: 'held' },
        after: { identityState: 'erased', verification: 'Ausweis 8b-geheim', healthState: 'recorded' },
      },
    ];
    const connection = t.orm.em.fork().getConnection();
    const [{ id }] = await connection.execute(
      `insert into audit_event (roles, operation, outcome, entities, entity_ids, changes) values ('{CASE_WORKER}', 'registerParticipant', 'SUCCESS', '{Participant}', '{Participant:x}', ?::jsonb) returning id`,
      [JSON.stringify(old)],
    );
    await t.orm.em.fork().transactional(async (em) => {
      for (const sql of SCRUB_AUDIT_SQL) await em.getConnection().execute(sql, [], 'run', em.getTransactionContext());
    });
    const [row] = await connection.execute(`select changes from audit_event where id = ?`, [id]);
    const text = JSON.stringify(row.changes);
    expect(text).not.toContain('8b-geheim');
    expect(text).not.toContain('healthState');
    expect(row.changes[0].after).toMatchObject({ pseudonym: 'TN-OLD', overrideJustification: '[redacted]' });
    expect(row.changes[1].after).toMatchObject({ identityState: 'erased', verification: '[redacted]' });
    // The append-only guard is back in force.
    await expect(connection.execute(`update audit_event set operation = 'x' where id = ?`, [id])).rejects.toThrow(/append-only/);
  });

  it('9. erasure changes no figure, locked or not', async () => {
    const figures = async () => {
      const out: Record<string, unknown> = {};
      for (const user of ['finance', 'analyst'])
        for (const p of periods) out[`${user}${p.periodFrom}`] = await report(t, user, projectId, p.periodFrom, p.periodTo);
      return out;
    };
    const before = await figures();
    // The comparison means something: EECO12 is published at year level (from 10 persons up).
    expect(
      Object.entries(before).some(([k, r]: [string, any]) => k.startsWith('finance') && num(row(r, 'EECO12')?.periodActual) !== null),
    ).toBe(true);
    const disabled = truth.filter((p) => p.health?.hasDisability && !p.identityErasedAt).slice(0, 5);
    expect(disabled.length).toBeGreaterThan(0);
    for (const p of disabled) {
      const r = await t.gqlAs(
        'caseworker',
        `mutation($id: ID!, $input: ErasureRequestInput!) { eraseParticipantIdentity(id: $id, input: $input) { id } }`,
        {
          id: p.id,
          input: { requestReceivedOn: '2026-01-05', verification: 'Ausweis geprüft' },
        },
      );
      expect(r.errors).toBeUndefined();
    }
    expect(await figures()).toEqual(before);
  });

  it('10. health facts: exit reason illness is not visible per pseudonym to any role but case workers', async () => {
    expect(truth.some((p) => p.exitReason === 'ILLNESS')).toBe(true);
    for (const user of ['auditor', 'admin']) {
      const rows = await pages(t, user, PARTICIPANTS, { projectId }, 'participants');
      expect(rows.errors).toBeUndefined();
      expect(rows.nodes.filter((n) => n.exitReason === 'ILLNESS')).toEqual([]);
    }
  });

  it('10b. measure occupancy: no per-day count for analysts, and a § 16a health measure counted for no role but case workers', async () => {
    const OCCUPANCY = `query($projectId: ID!, $day: LocalDate) {
      measures(projectId: $projectId, first: 100) { nodes { id type occupancy(asOf: $day) { occupied free totalParticipations } } } }`;
    const health = ['MUNICIPAL_PSYCHOSOCIAL_16A', 'MUNICIPAL_ADDICTION_COUNSELLING_16A'];
    const day = '2024-06-03';
    const of = async (user: string) => {
      const r = await t.gqlAs(user, OCCUPANCY, { projectId, day });
      expect(r.errors).toBeUndefined();
      return r.data!.measures.nodes as { type: string; occupancy: { occupied: number } | null }[];
    };
    const caseworker = await of('caseworker');
    // The attack needs a health measure with someone in it on that day: the demo has one.
    expect(caseworker.some((m) => health.includes(m.type) && m.occupancy!.occupied > 0)).toBe(true);
    expect(caseworker.every((m) => m.occupancy !== null)).toBe(true);
    // Differencing consecutive days of an exact count would date each entry and exit.
    expect((await of('analyst')).filter((m) => m.occupancy !== null)).toEqual([]);
    for (const user of ['auditor', 'grantor', 'admin', 'finance']) {
      const measures = await of(user);
      expect(measures.filter((m) => health.includes(m.type) && m.occupancy !== null)).toEqual([]);
      expect(measures.some((m) => !health.includes(m.type) && m.occupancy !== null)).toBe(true);
    }
  });

  it('11. secrets: a token without exp is refused', async () => {
    const me = await t.gqlAs('admin', '{ me { id } }');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(me.data!.me.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .sign(new TextEncoder().encode(DEV_JWT_SECRET_FOR_TESTS));
    const r = await t.gql('{ me { id } }', {}, { authorization: `Bearer ${token}` });
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
