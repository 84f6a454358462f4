import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { MikroORM } from '@mikro-orm/postgresql';

import { Role } from '../auth/role.enum.js';
import { AppError } from '../common/errors/app-error.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { openDatabase } from '../database/database.js';
import { createOrmConfig } from '../database/mikro-orm.config.js';
import { addGrant, createAccount } from '../users/user-accounts.js';

const USAGE = `Creates a user who signs in with a password (a real administrator by default).

  npm run user:create -- --username <name> --password <at least 12 characters>
                         [--display-name <text>] [--role ADMIN|FINANCE|CASE_WORKER|ANALYST|AUDITOR|GRANTOR]
                         [--project <projectId> | --program <programId>]

The password may come from the environment variable NEW_USER_PASSWORD instead (keeps it out of the
shell history). Uses DATABASE_URL, or the embedded database in EMBEDDED_PG_DIR (also while the
service is running on it).`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string', default: Role.ADMIN },
      project: { type: 'string' },
      program: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const password = values.password ?? process.env.NEW_USER_PASSWORD;
  if (values.help || !values.username || !password) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const role = values.role as Role;
  if (!Object.values(Role).includes(role)) {
    process.stderr.write(`Unknown role "${values.role}". Roles: ${Object.values(Role).join(', ')}\n`);
    return 2;
  }

  const config = loadConfig();
  const running = config.databaseUrl ? undefined : runningEmbeddedUrl(config.embeddedPg.dir);
  const database = running
    ? { url: running, stop: async () => undefined }
    : await openDatabase(
        config,
        () => undefined,
        (m) => process.stderr.write(`${m}\n`),
      );
  const orm = await MikroORM.init(createOrmConfig({ url: database.url, poolMax: 2 }));
  try {
    await orm.migrator.up(); // an empty database gets its tables first
    const user = await orm.em.fork().transactional(async (em) => {
      const created = await createAccount(em, { username: values.username!, displayName: values['display-name'], password });
      await addGrant(em, created, { role, projectId: values.project, programId: values.program });
      return created;
    });
    const where = values.project ? `on project ${values.project}` : values.program ? `on programme ${values.program}` : 'globally';
    process.stdout.write(`Created user "${user.username}" (${user.id}) with the role ${role} ${where}.\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`Not created: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await orm.close();
    await database.stop();
  }
}

/** The URL of an embedded server the running service already started (postmaster.pid line 4 is its port). */
function runningEmbeddedUrl(dir: string): string | undefined {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch {
    return undefined; // stale file: openDatabase clears it
  }
  return `postgres://postgres:postgres@127.0.0.1:${Number(port)}/funding_tracker`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `Failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
