import { readFileSync } from 'node:fs';

import { Role } from '../../src/auth/role.enum.js';
import { createUser } from '../factories/users.js';
import { domainFingerprint } from '../setup/db-fingerprint.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * A user of project A cannot read, list, count or change anything of project B by any id.
 * Project A is the demo project; B1 is another project of the same programme, B2 a project of
 * another programme. Later modules add their operations to ISOLATION_CASES (one row each).
 */
interface World {
  projectA: string;
  programA: string;
  projectB1: string;
  projectB2: string;
  programB: string;
  /** A camt.053 import of project B1 (imports module). */
  importB: string;
}

interface IsolationCase {
  name: string;
  /** Users holding roles on project A only (or on programme A for the grantor). */
  as: string[];
  query: string;
  variables?: (w: World) => Record<string, unknown>;
  /** Checks the answer reveals nothing of B. */
  expect: (result: GraphQLResponse, w: World) => void;
}

const notFound = (result: GraphQLResponse) => expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
const A_USERS = ['a-admin', 'finance', 'caseworker', 'analyst', 'auditor'];
const ALL_A_USERS = [...A_USERS, 'grantor'];
/** Whether the answer names a B project, apart from echoing an id the request itself sent. */
function mentionsB(result: GraphQLResponse, w: World, sent: Record<string, unknown> = {}): boolean {
  let text = JSON.stringify(result);
  for (const value of Object.values(sent)) if (typeof value === 'string') text = text.replaceAll(value, '<sent>');
  return text.includes(w.projectB1) || text.includes(w.projectB2);
}

