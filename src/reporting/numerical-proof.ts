import { Decimal } from 'decimal.js';

import { overrunStatuses, withinOverrunPercent } from '../budget/overrun-rule.js';
import { figures, zeroAmounts } from '../budget/figures.js';
import { OverrunStatus } from '../budget/budget.enums.js';
import { roundToCents, ZERO } from '../common/money/money.js';
import { FundingSourceKind } from '../budget/budget.enums.js';
import type { LocalDate } from '../common/dates/local-date.js';
import type { DrawdownRow, FinancingRow, PlanVsActualRow, ProofResult } from './proof-data.js';

export interface CategoryAmounts {
  costCategoryId: string;
  code: string;
  name: string;
  sortOrder: number;
  planned: Decimal;
  actual: Decimal;
  explanation?: string | null;
}

/**
 * Soll-Ist-Vergleich: per cost category plan against eligible spending, with the deviation and the
 * overrun rule applied to the categories of the proof as one group (the budget module's rule).
 */
export function planVsActual(rows: readonly CategoryAmounts[], percent: Decimal, exempt: boolean): PlanVsActualRow[] {
  const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const statuses = overrunStatuses(
    sorted.map((r) => ({ planned: r.planned, actual: r.actual })),
    percent,
    exempt,
  );
  return sorted.map((r, i) => {
    const f = figures({ ...zeroAmounts(), planned: r.planned, spent: r.actual }, null, null, statuses[i]);
    return {
      costCategoryId: r.costCategoryId,
      code: r.code,
      name: r.name,
      planned: r.planned,
      actual: r.actual,
      deviation: f.deviation,
      deviationPercent: f.deviationPercent,
      // spending without a plan is always over (its ceiling is 0)
      overPercent: !withinOverrunPercent(r.planned, r.actual, percent),
      underPercent: f.deviation.lt(0) && f.deviation.neg().times(100).gt(r.planned.times(percent)),
      needsRevision: statuses[i] === OverrunStatus.NEEDS_REVISION,
      explanation: r.explanation ?? null,
    };
  });
}

/**
 * The result of the proof: the grant's share of the eligible spending against what was paid out,
 * with the reconciliation that derives it from the Mittelabrufe table. The share is a rule
 * computing a part of an amount (funding rate), so it is rounded to cents here.
 */
export function proofResult(
  eligibleSpending: Decimal,
  fundingRate: Decimal,
  approvedTotal: Decimal,
  drawdowns: readonly DrawdownRow[],
): ProofResult {
  const grantShare = Decimal.min(roundToCents(eligibleSpending.times(fundingRate).dividedBy(100)), approvedTotal);
  const total = (pick: (d: DrawdownRow) => Decimal | null) => drawdowns.reduce((sum, d) => sum.plus(pick(d) ?? ZERO), ZERO);
  const received = total((d) => d.amount);
  const usedForEarlier = total((d) => d.usedForEarlier);
  const usedForLater = total((d) => d.usedForLater);
  const usedInPeriod = total((d) => d.used)
    .minus(usedForEarlier)
    .minus(usedForLater);
  return {
    eligibleSpending,
    grantShare,
    received,
    overpayment: received.minus(grantShare),
    interestOwed: total((d) => d.interestOwed),
    reconciliation: {
      balance: total((d) => d.balance),
      repaid: total((d) => d.repaid),
      usedForEarlier,
      usedForLater,
      coveredOtherwise: eligibleSpending.minus(usedInPeriod),
      ownShare: eligibleSpending.minus(grantShare),
    },
  };
}

/** A paid drawdown of the proof's years, before its FIFO use is known. */
export interface PaidDrawdown {
  id: string;
  fiscalYear: number;
  number: number;
  kind: string;
  date: LocalDate;
  /** Positive for a tranche, negative for a repayment or reclaim. */
  amount: Decimal;
}

/** The FIFO use of one tranche (tranches/tranche-use.ts). */
export interface TrancheUseOf {
  unused: Decimal;
  interestOwed: Decimal;
  allocations: readonly { useId: string; amount: Decimal }[];
}

/**
 * The Mittelabrufe table: each tranche split into what spending used (and of that, spending
 * before or after the period: the FIFO use crosses years), what repayments took back, and the
 * balance left; each repayment with its own amount. Spending uses are named `E<payment day>`,
 * repayments `R…` (tranche-use.ts).
 */
export function drawdownRows(
  drawdowns: readonly PaidDrawdown[],
  uses: ReadonlyMap<string, TrancheUseOf>,
  period: { from: LocalDate; to: LocalDate },
): DrawdownRow[] {
  return drawdowns.map((d) => {
    if (d.kind !== 'TRANCHE')
      return { ...d, used: null, usedForEarlier: null, usedForLater: null, repaid: d.amount, balance: null, interestOwed: null };
    const use = uses.get(d.id);
    let used = ZERO;
    let earlier = ZERO;
    let later = ZERO;
    let repaid = ZERO;
    for (const a of use?.allocations ?? []) {
      if (!a.useId.startsWith('E')) {
        repaid = repaid.plus(a.amount);
        continue;
      }
      used = used.plus(a.amount);
      const day = a.useId.slice(1);
      if (day < period.from) earlier = earlier.plus(a.amount);
      else if (day > period.to) later = later.plus(a.amount);
    }
    return {
      ...d,
      used,
      usedForEarlier: earlier,
      usedForLater: later,
      repaid,
      balance: use?.unused ?? d.amount,
      interestOwed: use?.interestOwed ?? ZERO,
    };
  });
}

/**
 * Finanzierung (Einnahmen), plan against actual cover, one row per kind in enum order, with the
 * deviation. The actuals come from what the tracker records:
 * - federal grant: the payouts received, net of repayments and reclaims (the drawdowns);
 * - third-party funds and income: the income ledger's bookings of the proof's years up to the
 *   as-of date (`income`, net of reversals);
 * - own funds: the booked own funds, or, when more, the eligible spending the other kinds did not
 *   cover (never below zero), i.e. what the grantee paid from its own means. The actual cover then
 *   equals the eligible spending, or exceeds it by exactly the overpayment.
 */
export function financingRows(
  planned: ReadonlyMap<FundingSourceKind, Decimal>,
  result: ProofResult,
  income: ReadonlyMap<FundingSourceKind, Decimal> = new Map(),
): FinancingRow[] {
  const recorded: Record<FundingSourceKind, Decimal | null> = {
    [FundingSourceKind.FEDERAL_GRANT]: result.received,
    [FundingSourceKind.THIRD_PARTY_FUNDS]: income.get(FundingSourceKind.THIRD_PARTY_FUNDS) ?? ZERO,
    [FundingSourceKind.INCOME]: income.get(FundingSourceKind.INCOME) ?? ZERO,
    [FundingSourceKind.OWN_FUNDS]: null,
  };
  const covered = Object.values(recorded).reduce<Decimal>((sum, v) => sum.plus(v ?? ZERO), ZERO);
  const ownFunds = Decimal.max(income.get(FundingSourceKind.OWN_FUNDS) ?? ZERO, result.eligibleSpending.minus(covered));
  return Object.values(FundingSourceKind).map((kind) => {
    const plan = planned.get(kind) ?? ZERO;
    const actual = recorded[kind] ?? ownFunds;
    return { kind, planned: plan, actual, deviation: actual.minus(plan) };
  });
}
