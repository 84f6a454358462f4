// `npm run migrate`: the deploy step that brings the database schema up to date, separate from the
// service's start (set MIGRATE_ON_START=false there). Same checks as main.ts before anything loads.
import { loadDotEnv, nodeVersionProblem } from './config/runtime.js';

const problem = nodeVersionProblem();
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
try {
  loadDotEnv();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
const { runMigrations } = await import('./database/run-migrations.js');
process.exitCode = await runMigrations();
