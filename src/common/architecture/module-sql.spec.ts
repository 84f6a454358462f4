import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { crossModuleSql } from './module-sql.js';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The SQL that still names another module's table, each with why it stays. Rules are never on this
 * list: the plan in force (budget/plan-in-force.ts), a receipt that counts
 * (expenditures/counting-filter.ts), entry data complete (participants/entry-data.ts) and an
 * observation in force (measures/observations.ts) are interpolated from their owners. What stays
 * are plain reads of another module's rows, joined for speed in one statement:
 */
const ALLOWED: Record<string, string[]> = {
  // The grant terms of a project (programme rule, period, financing type) joined into reads that
  // need them for every row; the programmes module owns no rule on these columns.
  'auth/access.service.ts': ['project'],
  'budget/budget.service.ts': ['funding_program', 'project'],
  'budget/overview-data.ts': ['project', 'funding_program'],
  'budget/plan-in-force.ts': ['funding_program'],
  'budget/program-overview-data.ts': ['project', 'funding_program'],
  'participants/counting-parameters.ts': ['project'],
  // The programme of each row of the participant page (identity access depends on it), in one statement.
  'participants/participant-rows.ts': ['project'],
  // The maintained totals are written in the booking's own statement (same transaction, row lock).
  'expenditures/expenditures.service.ts': ['budget_total'],
  'expenditures/ledger-batch.ts': ['budget_total'],
  // Labels and plan amounts next to each row of a list (cost category code and name, planned source).
  'income/income-reads.ts': ['funding_source'],
  'expenditures/ledger-rows.ts': ['cost_category'],
  'narrative/narrative-reads.ts': ['cost_category'],
  'settlement/settlement.service.ts': ['cost_category'],
  // Observations read with the measures module's inForceSql filter.
  'participants/participants.service.ts': ['labour_market_observation'],
  'participants/statistics.ts': ['labour_market_observation'],
  // Proofs, the COPY stream and the settlement read the ledger, plan and tranches of many rows in
  // one snapshot, with the owners' fragments (countsSql, planInForceSql, entryDataCompleteSql).
  'reporting/preflight.ts': ['expenditure', 'cost_category', 'budget_line', 'drawdown', 'labour_market_observation', 'participant'],
  'reporting/proof-loader.ts': ['expenditure', 'cost_category', 'project', 'funding_program', 'budget_line', 'funding_source', 'drawdown'],
  'reporting/receipt-stream.ts': ['expenditure', 'cost_category', 'project'],
  'settlement/settlement-data.ts': [
    'budget_revision',
    'project',
    'budget_total',
    'expenditure',
    'drawdown',
    'budget_line',
    'funding_source',
    'cost_category',
  ],
  'tranches/tranche-use.ts': ['expenditure'],
  'reporting/receipt-sql.ts': ['expenditure'],
  // The guard on grant terms reads the money already moved, as the database's invariant triggers do
  // (the latest revision, not the plan in force on a date: the terms must hold for every later date).
  'programs/project-money.ts': ['annual_instalment', 'budget_revision', 'drawdown', 'expenditure', 'income'],
  // Known debt: accepting a proof marks its receipts INCLUDED_IN_PROOF by writing the ledger's state
  // table; the write belongs in an export of the expenditures module.
  'reporting/reporting.service.ts': ['expenditure', 'expenditure_state'],
};

describe('module boundaries in SQL', () => {
  it("names another module's table only where the allowlist says why", () => {
    const found: Record<string, string[]> = {};
    for (const ref of crossModuleSql(SRC)) (found[ref.file] ??= []).push(ref.table);
    const sorted = (m: Record<string, string[]>) =>
      Object.fromEntries(
        Object.keys(m)
          .sort()
          .map((file): [string, string[]] => [file, [...m[file]].sort()]),
      );
    // A new entry means a rule or read crossed a boundary: use the owner's export instead. A
    // vanished one means the list is stale: delete it.
    expect(sorted(found)).toEqual(sorted(ALLOWED));
  });

  it('finds a table named in a template literal of another module', () => {
    const refs = crossModuleSql(SRC).filter((r) => r.file === 'tranches/tranche-use.ts');
    expect(refs).toEqual([{ file: 'tranches/tranche-use.ts', table: 'expenditure', owner: 'expenditures', module: 'tranches' }]);
  });
});
