import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Behind a reverse proxy: headers, CORS and the client address as TRUST_PROXY configures them. */
describe('behind a reverse proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: '1',
      CORS_ORIGINS: 'https://tracker.example.org',
      LOGIN_RATE_LIMIT_PER_IP: '2',
      LOGIN_RATE_LIMIT_PER_USER: '100',
    });
  });
  afterAll(() => t.close());

  it('sends no X-Powered-By and echoes the request id (given or generated)', async () => {
    const given = await t.http().get('/health').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-powered-by']).toBeUndefined();
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await t.http().get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers CORS preflights for the configured origins only', async () => {
    const allowed = await t
      .http()
      .options('/graphql')
      .set({ Origin: 'https://tracker.example.org', 'Access-Control-Request-Method': 'POST' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://tracker.example.org');
    const other = await t.http().options('/graphql').set({ Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('counts login attempts per client address from X-Forwarded-For, not per proxy', async () => {
    const login = (ip: string, username: string) =>
      t.gql(
        'mutation($input: LoginInput!) { login(input: $input) { token } }',
        { input: { username, password: 'wrong-password-1' } },
        { 'X-Forwarded-For': ip },
      );
    for (const name of ['a1', 'a2']) expect((await login('203.0.113.1', name)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await login('203.0.113.1', 'a3')).errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    // Another client behind the same proxy still gets its own attempts.
    expect((await login('203.0.113.2', 'b1')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
