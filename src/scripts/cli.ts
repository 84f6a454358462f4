/**
 * Shared rules for the command-line scripts: `--help`, argument errors as one line with exit code 2,
 * start-up problems (configuration, database folder) as one line with exit code 1, and an explicit
 * confirmation (or `--yes`) before anything is destroyed.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { ConfigError } from '../config/app-config.js';
import { loadDotEnv } from '../config/runtime.js';
import { EmbeddedPostgresError } from '../database/embedded-postgres.js';

/** Wrong or missing arguments: the caller fixes the command line (exit code 2). */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv strictly; `--help` prints the usage and exits 0; anything unknown is a UsageError. */
export function parseCli<O extends Options>(
  usage: string,
  options: O,
  { positionals = 0, argv = process.argv.slice(2) }: { positionals?: number; argv?: string[] } = {},
) {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: positionals > 0,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`Unexpected argument "${parsed.positionals[positionals]}".`);
  return parsed as unknown as { values: { [K in keyof O]?: O[K] extends { type: 'boolean' } ? boolean : string }; positionals: string[] };
}

/** Runs a script's main: reads .env, maps errors to one line and an exit code. */
export function runCli(main: () => Promise<number | void>): void {
  Promise.resolve()
    .then(() => {
      loadDotEnv();
      return main();
    })
    .then(
      (code) => process.exit(code ?? 0),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof UsageError) {
          process.stderr.write(`${message} (see --help)\n`);
          process.exit(2);
        }
        const known = error instanceof ConfigError || error instanceof EmbeddedPostgresError;
        process.stderr.write(
          known
            ? `${message}\n`
            : `Failed: ${message.split('\n')[0]}${process.env.DEBUG ? `\n${(error as Error).stack}` : ' (set DEBUG=1 for details)'}\n`,
        );
        process.exit(1);
      },
    );
}

/** Asks on the terminal; without one (cron, pipes) the answer is no, so `--yes` must be given. */
export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(y|yes|j|ja)$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
