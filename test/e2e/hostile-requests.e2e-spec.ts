import { SignJWT } from 'jose';

import { Role } from '../../src/auth/role.enum.js';
import { createUser } from '../factories/users.js';
import { domainFingerprint } from '../setup/db-fingerprint.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../setup/test-app.js';

const SECRET = 'hostile-request-test-secret-0123456789abcdef';
const ISSUER = 'funding-program-tracker';
const sign = (secret: string, claims: { sub: string; exp: number }) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(claims.exp)
    .sign(new TextEncoder().encode(secret));
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A nested selection `depth` levels deep through Project.program / FundingProgram.projects. */
function deepQuery(depth: number): string {
  let selection = 'id';
  for (let level = 0; level < depth; level += 2) selection = `projects { program { ${selection} } }`;
  return `{ programs { nodes { ${selection} } } }`;
}

interface HostileCase {
  name: string;
  /** Sends the request; returns HTTP status and body. */
  send: (t: TestApp, ctx: Ctx) => Promise<{ status: number; body: GraphQLResponse }>;
  code: string;
  status?: number;
}

interface Ctx {
  adminId: string;
  otherProjectId: string;
}

const post = async (t: TestApp, body: unknown, headers: Record<string, string>, contentType = 'application/json') => {
  const response = await t
    .http()
    .post('/graphql')
    .set({ 'content-type': contentType, ...headers })
    .send(typeof body === 'string' ? body : JSON.stringify(body));
  return { status: response.status, body: response.body as GraphQLResponse };
};
const asAdmin = async (t: TestApp, body: unknown, contentType?: string) => post(t, body, await t.auth('admin'), contentType);
const withToken = (t: TestApp, token: string) => post(t, { query: '{ me { id } }' }, { authorization: `Bearer ${token}` });

/** The hostile-request table; README "Limits" documents each code. */
const CASES: HostileCase[] = [
  { name: 'a query 50 levels deep', code: 'QUERY_TOO_DEEP', status: 400, send: (t) => asAdmin(t, { query: deepQuery(50) }) },
  {
    name: '1,000 aliases',
    code: 'TOO_MANY_ALIASES',
    status: 400,
    send: (t) => asAdmin(t, { query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }),
  },
  {
    name: 'a huge document (1 MB)',
    code: 'PAYLOAD_TOO_LARGE',
    status: 413,
    send: (t) => asAdmin(t, { query: `{ me { id } } #${'x'.repeat(1_000_000)}` }),
  },
  {
    name: 'a document of 20,000 tokens under the size limit',
    code: 'TOO_MANY_TOKENS',
    status: 400,
    send: (t) => asAdmin(t, { query: `{ me { ${'id '.repeat(20_000)} } }` }),
  },
  {
    name: 'a fragment cycle',
    code: 'GRAPHQL_VALIDATION_FAILED',
    status: 400,
    send: (t) => asAdmin(t, { query: 'query { ...A } fragment A on Query { ...B me { id } } fragment B on Query { ...A }' }),
  },
  {
    name: 'a batched array of 100 operations',
    code: 'BATCHING_DISABLED',
    status: 400,
    send: (t) =>
      asAdmin(
        t,
        Array.from({ length: 100 }, (_, i) => ({
          query: `mutation { updateProgram(id: "${'0'.repeat(8)}-0000-4000-8000-${String(i).padStart(12, '0')}", input: { name: "x" }) { id } }`,
        })),
      ),
  },
  {
    name: 'a mutation sent as a text/plain form',
    code: 'CSRF_BLOCKED',
    status: 400,
    send: (t) =>
      asAdmin(
        t,
        { query: 'mutation { createProgram(input: { code: "CSRF", name: "x", legalBasis: "x", grantor: "x" }) { id } }' },
        'text/plain',
      ),
  },
  {
    name: 'a mutation sent as a urlencoded form',
    code: 'CSRF_BLOCKED',
    status: 400,
    send: (t) =>
      asAdmin(
        t,
        'query=mutation%20%7B%20login(input%3A%7Busername%3A%22admin%22%2Cpassword%3A%22x%22%7D)%20%7B%20token%20%7D%20%7D',
        'application/x-www-form-urlencoded',
      ),
  },
  { name: 'a malformed token', code: 'UNAUTHENTICATED', send: (t) => withToken(t, 'not.a.token') },
  {
    name: 'an expired token',
    code: 'UNAUTHENTICATED',
    send: async (t, ctx) => withToken(t, await sign(SECRET, { sub: ctx.adminId, exp: Math.floor(Date.now() / 1000) - 60 })),
  },
  {
    name: 'a token signed with another secret',
    code: 'UNAUTHENTICATED',
    send: async (t, ctx) =>
      withToken(t, await sign('some-other-secret-that-is-long-enough-123', { sub: ctx.adminId, exp: Math.floor(Date.now() / 1000) + 600 })),
  },
  {
    name: 'an unsigned token (alg "none")',
    code: 'UNAUTHENTICATED',
    send: (t, ctx) => withToken(t, `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: ctx.adminId, iss: ISSUER, exp: 9_999_999_999 })}.`),
  },
  {
    name: 'a token with a tampered payload',
    code: 'UNAUTHENTICATED',
    send: async (t, ctx) => {
      const [header, , signature] = (await sign(SECRET, { sub: '00000000-0000-4000-8000-000000000000', exp: 9_999_999_999 })).split('.');
      return withToken(t, `${header}.${b64({ sub: ctx.adminId, iss: ISSUER, exp: 9_999_999_999 })}.${signature}`);
    },
  },
  {
    name: "another project's id, read",
    code: 'NOT_FOUND',
    send: async (t, ctx) =>
      post(
        t,
        { query: 'query($id: ID!) { project(id: $id) { id title } }', variables: { id: ctx.otherProjectId } },
        await t.auth('scoped-admin'),
      ),
  },
  {
    name: "another project's id, changed",
    code: 'NOT_FOUND',
    send: async (t, ctx) =>
      post(
        t,
        {
          query: 'mutation($id: ID!) { updateProject(id: $id, input: { title: "taken over" }) { id } }',
          variables: { id: ctx.otherProjectId },
        },
        await t.auth('scoped-admin'),
      ),
  },
  {
    name: 'introspection without signing in',
    code: 'INTROSPECTION_REQUIRES_SIGN_IN',
    status: 401,
    send: (t) => post(t, { query: '{ __schema { types { name } } }' }, {}),
  },
  {
    name: 'introspection with a forged token',
    code: 'UNAUTHENTICATED',
    status: 401,
    send: (t) => post(t, { query: '{ __type(name: "Project") { fields { name } } }' }, { authorization: 'Bearer forged.token.here' }),
  },
  {
    name: 'a page larger than GRAPHQL_MAX_PAGE_SIZE',
    code: 'BAD_USER_INPUT',
    send: (t) => asAdmin(t, { query: '{ projects(first: 101) { totalCount } }' }),
  },
];

