// Starts the run's PostgreSQL in a child process that runs the TypeScript setup (test-server.ts)
// through the @swc-node loader; jest's own module system stays untouched by that loader.
import { spawn } from 'node:child_process';

export default async function globalSetup() {
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'test/setup/test-server.ts'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  globalThis.__FPT_TEST_SERVER__ = child;
  const url = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const ready = /READY (\S+)/.exec(output);
      if (ready) resolve(ready[1]);
    });
    child.on('exit', (code) => reject(new Error(`The test database did not start (exit ${code}).\n${output}`)));
  });
  process.env.FPT_TEST_SERVER_URL = url;
}
