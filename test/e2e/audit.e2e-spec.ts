import { createTestApp, type TestApp } from '../setup/test-app.js';

const EVENTS = /* GraphQL */ `
  query Events($filter: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        userId
        username
        roles
        projectId
        operation
        outcome
        errorCode
        entityIds
        changes {
          entity
          id
          projectId
          before
          after
        }
      }
    }
  }
`;

const UPDATE_PROJECT = /* GraphQL */ `
  mutation Update($id: ID!, $input: UpdateProjectInput!) {
    updateProject(id: $id, input: $input) {
      id
      title
    }
  }
`;

describe('audit trail (GraphQL over HTTP, real PostgreSQL)', () => {
  let t: TestApp;
  let projectId: string;
  const sql = (query: string, params: unknown[] = []) => t.orm.em.fork().getConnection().execute(query, params);
  const eventCount = async () => Number((await sql('select count(*) as n from audit_event'))[0].n);
  const lastEvent = async () => (await sql('select * from audit_event order by id desc limit 1'))[0];

  beforeAll(async () => {
    t = await createTestApp();
    const result = await t.gqlAs('admin', '{ projects { nodes { id } } }');
    projectId = result.data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  it('writes exactly one SUCCESS event with a before/after diff for a successful mutation', async () => {
    const before = await eventCount();
    const result = await t.gqlAs('admin', UPDATE_PROJECT, { id: projectId, input: { title: 'Neuer Titel' } });
    expect(result.errors).toBeUndefined();
    expect(await eventCount()).toBe(before + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      operation: 'updateProject',
      outcome: 'SUCCESS',
      username: 'admin',
      roles: ['ADMIN'],
      project_id: projectId,
      error_code: null,
    });
    expect(event.entity_ids).toEqual([`Project:${projectId}`]);
    expect(event.changes[0].before.title).not.toBe('Neuer Titel');
    expect(event.changes[0].after).toMatchObject({ title: 'Neuer Titel', approvedTotal: '10000000.00' });
  });

  it('writes one FAILED event without the rejected values and changes nothing when the mutation fails', async () => {
    const before = await eventCount();
    const result = await t.gqlAs('admin', UPDATE_PROJECT, { id: projectId, input: { title: 'Geheim-Titel', approvalEnd: '1999-01-01' } });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await eventCount()).toBe(before + 1);
    const event = await lastEvent();
    expect(event).toMatchObject({
      operation: 'updateProject',
      outcome: 'FAILED',
      error_code: 'BAD_USER_INPUT',
      project_id: null,
      changes: [],
    });
    expect(event.entity_ids).toEqual([`id:${projectId}`]);
    expect(JSON.stringify(event)).not.toContain('Geheim-Titel');
    const project = await t.gqlAs('admin', 'query($id: ID!) { project(id: $id) { title } }', { id: projectId });
    expect(project.data!.project.title).toBe('Neuer Titel');
  });

  it('logs a refusal by the guard as DENIED with who tried', async () => {
    await t.auth('finance'); // signing in is itself an audited mutation
    const before = await eventCount();
    const result = await t.gqlAs('finance', UPDATE_PROJECT, { id: projectId, input: { title: 'x' } });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await eventCount()).toBe(before + 1);
    expect(await lastEvent()).toMatchObject({
      operation: 'updateProject',
      outcome: 'DENIED',
      error_code: 'FORBIDDEN',
      username: 'finance',
      roles: [],
    });
  });

  it('names the user in the event of a successful sign-in', async () => {
    await t.gql('mutation { login(input: { username: "grantor", password: "demo-grantor-2026" }) { token } }');
    expect(await lastEvent()).toMatchObject({ operation: 'login', outcome: 'SUCCESS', username: 'grantor', roles: [] });
  });

  it('logs an anonymous attempt and a failed sign-in', async () => {
    const before = await eventCount();
    await t.gql(UPDATE_PROJECT, { id: projectId, input: { title: 'x' } });
    await t.gql('mutation { login(input: { username: "admin", password: "wrong-password" }) { token } }');
    expect(await eventCount()).toBe(before + 2);
    const rows = await sql('select operation, outcome, error_code, user_id from audit_event order by id desc limit 2');
    expect(rows).toEqual([
      { operation: 'login', outcome: 'DENIED', error_code: 'UNAUTHENTICATED', user_id: null },
      { operation: 'updateProject', outcome: 'DENIED', error_code: 'UNAUTHENTICATED', user_id: null },
    ]);
  });

  it('writes exactly one event per mutation under parallel requests, each diff matching a committed change', async () => {
    const before = await eventCount();
    const titles = Array.from({ length: 12 }, (_, i) => `Parallel ${i}`);
    const results = await Promise.all(titles.map((title) => t.gqlAs('admin', UPDATE_PROJECT, { id: projectId, input: { title } })));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(await eventCount()).toBe(before + titles.length);
    const events = await sql(
      `select changes from audit_event where operation = 'updateProject' and outcome = 'SUCCESS' order by id desc limit ?`,
      [titles.length],
    );
    expect(events.map((e) => (e.changes as { after: { title: string } }[])[0].after.title).sort()).toEqual([...titles].sort());
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const count = await eventCount();
    await expect(sql(`update audit_event set operation = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(sql('delete from audit_event')).rejects.toThrow(/append-only/);
    await expect(sql('truncate audit_event')).rejects.toThrow(/append-only/);
    expect(await eventCount()).toBe(count);
    expect((await sql(`select count(*) as n from audit_event where operation = 'forged'`))[0].n).toBe('0');
  });

  it('lets an auditor read only the events of their projects, filtered and paged', async () => {
    const result = await t.gqlAs('auditor', EVENTS, { filter: { operation: 'updateProject' }, first: 1 });
    expect(result.errors).toBeUndefined();
    const page = result.data!.auditEvents;
    // Successful updates carry the project; failures name the ids they were given, not a project.
    const expected = await sql(`select count(*) as n from audit_event where operation = 'updateProject' and project_id = ?`, [projectId]);
    expect(page.totalCount).toBe(Number(expected[0].n));
    expect(page.totalCount).toBeGreaterThan(1);
    expect(page.nodes[0]).toMatchObject({ operation: 'updateProject', outcome: 'SUCCESS', projectId });
    const all = await t.gqlAs('auditor', EVENTS, { first: 100 });
    expect(all.data!.auditEvents.nodes.every((e: { projectId: string }) => e.projectId === projectId)).toBe(true);
    const admin = await t.gqlAs('admin', EVENTS, { filter: { entity: 'Project' }, first: 100 });
    expect(admin.data!.auditEvents.totalCount).toBeGreaterThanOrEqual(1);
    const analyst = await t.gqlAs('analyst', EVENTS, {});
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('pages through the trail with a cursor', async () => {
    const first = await t.gqlAs('admin', EVENTS, { first: 2 });
    const next = await t.gqlAs('admin', EVENTS, { first: 2, after: first.data!.auditEvents.pageInfo.endCursor });
    const ids = [...first.data!.auditEvents.nodes, ...next.data!.auditEvents.nodes].map((n: { id: string }) => Number(n.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
