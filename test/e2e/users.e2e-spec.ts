import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { print } from 'graphql';

import {
  AuditEventCountDocument,
  CreateUserDocument,
  FirstProjectDocument,
  GrantRoleDocument,
  MeDocument,
  MyIdDocument,
  RevokeRoleDocument,
  UsersWithRolesDocument,
} from '../generated/graphql.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

// Typed documents (test/graphql/users.graphql): no `any`, and a renamed field fails to compile.
const run = promisify(execFile);

describe('user administration and the user:create CLI', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.op('admin', FirstProjectDocument)).data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/scripts/create-user.ts', ...args], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, NODE_ENV: 'test', NEW_USER_PASSWORD: '' },
    }).then(
      ({ stdout }) => ({ code: 0, out: stdout }),
      (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
    );

  it('creates a real global administrator from the command line who can then sign in', async () => {
    const result = await cli('--username', 'Root.Admin', '--password', 'a-long-and-secret-passphrase', '--display-name', 'Ops');
    expect(result).toMatchObject({ code: 0 });
    expect(result.out).toContain('with the role ADMIN globally');
    await t.auth('root.admin', 'a-long-and-secret-passphrase');
    const me = await t.op('root.admin', MeDocument);
    expect(me.data!.me).toEqual({ username: 'root.admin', grants: [{ role: 'ADMIN', projectId: null, programId: null }] });
  });

  it('refuses a weak password from the command line and creates nothing', async () => {
    const weak = await cli('--username', 'weak', '--password', 'short-pw');
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('at least 12 characters');
    const users = await t.op('admin', UsersWithRolesDocument);
    expect(users.data!.users.nodes.map((u) => u.username)).not.toContain('weak');
  });

  it('pages through the users by the cursor of each edge', async () => {
    const page = `query($after: String) { users(first: 2, after: $after) { edges { cursor node { username } } pageInfo { endCursor } } }`;
    const first = (await t.gqlAs('admin', page)).data!.users;
    expect(first.edges).toHaveLength(2);
    expect(first.edges[1].cursor).toBe(first.pageInfo.endCursor);
    const fromEdge = (await t.gqlAs('admin', page, { after: first.edges[0].cursor })).data!.users;
    expect(fromEdge.edges[0].node.username).toBe(first.edges[1].node.username);
  });

  it('refuses a project role without a project', async () => {
    const userId = (await t.op('admin', MyIdDocument)).data!.me.id;
    const result = await t.op('admin', GrantRoleDocument, { input: { userId, role: 'FINANCE' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId' });
  });

  it('lets an administrator create a user, grant a project role and revoke it (effective at once)', async () => {
    const created = await t.op('admin', CreateUserDocument, { input: { username: 'new.auditor', password: 'another-long-passphrase' } });
    expect(created.errors).toBeUndefined();
    const userId = created.data!.createUser.id;
    const granted = await t.op('admin', GrantRoleDocument, { input: { userId, role: 'AUDITOR', projectId } });
    expect(granted.data!.grantRole).toMatchObject({ role: 'AUDITOR', projectId });
    const header = await t.auth('new.auditor', 'another-long-passphrase');
    const before = await t.gql(print(AuditEventCountDocument), {}, header);
    expect(before.errors).toBeUndefined();
    await t.op('admin', RevokeRoleDocument, { id: granted.data!.grantRole.id });
    const after = await t.gql(print(AuditEventCountDocument), {}, header);
    expect(after.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a weak password, a duplicate grant and removing the last global administrator', async () => {
    const weak = await t.op('admin', CreateUserDocument, { input: { username: 'weak2', password: 'short' } });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const users = await t.op('admin', UsersWithRolesDocument);
    const finance = users.data!.users.nodes.find((u) => u.username === 'finance')!;
    const duplicate = await t.op('admin', GrantRoleDocument, { input: { userId: finance.id, role: 'FINANCE', projectId } });
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    // root.admin (from the CLI test) and admin are global administrators: revoke one, the other is the last.
    const globalGrants = users.data!.users.nodes.flatMap((u) => u.roles.filter((r) => r.role === 'ADMIN' && !r.projectId && !r.programId));
    expect(globalGrants).toHaveLength(2);
    expect((await t.op('admin', RevokeRoleDocument, { id: globalGrants[1].id })).errors).toBeUndefined();
    const last = await t.op('admin', RevokeRoleDocument, { id: globalGrants[0].id });
    expect(last.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});
