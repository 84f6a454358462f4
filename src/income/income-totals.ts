import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../budget/budget.enums.js';
import type { LocalDate } from '../common/dates/local-date.js';
import { formatMoney, ZERO } from '../common/money/money.js';

export interface IncomeTotalRow {
  projectId: string;
  fiscalYear: number;
  fundingSource: FundingSourceKind;
  received: Decimal;
}

export interface IncomeTotalsDifference {
  fiscalYear: number;
  fundingSource: FundingSourceKind;
  maintained: Decimal;
  recomputed: Decimal;
}

/**
 * The maintained totals of the income ledger (income_total), the twin of BudgetTotals for the
 * expenditure side: bookings add to them in their own transaction, readers take them instead of
 * scanning the ledger, and `check` recomputes them from the raw rows.
 */
@Injectable()
export class IncomeTotals {
  /** Adds `received` to the totals row (an atomic upsert that locks the row until the caller commits). */
  async apply(
    em: EntityManager,
    delta: { projectId: string; fiscalYear: number; fundingSource: FundingSourceKind; received: Decimal },
  ): Promise<void> {
    await em.execute(
      `insert into income_total (id, project_id, fiscal_year, funding_source, received) values (?, ?, ?, ?, ?)
       on conflict on constraint income_total_key do update set
         received = income_total.received + excluded.received, version = income_total.version + 1, updated_at = now()`,
      [randomUUID(), delta.projectId, delta.fiscalYear, delta.fundingSource, formatMoney(delta.received)],
      'run',
    );
  }

  /** Compares the maintained totals of a project with the ledger and lists every difference. */
  async check(em: EntityManager, projectId: string): Promise<IncomeTotalsDifference[]> {
    const [maintained, recomputed] = await Promise.all([
      em.execute<{ fiscal_year: number; funding_source: FundingSourceKind; amount: string }[]>(
        'select fiscal_year, funding_source, received::text as amount from income_total where project_id = ?',
        [projectId],
      ),
      em.execute<{ fiscal_year: number; funding_source: FundingSourceKind; amount: string }[]>(
        'select fiscal_year, funding_source, sum(amount)::text as amount from income where project_id = ? group by fiscal_year, funding_source',
        [projectId],
      ),
    ]);
    const key = (r: { fiscal_year: number; funding_source: string }) => `${r.fiscal_year}|${r.funding_source}`;
    const expected = new Map(recomputed.map((r) => [key(r), new Decimal(r.amount)]));
    const stored = new Map(maintained.map((r) => [key(r), new Decimal(r.amount)]));
    const differences: IncomeTotalsDifference[] = [];
    for (const k of [...new Set([...expected.keys(), ...stored.keys()])].sort()) {
      const m = stored.get(k) ?? ZERO;
      const r = expected.get(k) ?? ZERO;
      if (!m.eq(r)) {
        const [year, source] = k.split('|');
        differences.push({ fiscalYear: Number(year), fundingSource: source as FundingSourceKind, maintained: m, recomputed: r });
      }
    }
    return differences;
  }

  /**
   * Income per project, fiscal year and source as of a date: the maintained totals less what was
   * booked with a later payment date (a short index range for any recent date), so a programme
   * of many projects needs two statements, not a scan of every ledger. Without `asOf`: as booked now.
   */
  async received(em: EntityManager, projectIds: readonly string[], asOf?: LocalDate): Promise<IncomeTotalRow[]> {
    if (projectIds.length === 0) return [];
    const ids = [...projectIds];
    const [totals, later] = await Promise.all([
      em.execute<{ project_id: string; fiscal_year: number; funding_source: FundingSourceKind; amount: string }[]>(
        'select project_id, fiscal_year, funding_source, received::text as amount from income_total where project_id in (?)',
        [ids],
      ),
      asOf
        ? em.execute<{ project_id: string; fiscal_year: number; funding_source: FundingSourceKind; amount: string }[]>(
            `select project_id, fiscal_year, funding_source, sum(amount)::text as amount from income
              where project_id in (?) and payment_date > ? group by project_id, fiscal_year, funding_source`,
            [ids, asOf],
          )
        : Promise.resolve([]),
    ]);
    const key = (r: { project_id: string; fiscal_year: number; funding_source: string }) =>
      `${r.project_id}|${r.fiscal_year}|${r.funding_source}`;
    const laterOf = new Map(later.map((r) => [key(r), new Decimal(r.amount)]));
    return totals
      .map((r) => ({
        projectId: r.project_id,
        fiscalYear: Number(r.fiscal_year),
        fundingSource: r.funding_source,
        received: new Decimal(r.amount).minus(laterOf.get(key(r)) ?? ZERO),
      }))
      .sort(
        (a, b) => a.projectId.localeCompare(b.projectId) || a.fiscalYear - b.fiscalYear || a.fundingSource.localeCompare(b.fundingSource),
      );
  }
}
