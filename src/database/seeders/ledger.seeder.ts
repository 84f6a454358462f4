import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { BudgetTotals } from '../../budget/budget-totals.js';
import { addDays, type LocalDate } from '../../common/dates/local-date.js';
import { formatMoney, roundToCents, sumMoney } from '../../common/money/money.js';
import { Project } from '../../programs/entities/project.entity.js';
import { demoReceipts, type DemoReceipt } from './ledger-demo-receipts.js';
import { demoTranches, type DemoSpending } from './ledger-demo-tranches.js';
import { DEMO_PROJECT } from './demo-data.js';

/** The demo ledger runs up to this day (the demo's "today"); 2027 is planned but not yet spent. */
export const DEMO_LEDGER_CUTOFF = '2026-09-30';
/** Drawn on the last tranche but not spent: the demo's overdue tranche. */
const OVERDUE_SURPLUS = new Decimal('25000.00');
const SEED = 20220101;
const CHUNK = 20_000;

export interface LedgerRow {
  id: string;
  receipt: DemoReceipt;
  kind: 'BOOKING' | 'REVERSAL';
  revision: number;
  gross: Decimal;
  ineligible: Decimal;
  eligible: Decimal;
  reversalOf: string | null;
  reason: string | null;
  status: string;
  comment: string | null;
}

/**
 * The Wuppertal ledger: tens of thousands of receipts 2022 to the cut-off, a few corrections by
 * reversal, a few rejected receipts, tranches every four weeks and one overdue tranche. Pure
 * generation (seeded) plus bulk multi-row INSERTs, and the maintained totals booked once per key.
 * Runs after the budget demo and follows its plan in force, so no line is overspent.
 */
export class LedgerSeeder extends Seeder {
  async run(coreEm: EntityManager): Promise<void> {
    const em = coreEm as unknown as SqlEntityManager;
    const project = await em.findOneOrFail(Project, { fileNumber: DEMO_PROJECT.fileNumber });
    const finance = await em.findOneOrFail(AppUser, { username: 'finance' });
    const grantor = await em.findOneOrFail(AppUser, { username: 'grantor' });
    const plan = await em.execute<{ code: string; cost_category_id: string; fiscal_year: number; planned: string }[]>(
      `select cc.code, bl.cost_category_id, bl.fiscal_year, bl.planned::text as planned from budget_line bl join cost_category cc on cc.id = bl.cost_category_id
        where bl.project_id = ? and bl.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)`,
      [project.id, project.id],
    );
    if (plan.length === 0) return;
    const categoryId = new Map(plan.map((l) => [l.code, l.cost_category_id]));
    const receipts = demoReceipts(
      plan.map((l) => ({ code: l.code, fiscalYear: l.fiscal_year, planned: new Decimal(l.planned) })),
      { cutoff: DEMO_LEDGER_CUTOFF, seed: SEED },
    );
    const { tables, sums } = demoLedgerTables(receipts, {
      projectId: project.id,
      financeId: finance.id,
      grantorId: grantor.id,
      categoryId: (code) => categoryId.get(code),
      ids: () => randomUUID,
    });
    // One request still waiting for the grantor's decision.
    const pending = randomUUID();
    const pendingDay: LocalDate = '2026-10-08';
    const tranches2026 = tables.drawdown.rows.filter((d) => d[2] === 2026).length;
    tables.drawdown.rows.push([
      pending,
      project.id,
      2026,
      tranches2026 + 1,
      'TRANCHE',
      'REQUESTED',
      '60000.00',
      pendingDay,
      addDays(pendingDay, 27),
      null,
      finance.id,
      '2026-09-30T10:00:00Z',
    ]);
    tables.drawdown_line.rows.push([randomUUID(), project.id, pending, categoryId.get('A'), '60000.00']);
    for (const t of Object.values(tables)) await bulkInsert(em, t.table, t.columns, t.rows);

    // The maintained totals, once per (year, category), as the services would have booked them.
    const totals = new BudgetTotals();
    for (const d of sums) {
      await totals.apply(em, {
        projectId: project.id,
        fiscalYear: d.fiscalYear,
        costCategoryId: categoryId.get(d.code)!,
        drawn: d.drawn,
        spent: d.spent,
      });
    }
  }
}

/** Rows of one table: column specs `name:pgtype` and one value array per row (money as strings). */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** The sums one project's ledger adds to its maintained totals, per fiscal year and cost category. */
export interface LedgerSums {
  fiscalYear: number;
  code: string;
  drawn: Decimal;
  spent: Decimal;
}

