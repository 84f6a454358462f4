import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { GraphQLModule } from '@nestjs/graphql';

import { JitApolloDriver } from '../../src/common/graphql/jit-executor.js';
import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { demoProjectId } from '../factories/participants.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';
import { gc, oldGeneration } from '../setup/young-generation.js';

/**
 * Queries with plain-value inputs run compiled (graphql-jit), everything else on graphql-js
 * (src/common/graphql/jit-executor.ts). The same service started with GRAPHQL_JIT=false runs every
 * operation on graphql-js; for every demo role, both must give the same answer to the same read,
 * data and errors (codes, fields, paths) alike, the privacy rules' refusals included.
 */
const READS: [string, string, (projectId: string) => Record<string, unknown>][] = [
  [
    'participant page with identity, health and participations',
    `query($p: ID!, $first: Int) { participants(projectId: $p, first: $first) { totalCount nodes { id pseudonym status entryDate track birthYear gender
      exitDate exitReason overrideJustification identity { firstName lastName dateOfBirth } health { hasDisability disabilityDegree }
      participations { startDate endDate exitReason measure { title type costPerPlace occupancy { occupied free } } } observations { kind } }
      pageInfo { hasNextPage endCursor } } }`,
    (p) => ({ p, first: 30 }),
  ],
  [
    'ledger page with every field',
    `query($p: ID!, $first: Int) { expenditures(projectId: $p, first: $first) { totalCount edges { cursor node { id kind receiptNumber revision
      invoiceDate paymentDate fiscalYear payee purpose costCategoryId costCategoryCode grossAmount ineligibleAmount eligibleAmount reversalOfId
      reversedById status statusComment createdAt provenance { importId line } } } pageInfo { hasNextPage endCursor } } }`,
    (p) => ({ p, first: 50 }),
  ],
  [
    'budget overview',
    `query($p: ID!) { budgetOverview(projectId: $p) { projectId status years { fiscalYear instalment lines { costCategory { code name }
      planned drawn spent committed available deviation deviationPercent status } total { planned spent available } }
      total { planned drawn spent committed available deviation status } burnRate { overallPerMonth } forecast { spentAtEnd } } }`,
    (p) => ({ p }),
  ],
  [
    'measures with occupancy and participations',
    `query($p: ID!) { measures(projectId: $p, first: 50) { totalCount nodes { id title type capacity costPerPlace occupancy(asOf: "2025-06-30") { occupied free }
      participations { startDate participantId } } } }`,
    (p) => ({ p }),
  ],
  [
    'participant statistics',
    `query($p: ID!) { participantStatistics(projectId: $p) { total minCellSize cells { dimension count } } }`,
    (p) => ({ p }),
  ],
  [
    'a receipt that does not exist',
    `query($id: ID!) { expenditure(id: $id) { id } }`,
    () => ({ id: '00000000-0000-4000-8000-000000000000' }),
  ],
  ['a page larger than allowed', `query($p: ID!) { expenditures(projectId: $p, first: 100000) { totalCount } }`, (p) => ({ p })],
  [
    'a date variable that is not a date',
    `query($p: ID!, $d: LocalDate) { budgetOverview(projectId: $p, asOf: $d) { projectId } }`,
    (p) => ({ p, d: '2025-02-30' }),
  ],
  ['a project id that is not an id', `query($p: ID!) { participants(projectId: $p) { totalCount } }`, () => ({ p: 'nope' })],
];

describe('compiled reads answer exactly as graphql-js does', () => {
  let compiled: TestApp;
  let interpreted: TestApp;
  let projectId: string;

  beforeAll(async () => {
    // Every field at once is beyond the default document cost limit, and beside the point here.
    compiled = await createTestApp({ GRAPHQL_MAX_COST: '100000' });
    interpreted = await createTestApp({ GRAPHQL_MAX_COST: '100000', GRAPHQL_JIT: 'false' }, { databaseUrl: compiled.databaseUrl });
    projectId = await demoProjectId(compiled);
  });

  afterAll(async () => {
    await interpreted?.close();
    await compiled?.close();
  });

  it('runs the two apps on different executors', () => {
    expect(compiled.app.get(GraphQLModule).graphQlAdapter).toBeInstanceOf(JitApolloDriver);
    expect(interpreted.app.get(GraphQLModule).graphQlAdapter).not.toBeInstanceOf(JitApolloDriver);
  });

  it.each(READS)('%s, for every demo role', async (_name, query, variables) => {
    let answered = 0;
    // A document is compiled when it comes a second time: this first run makes every answer below a compiled one.
    await compiled.gqlAs(DEMO_USERS[0].username, query, variables(projectId));
    for (const { username } of DEMO_USERS) {
      const fast = await compiled.gqlAs(username, query, variables(projectId));
      const plain = await interpreted.gqlAs(username, query, variables(projectId));
      expect({ username, ...fast }).toEqual({ username, ...plain });
      if (fast.data) answered++;
    }
    // Not vacuous: the reads that should answer did for someone, the refusals refused everyone.
    expect(answered > 0).toBe(!/not exist|larger|not a date|not an id/.test(_name));
  });

  it("lets a compiled read's answer die young: a page's objects are not promoted to the old generation", async () => {
    // Apollo hands a gateway executor a request context whose `response.http.status` is a getter in an
    // object literal: V8 keeps such an object's hidden class in the old generation until a full
    // collection, and the getter holds Apollo's whole request context (our GraphQL context, the answer).
    // Every compiled answer outlived young collections, which then paused 5-10 ms on average instead of 2-4.
    const server = compiled.app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const headers = { 'content-type': 'application/json', ...(await compiled.auth(DEMO_USERS[0].username)) };
    const body = JSON.stringify({ query: READS[1][1], variables: READS[1][2](projectId) });
    const post = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ agent, host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: any }).data.expenditures.edges.length),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    try {
      for (let i = 0; i < 20; i++) await post(); // compiled from the second run on; warm
      gc();
      const before = oldGeneration();
      // A young collection every ten reads, as under load: what a connection keeps of its last
      // request until the next one is not promoted, only what outlives requests.
      const reads = 200;
      for (let i = 1; i <= reads; i++) {
        expect(await post()).toBe(50);
        if (i % 10 === 0) gc({ type: 'minor' });
      }
      // About 48 KB a read before (the whole answer promoted), 4-6 KB after: about what the same
      // read leaves on graphql-js (GRAPHQL_JIT=false), where Apollo has no gateway copy.
      expect((oldGeneration() - before) / reads).toBeLessThan(15_000);
    } finally {
      agent.destroy();
    }
  });
});
