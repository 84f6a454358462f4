import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { formatMoney, ZERO } from '../common/money/money.js';

/** A change to the maintained totals of one project × fiscal year × cost category; absent amounts stay. */
export interface BudgetTotalsDelta {
  projectId: string;
  fiscalYear: number;
  costCategoryId: string;
  drawn?: Decimal;
  spent?: Decimal;
  committed?: Decimal;
}

export const TOTAL_FIELDS = ['drawn', 'spent', 'committed'] as const;
export type TotalField = (typeof TOTAL_FIELDS)[number];

/** One recomputed figure: what the raw rows of one source add up to for a key. */
export interface RecomputedTotal {
  fiscalYear: number;
  costCategoryId: string;
  field: TotalField;
  amount: Decimal;
}

/**
 * Where maintained totals come from (drawdowns, expenditures …): a module that books into the
 * totals registers a source that recomputes its share from its own raw rows.
 */
export interface BudgetTotalsSource {
  name: string;
  recompute(em: EntityManager, projectId: string): Promise<RecomputedTotal[]>;
}

export interface BudgetTotalsDifference {
  fiscalYear: number;
  costCategoryId: string;
  field: TotalField;
  maintained: Decimal;
  recomputed: Decimal;
}

/**
 * The maintained totals behind the budget overview. Bookings call `apply` inside their own
 * transaction; `check` recomputes the totals from every registered source and lists differences.
 */
@Injectable()
export class BudgetTotals {
  private readonly sources: BudgetTotalsSource[] = [];

  /** Registers a source of totals (called by the ledger modules when they start). */
  register(source: BudgetTotalsSource): void {
    if (!this.sources.some((s) => s.name === source.name)) this.sources.push(source);
  }

  sourceNames(): string[] {
    // By name, not by registration: the order modules start in is Nest's business (it moved when imports arrived).
    return this.sources.map((s) => s.name).sort();
  }

  /**
   * Adds the deltas to the totals row, creating it at zero first. One atomic upsert: the row is
   * locked until the caller's transaction ends, so concurrent bookings add up and never overwrite.
   * `em` must be the booking's transactional EntityManager.
   */
  async apply(em: EntityManager, delta: BudgetTotalsDelta): Promise<void> {
    const amounts = TOTAL_FIELDS.map((f) => formatMoney(delta[f] ?? ZERO));
    await em.execute(
      `insert into budget_total (id, project_id, fiscal_year, cost_category_id, drawn, spent, committed)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict on constraint budget_total_key do update set
         drawn = budget_total.drawn + excluded.drawn,
         spent = budget_total.spent + excluded.spent,
         committed = budget_total.committed + excluded.committed,
         version = budget_total.version + 1,
         updated_at = now()`,
      [randomUUID(), delta.projectId, delta.fiscalYear, delta.costCategoryId, ...amounts],
      'run',
    );
  }

  /** Compares the maintained totals of a project with what the registered sources recompute from raw rows. */
  async check(em: EntityManager, projectId: string): Promise<BudgetTotalsDifference[]> {
    const expected = new Map<string, Decimal>();
    const keyOf = (fiscalYear: number, costCategoryId: string, field: TotalField) => `${fiscalYear}|${costCategoryId}|${field}`;
    for (const source of this.sources) {
      for (const row of await source.recompute(em, projectId)) {
        const key = keyOf(row.fiscalYear, row.costCategoryId, row.field);
        expected.set(key, (expected.get(key) ?? ZERO).plus(row.amount));
      }
    }
    const rows = await em.execute<{ fiscal_year: number; cost_category_id: string; drawn: string; spent: string; committed: string }[]>(
      'select fiscal_year, cost_category_id, drawn, spent, committed from budget_total where project_id = ? order by fiscal_year, cost_category_id',
      [projectId],
    );
    const differences: BudgetTotalsDifference[] = [];
    const seen = new Set<string>();
    for (const row of rows) {
      for (const field of TOTAL_FIELDS) {
        const key = keyOf(row.fiscal_year, row.cost_category_id, field);
        seen.add(key);
        const maintained = new Decimal(row[field]);
        const recomputed = expected.get(key) ?? ZERO;
        if (!maintained.eq(recomputed))
          differences.push({ fiscalYear: row.fiscal_year, costCategoryId: row.cost_category_id, field, maintained, recomputed });
      }
    }
    for (const [key, recomputed] of expected) {
      if (seen.has(key) || recomputed.isZero()) continue;
      const [year, costCategoryId, field] = key.split('|');
      differences.push({ fiscalYear: Number(year), costCategoryId, field: field as TotalField, maintained: ZERO, recomputed });
    }
    return differences;
  }
}
