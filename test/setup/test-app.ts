import 'reflect-metadata';

import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { AppModule } from '../../src/app.module.js';
import { type AppConfig, DEV_ENCRYPTION_KEY, DEV_HASH_KEY, loadConfig } from '../../src/config/app-config.js';
import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { applyHttpPlatform } from '../../src/http/http-platform.js';
import { applyHttpLimits } from '../../src/security/http-limits.js';
import { freshWorkerDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export interface TestApp {
  app: INestApplication;
  orm: MikroORM;
  databaseUrl: string;
  http: () => ReturnType<typeof request>;
  /** Sends one GraphQL operation over HTTP, as a client would. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Signs in through the `login` mutation and returns the Authorization header for that user. */
  auth(username: string, password?: string): Promise<Record<string, string>>;
  /** gql() as a signed-in user (a demo user, or one made with test/factories/users.ts). */
  gqlAs<T = Record<string, any>>(username: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** Passwords of users made by tests (factories use the same). */
export const TEST_PASSWORD = 'test-password-123';

/** Boots the whole service over HTTP against this worker's fresh copy of the template database. */
export async function createTestApp(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await freshWorkerDatabase());
  // The template's demo identities are encrypted with the development keys; a production-mode
  // test app gets the same keys so that it can read them (production itself must set its own).
  const keys = { DATA_ENCRYPTION_KEY: DEV_ENCRYPTION_KEY.toString('base64'), IDENTITY_HASH_KEY: DEV_HASH_KEY.toString('base64') };
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ALLOW_DEVELOPMENT_KEYS: 'true', ...keys, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, databaseUrl)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  applyHttpPlatform(app, config.http);
  applyHttpLimits(app, config.limits);
  await app.init();
  const server = app.getHttpServer();
  const headers = new Map<string, Record<string, string>>();
  const gql = async (query: string, variables?: Record<string, unknown>, extra: Record<string, string> = {}) => {
    const response = await request(server)
      .post('/graphql')
      .set({ 'content-type': 'application/json', ...extra })
      .send({ query, variables });
    return response.body as GraphQLResponse<any>;
  };
  const auth = async (username: string, password?: string) => {
    const cached = headers.get(username);
    if (cached) return cached;
    const secret = password ?? DEMO_USERS.find((u) => u.username === username)?.password ?? TEST_PASSWORD;
    const result = await gql('mutation($input: LoginInput!) { login(input: $input) { token } }', { input: { username, password: secret } });
    if (!result.data?.login) throw new Error(`login as ${username} failed: ${JSON.stringify(result.errors)}`);
    const header = { authorization: `Bearer ${result.data.login.token}` };
    headers.set(username, header);
    return header;
  };
  return {
    app,
    orm: app.get(MikroORM),
    databaseUrl,
    http: () => request(server),
    gql,
    auth,
    async gqlAs(username, query, variables) {
      return gql(query, variables, await auth(username));
    },
    close: () => app.close(),
  };
}
