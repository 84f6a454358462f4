/**
 * CI check of the production path (README "Deploying"): build, copy the build with package files into
 * a fresh folder, `npm ci --omit=dev` there, then against a PostgreSQL of its own with every setting
 * from a `.env` file: `npm run migrate`, `npm run start:prod`, `/health` 200, SIGTERM stops it.
 * Also: `node dist/main.js` on an older system Node stops with one clear line.
 *
 *   npm run test:production-install     (run by .ci/run after npm test)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureDatabase, startEmbeddedPostgres } from '../src/database/embedded-postgres.js';

const step = (message: string) => process.stdout.write(`production install: ${message}\n`);
const fail = (message: string): never => {
  process.stderr.write(`production install FAILED: ${message}\n`);
  process.exit(1);
};
const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
const started = performance.now();

const work = await mkdtemp(join(tmpdir(), 'fpt-prod-'));
await chmod(work, 0o755);
const app = join(work, 'app');
const database = await startEmbeddedPostgres({ dir: join(work, 'pg'), fastUnsafe: true });
try {
  step('npm run build');
  execFileSync(npm[0], [...npm.slice(1), 'run', 'build'], { stdio: 'inherit' });
  for (const file of ['package.json', 'package-lock.json', 'dist']) await cp(file, join(app, file), { recursive: true });

  step('npm ci --omit=dev (from the npm cache where possible)');
  execFileSync(npm[0], [...npm.slice(1), 'ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
    cwd: app,
    stdio: 'inherit',
  });
  if (spawnSync('test', ['-e', join(app, 'node_modules/jest')]).status === 0) fail('jest (a development dependency) was installed');

  await ensureDatabase(database.url, 'fpt_production');
  const port = 4100 + Math.floor(Math.random() * 800);
  await writeFile(
    join(app, '.env'),
    [
      '# written by test/production-install.ts',
      'NODE_ENV=production',
      `DATABASE_URL=${database.urlFor('fpt_production')}`,
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `JWT_SECRET=${randomBytes(32).toString('hex')}`,
      `DATA_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
      `IDENTITY_HASH_KEY=${randomBytes(32).toString('base64')}`,
      'MIGRATE_ON_START=false',
      'SEED_DEMO=false',
      'LOG_LEVEL=warn',
      '',
    ].join('\n'),
  );
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|DATABASE_URL|PORT|NODE_ENV|EMBEDDED_PG)/.test(key)),
  );

  step('start:prod before migrating refuses with one line');
  const early = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', 'start:prod'], {
    cwd: app,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (early.status === 0 || !/run "npm run migrate" first/.test(early.stderr))
    fail(`expected a refusal, got exit ${early.status}: ${early.stderr}`);

  step('npm run migrate');
  const migrate = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', 'migrate'], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });
  if (migrate.status !== 0 || !/Applied \d+ migration/.test(migrate.stdout))
    fail(`migrate: exit ${migrate.status}: ${migrate.stdout}${migrate.stderr}`);

  // What start:prod runs, without npm in between, so that SIGTERM reaches the service itself.
  step('node dist/main.js (= npm run start:prod), then /health, then SIGTERM');
  const service = spawn(process.execPath, ['dist/main.js'], { cwd: app, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  service.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => service.once('exit', resolve));
  let health: Response | undefined;
  for (let i = 0; i < 300 && service.exitCode === null; i++) {
    health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (health?.ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!health?.ok) fail(`/health did not answer 200 (${health?.status ?? 'no answer'}): ${stderr}`);
  if (health!.headers.get('x-powered-by')) fail('X-Powered-By is sent');
  service.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) fail(`SIGTERM: exit ${code}: ${stderr}`);

  const systemNode = execFileSync(
    'bash',
    ['-c', 'PATH=$(echo "$PATH" | tr ":" "\\n" | grep -v node_modules | paste -sd:) command -v node || true'],
    { encoding: 'utf8' },
  ).trim();
  const version = systemNode ? spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
  const [major, minor] = version.slice(1).split('.').map(Number);
  if (systemNode && (major < 22 || (major === 22 && minor < 17))) {
    step(`node dist/main.js on the system's ${version}`);
    const old = spawnSync(systemNode, ['dist/main.js'], { cwd: app, env, encoding: 'utf8' });
    if (old.status !== 1 || old.stderr.trim().split('\n').length !== 1 || !/needs Node 22\.17 or newer/.test(old.stderr))
      fail(`old Node: exit ${old.status}: ${old.stderr}`);
  }
  step(`passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await database.stop();
  await rm(work, { recursive: true, force: true });
}
