import 'reflect-metadata';

import { MikroORM } from '@mikro-orm/postgresql';
import { NestFactory } from '@nestjs/core';

import { AppModule } from '../src/app.module.js';
import { loadConfig } from '../src/config/app-config.js';
import { prepareDatabase } from '../src/database/prepare-database.js';
import { withScratchDatabase } from '../src/scripts/scratch-database.js';

/**
 * `node --import @swc-node/register/esm-register bench/participants-page.ts`: latency and SQL
 * statements of one page of participants with identity, participations, measures and observations,
 * as a case worker, for page sizes 10, 50 and 100 (demo data, 700 participants). Not part of npm test.
 */
const QUERY = `query($projectId: ID!, $first: Int) { participants(projectId: $projectId, first: $first) {
  nodes { pseudonym identity { lastName } health { hasDisability } participations { startDate measure { title } } observations { observedOn type } } } }`;

await withScratchDatabase(async (url) => {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  const orm = app.get<MikroORM>(MikroORM);
  await prepareDatabase(orm, { seedDemo: true });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${app.getHttpServer().address().port}/graphql`;
  const post = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(base, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data: any; errors?: unknown };
  };
  try {
    const login = await post('mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }', {
      u: 'caseworker',
      p: 'demo-caseworker-2026',
    });
    const token = login.data.login.token as string;
    const projectId = (await post('{ projects { nodes { id } } }', {}, token)).data.projects.nodes[0].id;
    const logger = orm.config.getLogger();
    let statements = 0;
    logger.logQuery = () => void statements++;
    for (const first of [10, 50, 100]) {
      const times: number[] = [];
      let perRequest = 0;
      for (let i = 0; i < 30; i++) {
        statements = 0;
        const started = performance.now();
        const result = await post(QUERY, { projectId, first }, token);
        times.push(performance.now() - started);
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        perRequest = statements;
      }
      times.sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          pageSize: first,
          statements: perRequest,
          medianMs: Math.round(times[15] * 10) / 10,
          p90Ms: Math.round(times[27] * 10) / 10,
        }),
      );
    }
  } finally {
    await app.close();
  }
});
