import { type Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { OverrunStatus } from './budget.enums.js';
import { burnRate, type BurnRate, forecast, type Forecast, lapsingRisk, type LapsingRisk, periodClock } from './burn-rate.js';
import { type Amounts, figures, type Figures } from './figures.js';
import { overrunStatuses, worstStatus } from './overrun-rule.js';

/** The project terms and the date every overview is computed for. */
export interface SummaryTerms {
  asOf: LocalDate;
  approvalStart: LocalDate;
  approvalEnd: LocalDate;
  financingType: FinancingType;
  lineOverrunPercent: Decimal;
}

/** The project-level figures that the project overview and the programme overview both show. */
export interface ProjectSummary {
  total: Figures;
  status: OverrunStatus;
  burnRate: BurnRate;
  forecast: Forecast;
  lapsing: LapsingRisk;
}

export interface SummaryParts {
  total: Amounts;
  /** Statuses of the overrun rule in each group of sibling lines (each fiscal year; the categories over the period). */
  groupStatuses: readonly OverrunStatus[];
  /** The fiscal year of `asOf`, when the plan or the totals have it. */
  thisYear?: { instalment: Decimal; drawn: Decimal; spent: Decimal };
}

export const isExempt = (terms: SummaryTerms) => terms.financingType === FinancingType.FIXED_AMOUNT;

/** Project status, burn rate, forecast and lapsing risk from the project's totals and its group statuses. */
export function summarize(terms: SummaryTerms, parts: SummaryParts): ProjectSummary {
  const { total } = parts;
  // The plan total is binding (ANBest-P 1.2): spending beyond it always needs a revision.
  const totalOverrun = !isExempt(terms) && total.spent.gt(total.planned);
  const status = worstStatus([...(totalOverrun ? [OverrunStatus.NEEDS_REVISION] : []), ...parts.groupStatuses]);
  const clock = periodClock(terms.approvalStart, terms.approvalEnd, terms.asOf);
  const spentThisYear = parts.thisYear?.spent ?? ZERO;
  return {
    total: figures(total, null, null, status),
    status,
    burnRate: burnRate(clock, total.spent, spentThisYear),
    forecast: forecast(clock, total.planned, total.spent, spentThisYear),
    lapsing: lapsingRisk(clock, parts.thisYear?.instalment ?? ZERO, parts.thisYear?.drawn ?? ZERO, spentThisYear),
  };
}

/**
 * A group of sibling lines (the cells of one fiscal year, or the categories over the period) with
 * at least one line over plan. The overrun rule needs nothing more: the lines under plan count
 * only through the sum of their savings. Groups without an overrun are all OK.
 */
export interface OverrunGroup {
  savings: Decimal;
  overruns: readonly { planned: Decimal; spent: Decimal }[];
}

/** What the database aggregates for the programme view, per project. */
export interface AggregatedProject extends SummaryTerms {
  total: Amounts;
  thisYear: { instalment: Decimal; drawn: Decimal; spent: Decimal };
  overrunGroups: readonly OverrunGroup[];
}

/** The same summary as `computeOverview` gives, from aggregates (programme view: no per-cell rows). */
export function summarizeAggregated(input: AggregatedProject): ProjectSummary {
  const exempt = isExempt(input);
  const groupStatuses = input.overrunGroups.map((group) => {
    const lines = group.overruns.map((c) => ({ planned: c.planned, actual: c.spent }));
    // One stand-in line for all lines under plan: it contributes exactly their savings and is itself OK.
    return worstStatus(overrunStatuses([...lines, { planned: group.savings, actual: ZERO }], input.lineOverrunPercent, exempt));
  });
  return summarize(input, { total: input.total, groupStatuses, thisYear: input.thisYear });
}
