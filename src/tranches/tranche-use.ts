import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { daysBetween, type LocalDate } from '../common/dates/local-date.js';
import { type BaseRate, interestOwed } from './interest.js';
import { allocateFifo, type FundsUse } from './fifo-allocation.js';
import { INTEREST_SURCHARGE_POINTS, PAID_STATUSES } from './tranches.enums.js';
import { countsSql } from '../expenditures/counting-filter.js';

export interface TrancheUseFigures {
  used: Decimal;
  unused: Decimal;
  useDeadline: LocalDate;
  overdueDays: number;
  interestOwed: Decimal;
  /** What consumed the tranche: spending of a payment day (`E` + day) or a repayment (`R` + day + id). */
  allocations: { useId: string; date: LocalDate; amount: Decimal }[];
}

const SURCHARGE = new Decimal(INTEREST_SURCHARGE_POINTS);

/**
 * The use of every paid-out tranche of a project on `asOf` (docs/domain.md#lifecycles): eligible spending
 * (net of reversals, rejected receipts left out) and repayments are allocated first-in-first-out
 * to the tranches by payout date; the unused balance after each use deadline bears interest.
 * Spending is summed per payment day in the database (reversals share the day of their
 * original), so a ledger of tens of thousands of receipts becomes a few hundred uses.
 */
export async function trancheUses(
  em: EntityManager,
  projectId: string,
  horizonDays: number,
  asOf: LocalDate,
): Promise<Map<string, TrancheUseFigures>> {
  const [tranches, spending, repayments, rates] = await Promise.all([
    em.execute<{ id: string; payout_date: string; amount: string }[]>(
      `select id, payout_date::text as payout_date, amount::text as amount from drawdown
        where project_id = ? and kind = 'TRANCHE' and status in (?) and payout_date <= ?`,
      [projectId, PAID_STATUSES, asOf],
    ),
    em.execute<{ day: string; amount: string }[]>(
      `select e.payment_date::text as day, sum(e.eligible_amount)::text as amount
         from expenditure e
        where e.project_id = ? and e.payment_date <= ? and ${countsSql('e')}
        group by e.payment_date`,
      [projectId, asOf],
    ),
    em.execute<{ id: string; day: string; amount: string }[]>(
      `select id, payout_date::text as day, (-amount)::text as amount from drawdown
        where project_id = ? and kind <> 'TRANCHE' and status in (?) and payout_date <= ?`,
      [projectId, PAID_STATUSES, asOf],
    ),
    baseRates(em),
  ]);
  const uses: FundsUse[] = [
    ...spending.map((s) => ({ id: `E${s.day}`, date: s.day, amount: new Decimal(s.amount) })),
    ...repayments.map((r) => ({ id: `R${r.day}${r.id}`, date: r.day, amount: new Decimal(r.amount) })),
  ];
  const allocation = allocateFifo(
    tranches.map((t) => ({ id: t.id, payoutDate: t.payout_date, amount: new Decimal(t.amount) })),
    uses,
    horizonDays,
    asOf,
  );
  return new Map(
    allocation.tranches.map((t) => [
      t.id,
      {
        used: t.used,
        unused: t.unused,
        useDeadline: t.useDeadline,
        overdueDays: t.overdueSpans.reduce((days, s) => days + daysBetween(s.from, s.to), 0),
        interestOwed: interestOwed(t.overdueSpans, rates, SURCHARGE),
        allocations: t.allocations,
      },
    ]),
  );
}

/** The § 247 BGB base rates kept as dated rows (seeded by the migration). */
export async function baseRates(em: EntityManager): Promise<BaseRate[]> {
  const rows = await em.execute<{ valid_from: string; rate_percent: string }[]>(
    'select valid_from::text as valid_from, rate_percent::text as rate_percent from base_rate order by valid_from',
  );
  return rows.map((r) => ({ validFrom: r.valid_from, ratePercent: new Decimal(r.rate_percent) }));
}
