import { Role } from '../../src/auth/role.enum.js';
import { createUser } from '../factories/users.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../setup/test-app.js';

const ME = '{ me { username } }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(id: $id) { id username active } }';
const REACTIVATE = 'mutation($id: ID!) { reactivateUser(id: $id) { id active roles { role } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { token } }';

describe('deactivating and reactivating users', () => {
  let t: TestApp;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.gqlAs('admin', '{ projects { nodes { id } } }')).data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  it('turns an account off for its next request and sign-in, audited, and on again with its roles', async () => {
    const id = await createUser(t.orm, { username: 'leaver', grants: [{ role: Role.FINANCE, projectId }] });
    const token = await t.auth('leaver');
    expect((await t.gql(ME, {}, token)).data?.me.username).toBe('leaver');

    const off = await t.gqlAs('admin', DEACTIVATE, { id });
    expect(off.data?.deactivateUser).toEqual({ id, username: 'leaver', active: false });
    const refused = await t.gql(ME, {}, token);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const login = await t.gql(LOGIN, { input: { username: 'leaver', password: TEST_PASSWORD } });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const audit = await t.gqlAs(
      'admin',
      '{ auditEvents(filter: { operation: "deactivateUser" }) { nodes { operation outcome changes { entity id before after } } } }',
    );
    expect(audit.data?.auditEvents.nodes).toEqual([
      {
        operation: 'deactivateUser',
        outcome: 'SUCCESS',
        changes: [{ entity: 'AppUser', id, before: '{"active":true}', after: '{"active":false}' }],
      },
    ]);

    const on = await t.gqlAs('admin', REACTIVATE, { id });
    expect(on.data?.reactivateUser).toEqual({ id, active: true, roles: [{ role: 'FINANCE' }] });
    expect((await t.gql(ME, {}, token)).data?.me.username).toBe('leaver');
  });

  it('refuses non-global administrators, the own account, repeats and unknown ids with a code and field', async () => {
    const target = await createUser(t.orm, { username: 'target', grants: [] });
    await createUser(t.orm, { username: 'project-admin', grants: [{ role: Role.ADMIN, projectId }] });
    expect((await t.gqlAs('project-admin', DEACTIVATE, { id: target })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gqlAs('finance', DEACTIVATE, { id: target })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const adminId = (await t.gqlAs('admin', '{ users(first: 100) { nodes { id username } } }')).data!.users.nodes.find(
      (u: { username: string }) => u.username === 'admin',
    ).id;
    const self = await t.gqlAs('admin', DEACTIVATE, { id: adminId });
    expect(self.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });

    const again = await t.gqlAs('admin', REACTIVATE, { id: target });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const unknown = await t.gqlAs('admin', DEACTIVATE, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const malformed = await t.gqlAs('admin', DEACTIVATE, { id: 'nope' });
    expect(malformed.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});
