/**
 * Young-generation probe: one read over HTTP against a scratch database with the demo data, run
 * PROBE_ROUNDS × 1000 times at PROBE_CONCURRENCY, printing the heap before and after a full GC.
 * Run with `--trace-gc-nvp` to see each young collection's pause and promoted bytes, or with
 * PROBE_SAMPLE=<n> for the <n> allocation sites whose objects outlived a young collection. A page's
 * objects should die young; if they are promoted, young collections take 10-30 ms (README,
 * "Reads against raw SQL", fifth session). Example:
 *
 *   node --expose-gc --trace-gc-nvp --import @swc-node/register/esm-register bench/heap-probe.ts
 *
 * PROBE_QUERY is the GraphQL document (variable $p: the demo project), default a budget overview.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { Session } from 'node:inspector/promises';
import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { Role } from '../src/auth/role.enum.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';
import { createUser } from '../test/factories/users.js';
import { TEST_PASSWORD } from '../test/setup/test-app.js';
import { keepAlivePost } from './support/graphql-client.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const heap = () => {
  gc();
  gc();
  return (process.memoryUsage().heapUsed / 1e6).toFixed(1);
};

await withScratchDatabase(async (url) => {
  const config = loadConfig({ ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', SEED_DEMO: 'false', PLAYGROUND: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm = app.get<MikroORM>(MikroORM);
  console.log('before seed', heap());
  await prepareDatabase(orm, { seedDemo: process.env.PROBE_SEED !== '0' });
  console.log('after seed', heap());
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const db = new pg.Pool({ connectionString: url, max: 2 });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const post = keepAlivePost(agent, port);
  const project = (await db.query<{ id: string }>('select id from project order by file_number limit 1')).rows[0];
  const username = `probe-${Date.now()}`;
  await createUser(orm, { username, grants: [Role.FINANCE, Role.CASE_WORKER].map((role) => ({ role, projectId: project.id })) });
  const token = (await post('mutation($i: LoginInput!) { login(input: $i) { token } }', { i: { username, password: TEST_PASSWORD } })).login
    .token as string;
  const query = process.env.PROBE_QUERY ?? `query($p: ID!) { budgetOverview(projectId: $p) { projectId total { planned } } }`;
  console.log('after login', heap());
  const session = new Session();
  session.connect();
  if (process.env.PROBE_SAMPLE) {
    for (let i = 0; i < 300; i++) await post(query, { p: project.id }, token); // warm-up
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
  }
  for (let round = 0; round < Number(process.env.PROBE_ROUNDS ?? 5); round++) {
    const CONCURRENCY = Number(process.env.PROBE_CONCURRENCY ?? 1);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = 0; i < 1000 / CONCURRENCY; i++) {
          await post(query, { p: project.id }, token); // throws on a GraphQL error
        }
      }),
    );
    console.log(`after ${(round + 1) * 1000} requests`, (process.memoryUsage().heapUsed / 1e6).toFixed(1), 'after gc', heap());
  }
  if (process.env.PROBE_SAMPLE) {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as any;
    const bySite = new Map<string, number>();
    const walk = (node: any, stack: string[]) => {
      const frame = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/work\/main\//, '')}:${node.callFrame.lineNumber + 1}`;
      const here = [...stack, frame];
      if (node.selfSize > 0) {
        const key = here.slice(-6).reverse().join(' < ');
        bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
      }
      for (const child of node.children) walk(child, here);
    };
    walk(profile.head, []);
    const total = [...bySite.values()].reduce((a, b) => a + b, 0);
    console.log(`surviving-minor-GC samples: ${(total / 1e6).toFixed(1)} MB`);
    for (const [site, size] of [...bySite.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROBE_SAMPLE)))
      console.log(`${(size / 1e6).toFixed(2)} MB  ${site}`);
  }
  if (process.env.PROBE_SNAPSHOT) console.log(writeHeapSnapshot(process.env.PROBE_SNAPSHOT));
  await db.end();
  await app.close();
});
