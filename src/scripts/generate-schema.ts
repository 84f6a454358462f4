import 'reflect-metadata';

import { writeFile } from 'node:fs/promises';

import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';

import { AppModule } from '../app.module.js';
import { printSortedSchema } from '../common/graphql/print-schema.js';
import { loadConfig } from '../config/app-config.js';
import { withScratchDatabase } from './scratch-database.js';

/** `npm run schema:generate`: writes schema.gql from the code-first types (a test checks it is current). */
await withScratchDatabase(async (url) => {
  const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const app = await NestFactory.create(AppModule.forRoot(config, url), { logger: false });
  await app.init();
  try {
    await writeFile('schema.gql', printSortedSchema(app.get(GraphQLSchemaHost).schema));
    console.log('schema.gql written.');
  } finally {
    await app.close();
  }
});
