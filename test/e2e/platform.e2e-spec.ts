import { readFile } from 'node:fs/promises';

import { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLSchemaHost } from '@nestjs/graphql';

import { printSortedSchema } from '../../src/common/graphql/print-schema.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

describe('platform: schema, migrations, health, playground', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('schema.gql is what the code generates (run `npm run schema:generate` after changing the API)', async () => {
    const committed = await readFile('schema.gql', 'utf8');
    const generated = printSortedSchema(t.app.get(GraphQLSchemaHost).schema);
    expect(generated).toBe(committed);
  });

  it('the migrations create exactly the schema the entities describe (run `npm run migration:create` when not)', async () => {
    const sql = await t.app.get(MikroORM).schema.getUpdateSchemaSQL({ wrap: false });
    expect(sql.trim()).toBe('');
  });

  it('stores money as numeric(14,2)', async () => {
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute(
        `select numeric_precision, numeric_scale from information_schema.columns where table_name = 'project' and column_name = 'approved_total'`,
      );
    expect(rows[0]).toEqual({ numeric_precision: 14, numeric_scale: 2 });
  });

  it('GET /health reports the database as reachable', async () => {
    const response = await t.http().get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('serves the playground from this server only (works offline)', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain('GraphiQL');
    const sources = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith('/')).toBe(true);
      const asset = await t.http().get(source);
      expect(asset.status).toBe(200);
      expect(asset.text.length).toBeGreaterThan(1000);
    }
  });

  it('has a sign-in box that sends the token from the login mutation with every request', async () => {
    const page = await t.http().get('/graphql').set('accept', 'text/html');
    expect(page.text).toContain('<form id="signin"');
    expect(page.text).toContain('login(input: $input) { token');
    expect(page.text).toContain("Authorization: 'Bearer ' + token");
    expect(page.text).not.toMatch(/https?:\/\//);
  });

  it('answers a query sent as GET with its document in the query string, and refuses a mutation that way', async () => {
    const get = (query: string) =>
      t.http().get('/graphql').query({ query }).set({ accept: 'application/json', 'apollo-require-preflight': 'true' });
    const read = await get('{ __typename }');
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ data: { __typename: 'Query' } });
    expect((await get('mutation { login(input: { username: "admin", password: "x" }) { token } }')).status).toBe(405);
  });

  it('answers an unknown playground asset with 404', async () => {
    expect((await t.http().get('/playground/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});

describe('production mode', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', JWT_SECRET: 'a-production-like-secret-of-sufficient-length' });
  });
  afterAll(() => t.close());

  it('sends no stack trace with an error', async () => {
    const result = await t.gqlAs('admin', `{ project(id: "nope") { id } }`);
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});