const ISOLATION_CASES: IsolationCase[] = [
  {
    name: 'project(id: B) is NOT_FOUND',
    as: A_USERS,
    query: 'query($id: ID!) { project(id: $id) { id title } }',
    variables: (w) => ({ id: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'project(id: B of another programme) is NOT_FOUND, also for the grantor of programme A',
    as: ALL_A_USERS,
    query: 'query($id: ID!) { project(id: $id) { id title } }',
    variables: (w) => ({ id: w.projectB2 }),
    expect: notFound,
  },
  {
    name: 'projects lists and counts only A',
    as: A_USERS,
    query: '{ projects(first: 100) { totalCount nodes { id } } }',
    expect: (r, w) => {
      expect(r.data!.projects).toEqual({ totalCount: 1, nodes: [{ id: w.projectA }] });
    },
  },
  {
    name: 'projects(programId: B) is empty',
    as: ALL_A_USERS,
    query: 'query($p: ID!) { projects(programId: $p) { totalCount nodes { id } } }',
    variables: (w) => ({ p: w.programB }),
    expect: (r) => expect(r.data!.projects).toEqual({ totalCount: 0, nodes: [] }),
  },
  {
    name: 'programs and their nested projects show only A',
    as: A_USERS,
    query: '{ programs { totalCount nodes { id projects { id } } } }',
    expect: (r, w) => expect(r.data!.programs).toEqual({ totalCount: 1, nodes: [{ id: w.programA, projects: [{ id: w.projectA }] }] }),
  },
  {
    name: 'program(id: B) is NOT_FOUND',
    as: ALL_A_USERS,
    query: 'query($id: ID!) { program(id: $id) { id } }',
    variables: (w) => ({ id: w.programB }),
    expect: notFound,
  },
  {
    name: 'updateProject(B) by the administrator of A is NOT_FOUND',
    as: ['a-admin'],
    query: 'mutation($id: ID!) { updateProject(id: $id, input: { title: "taken over" }) { id } }',
    variables: (w) => ({ id: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'createProject in programme B by the administrator of A is NOT_FOUND',
    as: ['a-admin'],
    query:
      'mutation($p: ID!) { createProject(input: { programId: $p, fileNumber: "X-1", title: "x", grantee: "x", approvalStart: "2024-01-01", approvalEnd: "2024-12-31", approvedTotal: "1.00", financingType: FULL, fundingRate: "100.00" }) { id } }',
    variables: (w) => ({ p: w.programB }),
    expect: notFound,
  },
  {
    name: 'updateProgram(B) by the administrator of A is NOT_FOUND',
    as: ['a-admin'],
    query: 'mutation($id: ID!) { updateProgram(id: $id, input: { name: "taken over" }) { id } }',
    variables: (w) => ({ id: w.programB }),
    expect: notFound,
  },
  {
    name: 'grantRole on project B by the administrator of A is NOT_FOUND',
    as: ['a-admin'],
    query: 'mutation($u: ID!, $p: ID!) { grantRole(input: { userId: $u, role: FINANCE, projectId: $p }) { id } }',
    variables: (w) => ({ u: w.projectA /* any id: the project check comes first */, p: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'users lists only people of project A for its administrator',
    as: ['a-admin'],
    query: '{ users(first: 100) { nodes { username roles { projectId programId } } } }',
    expect: (r, w) => {
      const roles = r.data!.users.nodes.flatMap((u: { roles: { projectId: string }[] }) => u.roles);
      expect(roles.every((role: { projectId: string }) => role.projectId === w.projectA)).toBe(true);
      expect(r.data!.users.nodes.map((u: { username: string }) => u.username)).not.toContain('b-finance');
    },
  },
  {
    name: 'incomes and incomeTotalsCheck of project B are NOT_FOUND',
    as: ['a-admin', 'finance', 'auditor'],
    query: 'query($p: ID!) { incomeTotalsCheck(projectId: $p) { consistent } }',
    variables: (w) => ({ p: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'incomes(projectId: B) is NOT_FOUND',
    as: ['a-admin', 'finance', 'analyst', 'auditor'],
    query: 'query($p: ID!) { incomes(projectId: $p) { totalCount } }',
    variables: (w) => ({ p: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'settlement(projectId: B) is NOT_FOUND',
    as: ['a-admin', 'finance', 'analyst', 'auditor'],
    query: 'query($p: ID!) { settlement(projectId: $p) { finalGrant } }',
    variables: (w) => ({ p: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'settlement of a project of another programme is NOT_FOUND for the grantor of A',
    as: ['grantor'],
    query: 'query($p: ID!) { settlement(projectId: $p) { finalGrant } }',
    variables: (w) => ({ p: w.projectB2 }),
    expect: notFound,
  },
  {
    name: 'programSettlements(programId: B) is NOT_FOUND',
    as: ['grantor', 'auditor'],
    query: 'query($p: ID!) { programSettlements(programId: $p) { projects { projectId } } }',
    variables: (w) => ({ p: w.programB }),
    expect: notFound,
  },
  {
    name: 'sachbericht(projectId: B) is NOT_FOUND',
    as: ['a-admin', 'finance', 'auditor'],
    query: 'query($p: ID!) { sachbericht(projectId: $p, kind: FINAL) { frozen } }',
    variables: (w) => ({ p: w.projectB1 }),
    expect: notFound,
  },
  {
    name: 'auditEvents of project B are invisible to the auditor of A, filtered or not',
    as: ['auditor'],
    query:
      'query($p: ID!) { mine: auditEvents(first: 100) { totalCount nodes { projectId } } theirs: auditEvents(filter: { projectId: $p }) { totalCount } }',
    variables: (w) => ({ p: w.projectB1 }),
    expect: (r, w) => {
      expect(r.data!.theirs.totalCount).toBe(0);
      expect(r.data!.mine.nodes.every((e: { projectId: string }) => e.projectId === w.projectA)).toBe(true);
    },
  },
  // Imports: an import of project B1 and its rows, progress and reconciliation; B1's profiles and rules.
  ...(
    [
      ['bookingImports(projectId: B)', 'query($id: ID!) { bookingImports(projectId: $id) { id } }', 'project'],
      ['importProfiles(projectId: B)', 'query($id: ID!) { importProfiles(projectId: $id) { id } }', 'project'],
      ['mappingRules(projectId: B)', 'query($id: ID!) { mappingRules(projectId: $id) { version } }', 'project'],
      ["bookingImport(id: B's import)", 'query($id: ID!) { bookingImport(id: $id) { id fileName } }', 'import'],
      ["importRows(importId: B's import)", 'query($id: ID!) { importRows(importId: $id) { line amount } }', 'import'],
      ["importProgress(importId: B's import)", 'query($id: ID!) { importProgress(importId: $id) { phase done } }', 'import'],
      ["bankReconciliation(importId: B's import)", 'query($id: ID!) { bankReconciliation(importId: $id) { from } }', 'import'],
    ] as const
  ).map(([name, query, target]): IsolationCase => ({
    name: `${name} is NOT_FOUND`,
    as: ['a-admin', 'finance', 'analyst', 'auditor'],
    query,
    variables: (w) => ({ id: target === 'project' ? w.projectB1 : w.importB }),
    expect: notFound,
  })),
  ...(
    [
      ["previewImport(B's import)", 'mutation($id: ID!) { previewImport(importId: $id) { id } }', 'import'],
      ["commitImport(B's import)", 'mutation($id: ID!) { commitImport(importId: $id) { id } }', 'import'],
      ["confirmBankPayments(B's import)", 'mutation($id: ID!) { confirmBankPayments(importId: $id) { from } }', 'import'],
      // The rules travel as a variable: class-validator refuses nested list items written as literals (null-prototype objects).
      [
        'setMappingRules on B',
        'mutation($id: ID!, $rules: [MappingRuleInput!]!) { setMappingRules(input: { projectId: $id, rules: $rules }) { version } }',
        'project',
      ],
      [
        'createImportProfile on B',
        'mutation($id: ID!) { createImportProfile(input: { projectId: $id, name: "x", delimiter: ";", encoding: "utf-8", decimalSeparator: ",", dateFormat: "DD.MM.YYYY", columns: { amount: "Betrag" } }) { id } }',
        'project',
      ],
    ] as const
  ).map(([name, query, target]): IsolationCase => ({
    name: `${name} by the finance officer of A is NOT_FOUND`,
    as: ['finance'],
    query,
    variables: (w) => ({
      id: target === 'project' ? w.projectB1 : w.importB,
      ...(query.includes('$rules') ? { rules: [{ action: 'IGNORE' }] } : {}),
    }),
    expect: notFound,
  })),
];

describe('project isolation: nothing of project B for users of project A', () => {
  let t: TestApp;
  const w = {} as World;

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_IP: '10000' });
    const demo = (await t.gqlAs('admin', '{ projects { nodes { id programId } } }')).data!.projects.nodes[0];
    w.projectA = demo.id;
    w.programA = demo.programId;
    const project = (programId: string, fileNumber: string) => ({
      programId,
      fileNumber,
      title: `Project ${fileNumber}`,
      grantee: 'Jobcenter B',
      approvalStart: '2024-01-01',
      approvalEnd: '2025-12-31',
      approvedTotal: '5000.00',
      financingType: 'FULL',
      fundingRate: '100.00',
    });
    const createProject = 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }';
    w.projectB1 = (await t.gqlAs('admin', createProject, { input: project(w.programA, 'B1') })).data!.createProject.id;
    const programB = await t.gqlAs('admin', 'mutation($input: CreateFundingProgramInput!) { createProgram(input: $input) { id } }', {
      input: {
        code: 'PROG-B',
        name: 'Programme B',
        legalBasis: '§ 44 BHO',
        grantor: 'BMBF',
        rules: {
          drawdownHorizonDays: 42,
          lineOverrunPercent: '20.00',
          interimProofDueMonth: 4,
          interimProofDueDay: 30,
          finalProofDueMonths: 6,
          allowedFinancingTypes: ['FULL'],
        },
      },
    });
    w.programB = programB.data!.createProgram.id;
    w.projectB2 = (await t.gqlAs('admin', createProject, { input: project(w.programB, 'B2') })).data!.createProject.id;
    await createUser(t.orm, { username: 'a-admin', grants: [{ role: Role.ADMIN, projectId: w.projectA }] });
    await createUser(t.orm, { username: 'b-finance', grants: [{ role: Role.FINANCE, projectId: w.projectB1 }] });
    // B gets history in the audit trail that A's auditor must not see.
    await t.gqlAs('admin', 'mutation($id: ID!) { updateProject(id: $id, input: { title: "B1 renamed" }) { id } }', { id: w.projectB1 });
    const uploaded = await t
      .http()
      .post('/imports')
      .query({ projectId: w.projectB1, format: 'CAMT' })
      .set(await t.auth('b-finance'))
      .attach('file', readFileSync('test/fixtures/imports/camt053-2024-03.xml'), 'b.xml');
    if (uploaded.status !== 201) throw new Error(`upload for B failed: ${JSON.stringify(uploaded.body)}`);
    w.importB = uploaded.body.id;
  });

  it('POST /imports into project B by the finance officer of A is 404 and stages nothing', async () => {
    const before = await domainFingerprint(t.orm);
    const response = await t
      .http()
      .post('/imports')
      .query({ projectId: w.projectB1, format: 'CAMT' })
      .set(await t.auth('finance'))
      .attach('file', readFileSync('test/fixtures/imports/camt053-2024-03.xml'), 'a.xml');
    expect(response.status).toBe(404);
    expect(await domainFingerprint(t.orm)).toEqual(before);
  });
  afterAll(() => t.close());

  const rows = ISOLATION_CASES.flatMap((c) => c.as.map((user) => [`${c.name} (as ${user})`, user, c] as const));

  it.each(rows)('%s', async (_name, user, isolation) => {
    const before = await domainFingerprint(t.orm);
    const variables = isolation.variables?.(w);
    const result = await t.gqlAs(user, isolation.query, variables);
    isolation.expect(result, w);
    expect(mentionsB(result, w, variables)).toBe(false);
    expect(await domainFingerprint(t.orm)).toEqual(before);
  });
});
