import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('typed test documents', () => {
  // The generator loads its plugins as ES modules, which jest's module system cannot: a child process.
  it('test/generated/graphql.ts is what `npm run codegen` makes of schema.gql and test/graphql (run it after changing either)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', '@swc-node/register/esm-register', 'test/setup/print-codegen.ts'],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(stdout).toBe(await readFile(join(ROOT, 'test/generated/graphql.ts'), 'utf8'));
  });
});
