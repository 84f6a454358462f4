// `npm test` = typecheck + the whole jest suite (the README's and CI's command).
// `npm test -- <path or pattern> [more jest options]` runs just those test files (no typecheck),
// `--unit` / `--e2e` pick a tier. Jest needs --experimental-vm-modules (ESM); `npx jest` lacks it.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const tiers = args.filter((a) => a === '--unit' || a === '--e2e').map((a) => a.slice(2));
const rest = args.filter((a) => a !== '--unit' && a !== '--e2e');
const run = (command, commandArgs) => {
  const result = spawnSync(command, commandArgs, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (rest.length === 0 && tiers.length === 0) run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
// --selectProjects takes several names, so it goes last, after the paths.
run(process.execPath, [
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  ...rest,
  ...(tiers.length ? ['--selectProjects', ...tiers] : []),
]);