describe('hostile requests: each gets its documented error and changes nothing', () => {
  let t: TestApp;
  const ctx = {} as Ctx;

  beforeAll(async () => {
    t = await createTestApp({ JWT_SECRET: SECRET });
    const me = await t.gqlAs('admin', '{ me { id } }');
    ctx.adminId = me.data!.me.id;
    const programs = await t.gqlAs('admin', '{ projects { nodes { id programId } } }');
    const demo = programs.data!.projects.nodes[0];
    const created = await t.gqlAs('admin', 'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }', {
      input: {
        programId: demo.programId,
        fileNumber: 'OTHER-1',
        title: 'Other',
        grantee: 'Jobcenter B',
        approvalStart: '2024-01-01',
        approvalEnd: '2025-12-31',
        approvedTotal: '1000.00',
        financingType: 'FULL',
        fundingRate: '100.00',
      },
    });
    ctx.otherProjectId = created.data!.createProject.id;
    await createUser(t.orm, { username: 'scoped-admin', grants: [{ role: Role.ADMIN, projectId: demo.id }] });
    await t.auth('scoped-admin');
  });
  afterAll(() => t.close());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, hostile) => {
    const before = await domainFingerprint(t.orm);
    const { status, body } = await hostile.send(t, ctx);
    expect(body.errors?.map((e) => e.extensions?.code)).toContain(hostile.code);
    expect(status).toBe(hostile.status ?? 200);
    expect(JSON.stringify(body)).not.toMatch(/"http"|stacktrace/);
    expect(body.data ?? null).toBeNull();
    expect(await domainFingerprint(t.orm)).toEqual(before);
  });

  it('still answers a normal query after all of them', async () => {
    const result = await t.gqlAs('admin', '{ me { username } }');
    expect(result.data!.me.username).toBe('admin');
  });
});

describe('limits configured by environment', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      GRAPHQL_MAX_COST: '50',
      GRAPHQL_MAX_DEPTH: '4',
      LOGIN_RATE_LIMIT_PER_IP: '4',
      LOGIN_RATE_LIMIT_PER_USER: '3',
    });
  });
  afterAll(() => t.close());

  it('refuses a query over the cost limit with QUERY_TOO_COMPLEX', async () => {
    // graphql-armor weighs a list by its `first` argument: 100 programmes with four fields each.
    const result = await t.gqlAs('admin', '{ programs(first: 100) { nodes { id code name grantor } } }');
    expect(result.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_COMPLEX');
    expect(result.data ?? null).toBeNull();
  });

  it('refuses a query over the configured depth', async () => {
    const result = await t.gqlAs('admin', deepQuery(6));
    expect(result.errors?.map((e) => e.extensions?.code)).toContain('QUERY_TOO_DEEP');
  });

  it('rate-limits sign-in per username after failed attempts, then per IP', async () => {
    const login = (username: string, password: string) =>
      t.gql('mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }', { u: username, p: password });
    for (let i = 0; i < 3; i++) expect((await login('finance', 'wrong-password')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const limited = await login('finance', 'demo-finance-2026'); // the right password, but too late
    expect(limited.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The IP has now used 4 attempts: even another user is refused.
    expect((await login('analyst', 'demo-analyst-2026')).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('production mode hides field suggestions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: SECRET });
  });
  afterAll(() => t.close());

  it('does not say "Did you mean"', async () => {
    const result = await t.gqlAs('admin', '{ programz { id } }');
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0].message).not.toMatch(/Did you mean|programs/);
  });
});
