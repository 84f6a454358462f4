import 'reflect-metadata';

import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { MikroORM } from '@mikro-orm/postgresql';

import { createOrmConfig } from '../database/mikro-orm.config.js';
import { withScratchDatabase } from './scratch-database.js';

/**
 * `npm run migration:create -- [name]`: applies the existing migrations to a scratch database,
 * diffs the entities against it, writes the new migration and registers it in migrations/index.ts.
 */
const INDEX = 'src/database/migrations/index.ts';

await withScratchDatabase(async (url) => {
  const orm = await MikroORM.init({ ...createOrmConfig({ url }), preferTs: true });
  try {
    await orm.migrator.up();
    const result = await orm.migrator.create(undefined, false, false, process.argv[2]);
    if (!result.fileName) {
      console.log('No changes: the entities match the migrations.');
      return;
    }
    const className = basename(result.fileName).replace(/\.ts$/, '');
    const index = await readFile(INDEX, 'utf8');
    const withImport = `import { ${className} } from './${className}.js';\n${index}`;
    const registered = withImport
      .replace(/\];\s*$/, (end) => `  { name: '${className}', class: ${className} },\n${end}`)
      .replace('= [\n  {', '= [\n  {')
      .replace('= [  {', '= [\n  {');
    await writeFile(INDEX, registered);
    console.log(`Created ${result.fileName} and registered it in ${INDEX}.`);
  } finally {
    await orm.close();
  }
});
