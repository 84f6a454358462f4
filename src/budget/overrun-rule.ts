import { Decimal } from 'decimal.js';

import { ZERO } from '../common/money/money.js';
import { OverrunStatus } from './budget.enums.js';

export interface PlanVersusActual {
  planned: Decimal;
  actual: Decimal;
}

/**
 * ANBest-P Nr. 1.2 over a group of sibling lines (the cost categories of one fiscal year, or of the
 * whole period): a line over plan is tolerated when its overrun is at most `percent` of its plan
 * and all overruns of the group are covered by savings on the other lines; otherwise it needs a
 * revision. Fixed-amount financing (Festbetrag) is exempt. Compared exactly, without rounding.
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
    // overrun ≤ planned × percent / 100, compared without dividing
    const withinPercent = actual.minus(planned).times(100).lte(planned.times(percent));
    return covered && withinPercent ? OverrunStatus.WITHIN_TOLERANCE : OverrunStatus.NEEDS_REVISION;
  });
}

const SEVERITY = [OverrunStatus.OK, OverrunStatus.WITHIN_TOLERANCE, OverrunStatus.NEEDS_REVISION];

/** The most severe of several statuses (OK for none). */
export function worstStatus(statuses: Iterable<OverrunStatus>): OverrunStatus {
  let worst = 0;
  for (const status of statuses) worst = Math.max(worst, SEVERITY.indexOf(status));
  return SEVERITY[worst];
}
