import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, receipt, RECORD, REVERSE, SET_STATUS } from '../factories/money-ops.js';
import { demoProjectId } from '../factories/participants.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * The participant and ledger pages read plain rows (participant-rows.ts, ledger-rows.ts),
 * a single participant or receipt still reads entities. For every demo role, each node of a page
 * must equal the single read of the same id field by field, including which fields are refused
 * and with which code, so the fast path can neither add nor drop a field or a privacy rule.
 */
const PARTICIPANT_FIELDS = `id projectId pseudonym birthYear gender entryDate episode previousEpisodeId track livesAlone childrenInHousehold
  receivesSgb2Benefits labourStatusAtEntry monthsOnBenefits educationLevel monitoringConsentOn evaluationConsentOn status
  eligibilityOverride { overriddenRules overriddenBy } exitDate exitReason retainUntil identityErasedAt erasureReason createdAt updatedAt
  participations { id measureId startDate endDate exitReason measure { id title type provider track startDate endDate capacity costPerPlace } }`;
const PRIVATE_FIELDS =
  'overrideJustification identity { firstName lastName dateOfBirth socialInsuranceNumber email } health { hasDisability disabilityDegree }';
const EXPENDITURE_FIELDS = `id projectId kind receiptNumber revision invoiceDate paymentDate fiscalYear payee purpose costCategoryId costCategoryCode grossAmount
  ineligibleAmount eligibleAmount measureId reversalOfId reversedById reason status statusComment recordedById createdAt
  provenance { importId mappingVersion sourceKey fileName line }`;

const ROLES = DEMO_USERS.map((u) => u.username);

/** Errors of one node as "field:CODE", the path below the node, sorted. */
function errorsBelow(response: GraphQLResponse, prefix: (string | number)[]): string[] {
  return (response.errors ?? [])
    .filter((e) => prefix.every((p, i) => e.path?.[i] === p))
    .map((e) => `${(e.path ?? []).slice(prefix.length).join('.')}:${e.extensions?.code}`)
    .sort();
}