/** The tables one project's demo ledger fills. */
export type LedgerTable = 'expenditure' | 'expenditure_state' | 'drawdown' | 'drawdown_line' | 'drawdown_approval';

export interface LedgerTablesContext {
  projectId: string;
  financeId: string;
  grantorId: string;
  categoryId(code: string): string | undefined;
  /** A source of ids for the rows of `table` (random for the demo, derived from the seed at scale). */
  ids(table: LedgerTable): () => string;
}

/**
 * One project's demo ledger as table rows: the receipts with their states, the tranches that
 * financed what was spent (with lines and the grantor's approvals), and the sums per year and cost
 * category for the maintained totals. The demo seeder inserts them, the scale generator COPYs them.
 */
export function demoLedgerTables(
  receipts: DemoReceipt[],
  ctx: LedgerTablesContext,
): { tables: Record<LedgerTable, TableRows>; sums: LedgerSums[] } {
  const rows = ledgerRows(receipts, ctx.ids('expenditure'));
  const counted = rows.filter((r) => r.status !== 'REJECTED');
  const spending: DemoSpending[] = counted.map((r) => ({ code: r.receipt.code, paymentDate: r.receipt.paymentDate, eligible: r.eligible }));
  const years = [...new Set(receipts.map((r) => r.fiscalYear))].sort();
  const tranches = demoTranches(spending, years, DEMO_LEDGER_CUTOFF, OVERDUE_SURPLUS);

  const stateId = ctx.ids('expenditure_state');
  const drawdownId = ctx.ids('drawdown');
  const lineId = ctx.ids('drawdown_line');
  const approvalId = ctx.ids('drawdown_approval');
  const drawdowns: unknown[][] = [];
  const lines: unknown[][] = [];
  const approvals: unknown[][] = [];
  for (const t of tranches) {
    const id = drawdownId();
    drawdowns.push([
      id,
      ctx.projectId,
      t.fiscalYear,
      t.number,
      'TRANCHE',
      'DISBURSED',
      formatMoney(sumMoney(t.lines.map((l) => l.amount))),
      t.payoutDate,
      t.neededUntil,
      t.payoutDate,
      ctx.financeId,
      `${addDays(t.payoutDate, -7)}T09:00:00Z`,
    ]);
    for (const l of t.lines) lines.push([lineId(), ctx.projectId, id, ctx.categoryId(l.code), formatMoney(l.amount)]);
    approvals.push([
      approvalId(),
      ctx.projectId,
      id,
      'APPROVED',
      ctx.grantorId,
      'Mittelabruf geprüft, Bedarf plausibel',
      `${addDays(t.payoutDate, -3)}T14:00:00Z`,
    ]);
  }

  // The maintained totals, exactly the sums of the rows above (as the services would have booked them).
  const sums = new Map<string, LedgerSums>();
  const at = (fiscalYear: number, code: string) => {
    const key = `${fiscalYear}|${code}`;
    if (!sums.has(key)) sums.set(key, { fiscalYear, code, drawn: new Decimal(0), spent: new Decimal(0) });
    return sums.get(key)!;
  };
  for (const r of counted) at(r.receipt.fiscalYear, r.receipt.code).spent = at(r.receipt.fiscalYear, r.receipt.code).spent.plus(r.eligible);
  for (const t of tranches) for (const l of t.lines) at(t.fiscalYear, l.code).drawn = at(t.fiscalYear, l.code).drawn.plus(l.amount);

  return {
    tables: {
      expenditure: {
        table: 'expenditure',
        columns: [
          'id:uuid',
          'project_id:uuid',
          'kind:text',
          'receipt_number:text',
          'revision:smallint',
          'invoice_date:date',
          'payment_date:date',
          'fiscal_year:smallint',
          'payee:text',
          'purpose:text',
          'cost_category_id:uuid',
          'gross_amount:numeric',
          'ineligible_amount:numeric',
          'eligible_amount:numeric',
          'reversal_of_id:uuid',
          'reason:text',
          'recorded_by_id:uuid',
        ],
        rows: rows.map((r) => [
          r.id,
          ctx.projectId,
          r.kind,
          r.receipt.receiptNumber,
          r.revision,
          r.receipt.invoiceDate,
          r.receipt.paymentDate,
          r.receipt.fiscalYear,
          r.receipt.payee,
          r.receipt.purpose,
          ctx.categoryId(r.receipt.code),
          formatMoney(r.gross),
          formatMoney(r.ineligible),
          formatMoney(r.eligible),
          r.reversalOf,
          r.reason,
          ctx.financeId,
        ]),
      },
      expenditure_state: {
        table: 'expenditure_state',
        columns: ['id:uuid', 'project_id:uuid', 'expenditure_id:uuid', 'status:text', 'comment:text', 'changed_by_id:uuid'],
        rows: rows.map((r) => [stateId(), ctx.projectId, r.id, r.status, r.comment, ctx.financeId]),
      },
      drawdown: {
        table: 'drawdown',
        columns: [
          'id:uuid',
          'project_id:uuid',
          'fiscal_year:smallint',
          'number:int',
          'kind:text',
          'status:text',
          'amount:numeric',
          'expected_payout_date:date',
          'needed_until:date',
          'payout_date:date',
          'requested_by_id:uuid',
          'requested_at:timestamptz',
        ],
        rows: drawdowns,
      },
      drawdown_line: {
        table: 'drawdown_line',
        columns: ['id:uuid', 'project_id:uuid', 'drawdown_id:uuid', 'cost_category_id:uuid', 'amount:numeric'],
        rows: lines,
      },
      drawdown_approval: {
        table: 'drawdown_approval',
        columns: [
          'id:uuid',
          'project_id:uuid',
          'drawdown_id:uuid',
          'decision:text',
          'decided_by_id:uuid',
          'comment:text',
          'decided_at:timestamptz',
        ],
        rows: approvals,
      },
    },
    sums: [...sums.values()],
  };
}

