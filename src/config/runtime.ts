import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Checks that run before anything else is loaded, in plain code any Node can parse: MikroORM 7
 * needs Node ≥ 22.17 (`globSync` from `node:fs`); on an older Node it would fail deep inside its
 * start with a stack trace. Keep this module free of imports beyond `node:` built-ins.
 */
export const MINIMUM_NODE = [22, 17] as const;

export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1])) return undefined;
  return `This service needs Node ${MINIMUM_NODE.join('.')} or newer; this is Node ${version} (${process.execPath}). Use "npm run start:prod" (it brings Node 24 from the "node" package) or install a newer Node.`;
}

/**
 * Reads `.env` from the working folder (or the file ENV_FILE names) into process.env. Variables
 * already set in the environment win, so a service manager can override single values.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = resolve(env.ENV_FILE || '.env');
  if (!existsSync(file)) {
    if (env.ENV_FILE) throw new Error(`ENV_FILE names ${file}, which does not exist.`);
    return undefined;
  }
  process.loadEnvFile(file);
  return file;
}
