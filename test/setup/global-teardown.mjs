export default async function globalTeardown() {
  const child = globalThis.__FPT_TEST_SERVER__;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdin.end();
  await exited;
}
