import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, SignJWT } from 'jose';

import { createTestApp, type TestApp } from '../setup/test-app.js';

const ISSUER = 'https://idp.jobcenter.example/realms/jc';
const AUDIENCE = 'funding-program-tracker';
type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * The Jobcenter's identity provider, played by a JWKS served on 127.0.0.1 inside the test and
 * tokens signed with the matching private key.
 */
describe('OpenID Connect sign-in (JWKS served locally)', () => {
  let t: TestApp;
  let jwks: Server;
  let providerKey: Key;
  let otherKey: Key;
  let projectId: string;
  let jwksHits = 0;

  const token = (
    claims: Record<string, unknown>,
    options: { key?: Key; audience?: string; expires?: string | number; sub?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'provider-key-1' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject(options.sub ?? 'c0ffee-42')
      .setIssuedAt()
      .setExpirationTime(options.expires ?? '5m')
      .sign(options.key ?? providerKey);
  const asToken = (jwt: string, query: string, variables?: Record<string, unknown>) =>
    t.gql(query, variables, { authorization: `Bearer ${jwt}` });
  const ME = '{ me { id username grants { role projectId programId } } }';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    providerKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'provider-key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((req, res) => {
      jwksHits++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await createTestApp({ OIDC_ISSUER: ISSUER, OIDC_JWKS_URL: `http://127.0.0.1:${port}/jwks`, OIDC_AUDIENCE: AUDIENCE });
    projectId = (await t.gqlAs('admin', '{ projects { nodes { id } } }')).data!.projects.nodes[0].id;
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts a provider token, provisions the user once by issuer|sub and maps the role claim', async () => {
    const jwt = await token({ preferred_username: 'J.Doe', name: 'Jane Doe', roles: [`FINANCE@project:${projectId}`, 'NOT-A-ROLE'] });
    const first = await asToken(jwt, ME);
    expect(first.errors).toBeUndefined();
    expect(first.data!.me).toMatchObject({ username: 'j.doe', grants: [{ role: 'FINANCE', projectId, programId: null }] });
    const second = await asToken(jwt, ME);
    expect(second.data!.me.id).toBe(first.data!.me.id);
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select username, external_subject, password_hash from app_user where external_subject like ?`, [`${ISSUER}|%`]);
    expect(rows).toEqual([{ username: 'j.doe', external_subject: `${ISSUER}|c0ffee-42`, password_hash: null }]);
    expect(jwksHits).toBeGreaterThanOrEqual(1);
  });

  it('provisions exactly one user when a new person sends many requests at once', async () => {
    const jwt = await token(
      { preferred_username: 'parallel.person', roles: [`ANALYST@project:${projectId}`] },
      { sub: 'parallel-subject' },
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => asToken(jwt, ME)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.data!.me.id)).size).toBe(1);
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*) as n from app_user where external_subject = ?`, [`${ISSUER}|parallel-subject`]);
    expect(rows[0].n).toBe('1');
  });

  it('scopes the provider user by the claimed project like any other user', async () => {
    const jwt = await token({ preferred_username: 'j.doe', roles: [`AUDITOR@project:${projectId}`] });
    const projects = await asToken(jwt, '{ projects { totalCount nodes { id } } auditEvents(first: 1) { totalCount } }');
    expect(projects.errors).toBeUndefined();
    expect(projects.data!.projects.nodes).toEqual([{ id: projectId }]);
    const denied = await asToken(jwt, 'mutation($id: ID!) { updateProject(id: $id, input: { title: "x" }) { id } }', { id: projectId });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const audit = await t.orm.em.fork().getConnection().execute(`select username, outcome from audit_event order by id desc limit 1`);
    expect(audit[0]).toEqual({ username: 'j.doe', outcome: 'DENIED' });
  });

  it('takes roles from each token: a claim without roles grants nothing', async () => {
    const jwt = await token({ preferred_username: 'j.doe', roles: [] });
    const result = await asToken(jwt, '{ projects { totalCount } }');
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('gives a global ADMIN claim administrator rights', async () => {
    const jwt = await token({ preferred_username: 'it-admin', roles: ['ADMIN'] }, { sub: 'admin-subject' });
    const result = await asToken(jwt, '{ users(first: 1) { totalCount } }');
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['signed with a key the provider does not publish', () => token({ roles: ['ADMIN'] }, { key: otherKey })],
    ['for another audience', () => token({ roles: ['ADMIN'] }, { audience: 'some-other-app' })],
    ['expired', () => token({ roles: ['ADMIN'] }, { expires: Math.floor(Date.now() / 1000) - 120 })],
  ])('refuses a token %s with UNAUTHENTICATED', async (_name, make) => {
    const result = await asToken(await make(), ME);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });

  it('refuses an HMAC token that claims the provider as issuer (algorithm confusion)', async () => {
    const forged = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('attacker')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('development-only-secret-do-not-use-in-production'));
    const result = await asToken(forged, ME);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("still accepts the service's own password sign-in", async () => {
    expect((await t.gqlAs('finance', '{ me { username } }')).data!.me.username).toBe('finance');
  });
});
