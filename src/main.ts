// The entry point: checks the Node version and reads .env before loading the service, whose imports
// (MikroORM 7) need Node ≥ 22.17. `node dist/main.js` on an older Node gets one clear line.
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
await import('./server.js');
