import { Decimal } from 'decimal.js';

import { ZERO } from '../common/money/money.js';
import { OverrunStatus } from './budget.enums.js';

/**
 * The one statement of the percent half of ANBest-P Nr. 1.2 (docs/domain.md#line-overrun-anbest-p-12),
 * used by the ledger (the most a booking may bring a line to), the budget overview and the proof:
 * the highest amount in cents whose overrun is at most `percent` of the plan. The allowance is
 * never rounded up — 100.03 at 20 % allows 120.03 (120.036 exactly), not 120.04. Fixed-amount
 * financing (Festbetrag) is exempt from the rule (the caller decides what "exempt" means for it).
 */
export function overrunCeiling(planned: Decimal, percent: Decimal): Decimal {
  return planned.times(percent.plus(100)).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_DOWN);
}

/** Whether `actual` (in cents) stays within the percent allowance of `planned`; see overrunCeiling. */
export function withinOverrunPercent(planned: Decimal, actual: Decimal, percent: Decimal): boolean {
  return actual.lte(overrunCeiling(planned, percent));
}

export interface PlanVersusActual {
  planned: Decimal;
  actual: Decimal;
}

/**
 * ANBest-P Nr. 1.2 over a group of sibling lines (the cost categories of one fiscal year, or of the
 * whole period): a line over plan is tolerated when its overrun is at most `percent` of its plan
 * and all overruns of the group are covered by savings on the other lines; otherwise it needs a
 * revision. Fixed-amount financing (Festbetrag) is exempt. The percent test is
 * overrunCeiling's, shared with the ledger and the proof.
 */
export function overrunStatuses(lines: readonly PlanVersusActual[], percent: Decimal, exempt: boolean): OverrunStatus[] {
  if (exempt) return lines.map(() => OverrunStatus.OK);
  let overruns = ZERO;
  let savings = ZERO;
  for (const { planned, actual } of lines) {
    if (actual.gt(planned)) overruns = overruns.plus(actual.minus(planned));
    else savings = savings.plus(planned.minus(actual));
  }
  const covered = overruns.lte(savings);
  return lines.map(({ planned, actual }) => {
    if (actual.lte(planned)) return OverrunStatus.OK;
    return covered && withinOverrunPercent(planned, actual, percent) ? OverrunStatus.WITHIN_TOLERANCE : OverrunStatus.NEEDS_REVISION;
  });
}

const SEVERITY = [OverrunStatus.OK, OverrunStatus.WITHIN_TOLERANCE, OverrunStatus.NEEDS_REVISION];

/** The most severe of several statuses (OK for none). */
export function worstStatus(statuses: Iterable<OverrunStatus>): OverrunStatus {
  let worst = 0;
  for (const status of statuses) worst = Math.max(worst, SEVERITY.indexOf(status));
  return SEVERITY[worst];
}
