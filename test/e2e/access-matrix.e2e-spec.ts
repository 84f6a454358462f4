import { GraphQLSchemaHost } from '@nestjs/graphql';

import { PUBLIC } from '../../src/auth/allow.decorator.js';
import { type OperationAccess, OperationRegistry } from '../../src/auth/operation-registry.js';
import { Role } from '../../src/auth/role.enum.js';
import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { callDocument } from '../setup/operation-documents.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

/**
 * Role × operation, generated from the @Allow declarations of every resolver (OperationRegistry):
 * an operation added later by any module is covered without touching this file. Each demo user
 * holds exactly one role; each call must be refused by the guard (FORBIDDEN with requiredRoles)
 * exactly when that role is not declared, and every mutation call - allowed, refused or failed -
 * must leave exactly one audit event.
 */
describe('role × operation matrix (generated from @Allow)', () => {
  let t: TestApp;
  let operations: OperationAccess[];
  const auditCount = async () => Number((await t.orm.em.fork().getConnection().execute('select count(*) as n from audit_event'))[0].n);

  beforeAll(async () => {
    // Sign-ins here are far more than a person makes; lift the per-IP login limit for this file.
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_IP: '10000' });
    operations = t.app.get(OperationRegistry).all();
    for (const user of DEMO_USERS) await t.auth(user.username);
  });
  afterAll(() => t.close());

  it('finds every root field of the schema, and every one declares who may call it', () => {
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const inSchema = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((n) => `Query.${n}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((n) => `Mutation.${n}`),
    ].sort();
    expect(operations.map((o) => `${o.type}.${o.name}`).sort()).toEqual(inSchema);
    const undeclared = operations.filter((o) => o.allowed === undefined).map((o) => o.name);
    expect(undeclared).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(10);
  });

  const send = async (username: string | undefined, op: OperationAccess): Promise<GraphQLResponse> => {
    const { query, variables } = callDocument(t.app.get(GraphQLSchemaHost).schema, op.type, op.name);
    return username ? t.gqlAs(username, query, variables) : t.gql(query, variables);
  };
  const refusedByGuard = (result: GraphQLResponse) =>
    result.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && Array.isArray(e.extensions.requiredRoles)) ?? false;

  for (const role of Object.values(Role)) {
    const username = DEMO_USERS.find((u) => u.role === role)!.username;

    it(`${role}: refused with FORBIDDEN exactly where ${role} is not declared; one audit event per mutation call`, async () => {
      const mismatches: string[] = [];
      for (const op of operations) {
        const declared = op.allowed === PUBLIC || (op.allowed ?? []).includes(role);
        const before = op.type === 'Mutation' ? await auditCount() : 0;
        const result = await send(username, op);
        if (refusedByGuard(result) === declared)
          mismatches.push(`${op.type}.${op.name}: declared=${declared}, got ${JSON.stringify(result.errors?.[0]?.extensions ?? 'data')}`);
        if (op.type === 'Mutation' && (await auditCount()) !== before + 1) mismatches.push(`${op.name}: not exactly one audit event`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  it('anonymous: every operation but the public ones asks to sign in; one audit event per mutation call', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      const before = op.type === 'Mutation' ? await auditCount() : 0;
      const result = await send(undefined, op);
      const unauthenticated =
        result.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && Array.isArray(e.extensions.requiredRoles)) ?? false;
      if (unauthenticated === (op.allowed === PUBLIC))
        mismatches.push(`${op.type}.${op.name}: ${JSON.stringify(result.errors?.[0]?.extensions ?? 'data')}`);
      if (op.type === 'Mutation' && (await auditCount()) !== before + 1) mismatches.push(`${op.name}: not exactly one audit event`);
    }
    expect(mismatches).toEqual([]);
  });

  it('records the outcome of each generated admin mutation (some succeed, so success paths are covered too)', async () => {
    const rows: { outcome: string }[] = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select outcome from audit_event where username = 'admin'`);
    expect(rows.some((r) => r.outcome === 'SUCCESS')).toBe(true);
  });
});
