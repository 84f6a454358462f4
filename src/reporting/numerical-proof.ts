import { Decimal } from 'decimal.js';

import { overrunStatuses, withinOverrunPercent } from '../budget/overrun-rule.js';
import { figures, zeroAmounts } from '../budget/figures.js';
import { OverrunStatus } from '../budget/budget.enums.js';
import { roundToCents, ZERO } from '../common/money/money.js';
import { FundingSourceKind } from '../budget/budget.enums.js';
import type { DrawdownRow, FinancingRow, PlanVsActualRow, ProofResult } from './proof-data.js';

export interface CategoryAmounts {
  costCategoryId: string;
  code: string;
  name: string;
  sortOrder: number;
  planned: Decimal;
  actual: Decimal;
}

/**
 * Soll-Ist-Vergleich: per cost category plan against eligible spending, with the deviation and the
 * overrun rule applied to the categories of the proof as one group (the budget module's rule).
 */
export function planVsActual(rows: readonly CategoryAmounts[], percent: Decimal, exempt: boolean): PlanVsActualRow[] {
  const sorted = [...rows].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const statuses = overrunStatuses(sorted.map((r) => ({ planned: r.planned, actual: r.actual })), percent, exempt);
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
      needsRevision: statuses[i] === OverrunStatus.NEEDS_REVISION,
    };
  });
}

/**
 * The result of the proof: the grant's share of the eligible spending against what was paid out.
 * The share is a rule computing a part of an amount (funding rate), so it is rounded to cents here.
 */
export function proofResult(eligibleSpending: Decimal, fundingRate: Decimal, approvedTotal: Decimal, drawdowns: readonly DrawdownRow[]): ProofResult {
  const grantShare = Decimal.min(roundToCents(eligibleSpending.times(fundingRate).dividedBy(100)), approvedTotal);
  const received = drawdowns.reduce((sum, d) => sum.plus(d.amount), ZERO);
  const interestOwed = drawdowns.reduce((sum, d) => sum.plus(d.interestOwed ?? ZERO), ZERO);
  return { eligibleSpending, grantShare, received, overpayment: received.minus(grantShare), interestOwed };
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
export function financingRows(planned: ReadonlyMap<FundingSourceKind, Decimal>, result: ProofResult, income: ReadonlyMap<FundingSourceKind, Decimal> = new Map()): FinancingRow[] {
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
