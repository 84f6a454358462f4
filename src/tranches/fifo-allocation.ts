import { Decimal } from 'decimal.js';

import { addDays, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import type { UnusedSpan } from './interest.js';

/** A disbursed tranche: money paid out by the grantor on `payoutDate`. */
export interface DisbursedTranche {
  id: string;
  payoutDate: LocalDate;
  amount: Decimal;
}

/** A use of drawn money: eligible spending, or a repayment of unused funds, on `date`. */
export interface FundsUse {
  id: string;
  date: LocalDate;
  amount: Decimal;
}

export interface TrancheUse {
  id: string;
  used: Decimal;
  unused: Decimal;
  /** Payout + horizon: money still unused after this day is overdue. */
  useDeadline: LocalDate;
  /** The unused balance over time after the deadline, for interest (spans end at `asOf`). */
  overdueSpans: UnusedSpan[];
  /** Which uses consumed how much of this tranche. */
  allocations: { useId: string; date: LocalDate; amount: Decimal }[];
}

/**
 * Allocates uses of money to disbursed tranches first-in-first-out (docs/domain.md#lifecycles): the oldest
 * payout is consumed first, uses in order of date (then id, for a stable order). Money spent
 * before a payout is covered by that payout as soon as it arrives (the use counts from the payout
 * day). Uses beyond all tranches stay unallocated (pre-financed by the grantee).
 */
export function allocateFifo(
  tranches: DisbursedTranche[],
  uses: FundsUse[],
  horizonDays: number,
  asOf: LocalDate,
): { tranches: TrancheUse[]; unallocated: Decimal } {
  const pool = [...tranches]
    .filter((t) => t.payoutDate <= asOf && t.amount.gt(0))
    .sort((a, b) => a.payoutDate.localeCompare(b.payoutDate) || a.id.localeCompare(b.id))
    .map((t) => ({ tranche: t, left: t.amount, allocations: [] as TrancheUse['allocations'] }));
  const ordered = [...uses]
    .filter((u) => u.date <= asOf && u.amount.gt(0))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  let unallocated = ZERO;
  let index = 0;
  for (const use of ordered) {
    let rest = use.amount;
    while (rest.gt(0) && index < pool.length) {
      const slot = pool[index];
      const take = Decimal.min(rest, slot.left);
      if (take.gt(0)) {
        const date = use.date > slot.tranche.payoutDate ? use.date : slot.tranche.payoutDate;
        slot.allocations.push({ useId: use.id, date, amount: take });
        slot.left = slot.left.minus(take);
        rest = rest.minus(take);
      }
      if (slot.left.isZero()) index++;
    }
    unallocated = unallocated.plus(rest);
  }

  return {
    tranches: pool.map(({ tranche, left, allocations }) => {
      const useDeadline = addDays(tranche.payoutDate, horizonDays);
      return {
        id: tranche.id,
        used: tranche.amount.minus(left),
        unused: left,
        useDeadline,
        overdueSpans: overdueSpans(tranche.amount, allocations, useDeadline, asOf),
        allocations,
      };
    }),
    unallocated,
  };
}

/** The unused balance on each day after the deadline, as spans between the allocation dates. */
function overdueSpans(amount: Decimal, allocations: TrancheUse['allocations'], deadline: LocalDate, asOf: LocalDate): UnusedSpan[] {
  const firstOverdueDay = addDays(deadline, 1);
  if (firstOverdueDay > asOf) return [];
  let balance = amount;
  for (const a of allocations) if (a.date < firstOverdueDay) balance = balance.minus(a.amount);
  const spans: UnusedSpan[] = [];
  let from = firstOverdueDay;
  // The day of a use still counts as unused (money leaves at the end of the day); asOf counts too.
  for (const a of allocations.filter((x) => x.date >= firstOverdueDay)) {
    const to = addDays(a.date, 1);
    if (balance.gt(0) && to > from) spans.push({ from, to, amount: balance });
    balance = balance.minus(a.amount);
    from = to > from ? to : from;
  }
  const end = addDays(asOf, 1);
  if (balance.gt(0) && end > from) spans.push({ from, to: end, amount: balance });
  return spans;
}
