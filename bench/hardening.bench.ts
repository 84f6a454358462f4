import 'reflect-metadata';

import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { applyHttpLimits } from '../src/security/http-limits.js';

/**
 * How fast the hardened endpoint refuses hostile requests, compared with a normal query, and what
 * the per-mutation transaction + audit event costs. Not part of `npm test`:
 *   node --import @swc-node/register/esm-register bench/hardening.bench.ts
 */
const ROUNDS = Number(process.env.ROUNDS ?? 200);

const parent = await mkdtemp(join(tmpdir(), 'fpt-bench-'));
await chmod(parent, 0o755);
const pg = await startEmbeddedPostgres({ dir: join(parent, 'pg'), fastUnsafe: false });
await ensureDatabase(pg.url, 'bench');
const config = loadConfig({
  NODE_ENV: 'production',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret!!',
  LOG_LEVEL: 'silent',
  LOGIN_RATE_LIMIT_PER_IP: '100000',
});
const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, pg.urlFor('bench')), { logger: false });
applyHttpLimits(app, config.limits);
await app.listen(0, '127.0.0.1');
await prepareDatabase(app.get(MikroORM), { seedDemo: true });
const url = `${await app.getUrl()}/graphql`;

const post = async (body: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.json() as Promise<{ data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] }>;
};
const login = await post(
  JSON.stringify({ query: 'mutation { login(input: { username: "admin", password: "demo-admin-2026" }) { token } }' }),
);
const auth = { authorization: `Bearer ${login.data!.login.token}` };
const projectId = (await post(JSON.stringify({ query: '{ projects { nodes { id } } }' }), auth)).data!.projects.nodes[0].id;

let deep = 'id';
for (let i = 0; i < 25; i++) deep = `projects { program { ${deep} } }`;
const cases: [string, string, Record<string, string>][] = [
  [
    'normal query (programmes with projects)',
    JSON.stringify({ query: '{ programs { nodes { code projects { fileNumber approvedTotal } } } }' }),
    auth,
  ],
  ['depth 50', JSON.stringify({ query: `{ programs { nodes { ${deep} } } }` }), auth],
  ['1,000 aliases', JSON.stringify({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }), auth],
  ['20,000 tokens', JSON.stringify({ query: `{ me { ${'id '.repeat(20_000)} } }` }), auth],
  ['1 MB body', JSON.stringify({ query: `{ me { id } } #${'x'.repeat(1_000_000)}` }), auth],
  ['batch of 100', JSON.stringify(Array.from({ length: 100 }, () => ({ query: '{ me { id } }' }))), auth],
  [
    'forged token',
    JSON.stringify({ query: '{ me { id } }' }),
    { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' },
  ],
  [
    'mutation updateProject (transaction + audit event)',
    JSON.stringify({
      query: 'mutation($id: ID!) { updateProject(id: $id, input: { title: "Bench" }) { id } }',
      variables: { id: projectId },
    }),
    auth,
  ],
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
console.log(`rounds per case: ${ROUNDS} (sequential, one client, loopback)\n`);
console.log('| request | answer | p50 ms | p95 ms |');
console.log('|---|---|---|---|');
for (const [name, body, headers] of cases) {
  const times: number[] = [];
  let answer = '';
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const result = await post(body, headers);
    times.push(performance.now() - start);
    answer = result.errors?.[0]?.extensions?.code ?? 'data';
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${answer} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} |`);
}

await app.close();
await pg.stop();
await rm(parent, { recursive: true, force: true });