/**
 * Ledger rows with statuses: checked up to June 2026, recorded after; none INCLUDED_IN_PROOF, as the
 * demo has no submitted proof (a receipt is in a proof only once one was submitted); a few participant-cost receipts are rejected; a few fee invoices are
 * corrected by a reversal plus a new booking at 90 % (a supplier's credit note).
 */
export function ledgerRows(receipts: DemoReceipt[], newId: () => string = randomUUID): LedgerRow[] {
  const rows: LedgerRow[] = [];
  let corrections = 0;
  let rejections = 0;
  receipts.forEach((receipt, index) => {
    const status = receipt.paymentDate <= '2026-06-30' ? 'CHECKED' : 'RECORDED';
    const booking: LedgerRow = {
      id: newId(),
      receipt,
      kind: 'BOOKING',
      revision: 0,
      gross: receipt.gross,
      ineligible: receipt.ineligible,
      eligible: receipt.eligible,
      reversalOf: null,
      reason: null,
      status,
      comment: null,
    };
    rows.push(booking);
    if (
      receipt.code === 'B6' &&
      receipt.fiscalYear === 2026 &&
      receipt.paymentDate <= '2026-05-31' &&
      index % 997 === 0 &&
      rejections < 5
    ) {
      rejections++;
      booking.status = 'REJECTED';
      booking.comment = 'Kein Projektbezug: Ausgabe betrifft keine Teilnehmerin des Projekts';
    } else if (receipt.code === 'B1' && receipt.fiscalYear === 2025 && index % 23 === 0 && corrections < 6) {
      corrections++;
      const reason = 'Gutschrift des Auftragnehmers: Rechnungsbetrag um 10 % gemindert';
      rows.push({
        ...booking,
        id: newId(),
        kind: 'REVERSAL',
        gross: booking.gross.negated(),
        ineligible: booking.ineligible.negated(),
        eligible: booking.eligible.negated(),
        reversalOf: booking.id,
        reason,
      });
      // The corrected amount is a computed share (90 %), rounded half up to cents.
      const eligible = roundToCents(booking.eligible.times('0.9'));
      rows.push({ ...booking, id: newId(), revision: 1, gross: eligible.plus(booking.ineligible), eligible });
    }
  });
  return rows;
}

/**
 * Bulk INSERT … SELECT FROM unnest(array, array, …): one array literal per column and chunk, so
 * tens of thousands of rows cost a handful of statements (MikroORM inlines parameters, and one long
 * literal per column is far cheaper to build and to parse than a value list per row).
 */
async function bulkInsert(em: SqlEntityManager, table: string, columns: string[], values: unknown[][]): Promise<void> {
  const names = columns.map((c) => c.split(':')[0]);
  const types = columns.map((c) => c.split(':')[1]);
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const arrays = names.map((_, col) => arrayLiteral(chunk.map((row) => row[col])));
    const unnest = types.map((type) => `?::${type}[]`).join(', ');
    await em.execute(`insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) select * from unnest(${unnest})`, arrays, 'run');
  }
}

/** A PostgreSQL array literal: every element double-quoted (backslash-escaped), null as NULL. */
function arrayLiteral(values: unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
