import type pg from 'pg';

import { copyInto } from './copy-into.js';
import { copyStatement, type EncodedProject } from './copy-text.js';
import { type DeferredStructure, dropForBulkLoad, restoreAfterBulkLoad } from './deferred-structures.js';
import type { StageTimes } from './stage-times.js';

/** The tables the generator fills besides `project` (whose key everything else points at). */
export const GENERATED_TABLES = [
  'budget_revision',
  'budget_line',
  'annual_instalment',
  'funding_source',
  'expenditure',
  'expenditure_state',
  'drawdown',
  'drawdown_line',
  'drawdown_approval',
  'budget_total',
  'measure',
  'participant',
  'participant_identity',
  'participation',
  'labour_market_observation',
];

/**
 * The deferred money-invariant triggers on rows the generator inserts (MoneyInvariants migration;
 * the one on `project` fires on updates only). Each checks its whole project, so per row, before the
 * indexes exist, they scanned the 10-million-row ledger once per tranche.
 */
const ROW_INVARIANT_TRIGGERS = [
  ['drawdown', 'drawdown_money_invariants'],
  ['annual_instalment', 'annual_instalment_money_invariants'],
] as const;

export interface LoadOptions {
  /**
   * true: one transaction; the indexes, keys and foreign keys of GENERATED_TABLES are dropped first
   * and rebuilt after the last project (for a database without generated data, where a rebuild
   * over everything is cheaper than maintaining them row by row). false: the schema stays as it is
   * and every `projectsPerTransaction` projects are committed, so an interrupted run keeps its progress.
   */
  deferStructures: boolean;
  projectsPerTransaction?: number;
  stages: StageTimes;
  onProject?: (project: EncodedProject) => void;
}

export interface LoadResult {
  projects: number;
  receipts: number;
  loadMs: number;
  rebuildMs: number;
  /** Each rebuilt index, key and foreign key with its time, slowest first (deferred loads only). */
  rebuilt: { structure: DeferredStructure; ms: number }[];
}

/**
 * Streams generated projects into PostgreSQL, one COPY per table and project, tables in the order
 * of scale-project.ts (which satisfies the foreign keys when they stay). Any error rolls back the
 * open transaction (for a deferred load: all of it, schema included) and is rethrown.
 */
export async function loadProjects(
  client: pg.ClientBase,
  projects: AsyncIterable<EncodedProject>,
  options: LoadOptions,
): Promise<LoadResult> {
  const { stages, projectsPerTransaction = 10 } = options;
  const started = performance.now();
  const result: LoadResult = { projects: 0, receipts: 0, loadMs: 0, rebuildMs: 0, rebuilt: [] };
  let structures: DeferredStructure[] = [];
  await client.query('begin');
  try {
    if (options.deferStructures) {
      structures = await stages.time('drop indexes, keys and foreign keys', 0, () => dropForBulkLoad(client, GENERATED_TABLES));
      // Checked once per project below instead; the transaction's rollback enables them again too.
      for (const [table, trigger] of ROW_INVARIANT_TRIGGERS) await client.query(`alter table "${table}" disable trigger "${trigger}"`);
    }
    const loadedIds: string[] = [];
    let waitStarted = performance.now();
    for await (const project of projects) {
      stages.add('waiting for the generator threads', performance.now() - waitStarted, 0);
      stages.add('generate (worker threads, summed)', project.generateMs, project.receipts, project.generateCpuMs);
      stages.add('encode as COPY text (worker threads, summed)', project.encodeMs, 0, project.encodeCpuMs);
      for (const t of project.tables)
        await stages.time(`copy ${t.table}`, t.rows, () => copyInto(client, copyStatement(t.table, t.columns), t.data));
      result.projects++;
      result.receipts += project.receipts;
      loadedIds.push(project.projectId);
      options.onProject?.(project);
      if (!options.deferStructures && result.projects % projectsPerTransaction === 0) await client.query('commit; begin');
      waitStarted = performance.now();
    }
    // Run the deferred invariant checks now: PostgreSQL builds no index on a table with
    // pending trigger events, and a bad row should fail here rather than at commit.
    await stages.time('check the money invariants', 0, () => client.query('set constraints all immediate'));
    const loaded = performance.now();
    result.loadMs = loaded - started;
    const keys = structures.filter((s) => s.kind !== 'foreign key');
    const foreignKeys = structures.filter((s) => s.kind === 'foreign key');
    const rebuilt = (structure: DeferredStructure, ms: number) => {
      stages.add(
        structure.kind === 'foreign key' ? `add ${foreignKeys.length} foreign keys (validating)` : `build ${keys.length} indexes and keys`,
        ms,
        0,
      );
      result.rebuilt.push({ structure, ms });
    };
    await restoreAfterBulkLoad(client, keys, rebuilt);
    // Statistics of the new rows first: without them the validating joins are planned for the demo's
    // few rows (at 10 million receipts the check of reversal_of_id took 10 s instead of 10 ms).
    if (foreignKeys.length)
      await stages.time('analyze before the foreign keys', 0, () =>
        client.query(`analyze ${GENERATED_TABLES.map((t) => `"${t}"`).join(', ')}`),
      );
    await restoreAfterBulkLoad(client, foreignKeys, rebuilt);
    if (options.deferStructures) {
      // The same function the triggers run, once per loaded project, now that the indexes exist.
      await stages.time('check the money invariants per project', 0, () =>
        client.query('select fpt_check_project_money(id) from unnest($1::uuid[]) as id', [loadedIds]),
      );
      for (const [table, trigger] of ROW_INVARIANT_TRIGGERS) await client.query(`alter table "${table}" enable trigger "${trigger}"`);
    }
    await stages.time('commit', 0, () => client.query('commit'));
    result.rebuildMs = performance.now() - loaded;
    result.rebuilt.sort((a, b) => b.ms - a.ms);
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}