describe('read paths: plain-row pages answer as the entity reads do', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    // Every field of a page at once is beyond the default document cost limit, and beside the point here.
    t = await createTestApp({ GRAPHQL_MAX_COST: '100000' });
    projectId = await demoProjectId(t);
  });

  afterAll(() => t.close());

  it.each(ROLES)('participants page = participant(id), fields and refusals, as %s', async (role) => {
    const page = await t.gqlAs(
      role,
      `query($p: ID!) { participants(projectId: $p, first: 100) { totalCount nodes { ${PARTICIPANT_FIELDS} ${PRIVATE_FIELDS} } } }`,
      { p: projectId },
    );
    if (!page.data?.participants) {
      // A role refused the list must be refused a single participant with the same code.
      const code = page.errors?.[0]?.extensions?.code;
      expect(code).toMatch(/FORBIDDEN|NOT_FOUND/);
      const anyId = (
        await t.gqlAs('caseworker', `query($p: ID!) { participants(projectId: $p, first: 1) { nodes { id } } }`, { p: projectId })
      ).data!.participants.nodes[0].id;
      const single = await t.gqlAs(role, `query($id: ID!) { participant(id: $id) { id } }`, { id: anyId });
      expect(single.errors?.[0]?.extensions?.code).toBe(code);
      return;
    }
    const nodes = page.data.participants.nodes as Record<string, any>[];
    expect(nodes.length).toBe(100);
    // The first rows plus the first of each kind the demo data holds: override, exit, erased identity, re-entry.
    const picked = new Set<number>([0, 1, 2]);
    for (const has of [
      (n: any) => n.eligibilityOverride,
      (n: any) => n.exitDate,
      (n: any) => n.identityErasedAt,
      (n: any) => n.previousEpisodeId,
      (n: any) => n.participations.length > 1,
    ]) {
      const i = nodes.findIndex(has);
      if (i >= 0) picked.add(i);
    }
    expect(picked.size).toBeGreaterThan(4);
    for (const i of picked) {
      const single = await t.gqlAs(role, `query($id: ID!) { participant(id: $id) { ${PARTICIPANT_FIELDS} ${PRIVATE_FIELDS} } }`, {
        id: nodes[i].id,
      });
      expect(single.data?.participant).toEqual(nodes[i]);
      expect(errorsBelow(single, ['participant'])).toEqual(errorsBelow(page, ['participants', 'nodes', i]));
    }
  });

  describe('ledger', () => {
    let p: FundedProject;
    const users: string[] = [];

    beforeAll(async () => {
      p = await createFundedProject(t.orm, { plan: { 2024: { A: '10000.00', B6: '1000.00' } } });
      users.push(p.finance, p.auditor, 'admin', 'grantor', 'caseworker', 'finance');
      const record = async (overrides: Record<string, unknown>) =>
        (
          await t.gqlAs(p.finance, RECORD, {
            input: { idempotencyKey: key(), projectId: p.projectId, receipt: receipt(p.category.B6, overrides) },
          })
        ).data!.recordExpenditure;
      // One row of each kind: plain, reversed and its reversal and replacement, checked, rejected with a comment.
      await record({ grossAmount: '119.00', ineligibleAmount: '19.00', eligibleAmount: '100.00' });
      const wrong = await record({ receiptNumber: 'RP-1', grossAmount: '250.00', eligibleAmount: '250.00' });
      await t.gqlAs(p.finance, REVERSE, {
        input: {
          idempotencyKey: key(),
          expenditureId: wrong.id,
          reason: 'Betrag falsch',
          replacement: receipt(p.category.B6, { receiptNumber: 'RP-1', grossAmount: '205.00', eligibleAmount: '205.00' }),
        },
      });
      await t.gqlAs(p.finance, SET_STATUS, {
        input: { expenditureId: (await record({ grossAmount: '10.00', eligibleAmount: '10.00' })).id, status: 'CHECKED' },
      });
      await t.gqlAs(p.finance, SET_STATUS, {
        input: {
          expenditureId: (await record({ grossAmount: '20.00', eligibleAmount: '20.00' })).id,
          status: 'REJECTED',
          comment: 'Beleg unleserlich',
        },
      });
    });

    it.each([0, 1, 2, 3, 4, 5])(
      'ledger page = expenditure(id), every field and refusal, user %i (project finance, auditor, admin, grantor, demo case worker, demo finance)',
      async (u) => {
        const role = users[u];
        const page = await t.gqlAs(
          role,
          `query($p: ID!) { expenditures(projectId: $p, first: 100) { totalCount nodes { ${EXPENDITURE_FIELDS} } } }`,
          { p: p.projectId },
        );
        const anyId = (
          await t.gqlAs(p.finance, `query($p: ID!) { expenditures(projectId: $p, first: 1) { nodes { id } } }`, { p: p.projectId })
        ).data!.expenditures.nodes[0].id;
        if (!page.data?.expenditures) {
          const code = page.errors?.[0]?.extensions?.code;
          expect(code).toMatch(/FORBIDDEN|NOT_FOUND/);
          expect(
            (await t.gqlAs(role, `query($id: ID!) { expenditure(id: $id) { id } }`, { id: anyId })).errors?.[0]?.extensions?.code,
          ).toMatch(/FORBIDDEN|NOT_FOUND/);
          return;
        }
        const nodes = page.data.expenditures.nodes as Record<string, any>[];
        expect(nodes.length).toBe(6);
        expect(page.data.expenditures.totalCount).toBe(6);
        for (const has of [
          (n: any) => n.reversalOfId,
          (n: any) => n.reversedById,
          (n: any) => n.statusComment,
          (n: any) => n.status === 'CHECKED',
        ])
          expect(nodes.some(has)).toBe(true);
        for (const node of nodes) {
          const single = await t.gqlAs(role, `query($id: ID!) { expenditure(id: $id) { ${EXPENDITURE_FIELDS} } }`, { id: node.id });
          expect(single.errors).toBeUndefined();
          expect(single.data!.expenditure).toEqual(node);
        }
      },
    );

    it('filters in SQL as before: payee wildcards are literal, amounts and status compare exactly', async () => {
      const ids = async (filter: Record<string, unknown>) =>
        (
          await t.gqlAs(
            p.finance,
            `query($p: ID!, $payee: String, $min: Decimal, $max: Decimal, $status: ExpenditureStatus, $kind: EntryKind) { expenditures(projectId: $p, payee: $payee, minAmount: $min, maxAmount: $max, status: $status, kind: $kind, first: 100) { totalCount nodes { payee grossAmount status kind } } }`,
            { p: p.projectId, ...filter },
          )
        ).data!.expenditures;
      await t.gqlAs(p.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          receipt: receipt(p.category.B6, { payee: '50% Rabatt_GmbH', grossAmount: '1.00', eligibleAmount: '1.00' }),
        },
      });
      await t.gqlAs(p.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          receipt: receipt(p.category.B6, { payee: '500 RabattXGmbH', grossAmount: '1.00', eligibleAmount: '1.00' }),
        },
      });
      expect((await ids({ payee: '0% rabatt_' })).nodes.map((n: { payee: string }) => n.payee)).toEqual(['50% Rabatt_GmbH']);
      expect((await ids({ min: '205.00', max: '250.00' })).nodes.map((n: { grossAmount: string }) => n.grossAmount).sort()).toEqual([
        '205.00',
        '250.00',
      ]);
      expect((await ids({ status: 'REJECTED' })).totalCount).toBe(1);
      expect((await ids({ kind: 'REVERSAL' })).nodes).toEqual([expect.objectContaining({ kind: 'REVERSAL', grossAmount: '-250.00' })]);
    });
  });

  it('a ledger page continues after its cursor with filters, and totals ignore the cursor', async () => {
    const query = `query($p: ID!, $after: String, $y: Int) { expenditures(projectId: $p, fiscalYear: $y, first: 7, after: $after) { totalCount nodes { id paymentDate fiscalYear } pageInfo { hasNextPage endCursor } } }`;
    const all = (
      await t.gqlAs(
        'finance',
        `query($p: ID!, $y: Int) { expenditures(projectId: $p, fiscalYear: $y, first: 100) { totalCount nodes { id } } }`,
        { p: projectId, y: 2023 },
      )
    ).data!.expenditures;
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await t.gqlAs('finance', query, { p: projectId, after, y: 2023 })).data!.expenditures;
      expect(page.totalCount).toBe(all.totalCount);
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && seen.length < 60);
    expect(seen).toEqual(all.nodes.slice(0, seen.length).map((n: { id: string }) => n.id));
    expect(seen.length).toBeGreaterThan(7);
  });

  it('a cursor that is not a ledger cursor is refused as input', async () => {
    const bad = Buffer.from(JSON.stringify(['not-a-date', 'x'])).toString('base64url');
    const result = await t.gqlAs('finance', `query($p: ID!, $a: String) { expenditures(projectId: $p, after: $a) { nodes { id } } }`, {
      p: projectId,
      a: bad,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
