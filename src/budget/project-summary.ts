import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { OverrunStatus } from './budget.enums.js';
import { burnRate, type BurnRate, forecast, type Forecast, lapsingRisk, type LapsingRisk, periodClock } from './burn-rate.js';
import { addInto, type Amounts, figures, type Figures, zeroAmounts } from './figures.js';
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
  categoryStatuses: readonly OverrunStatus[];
  yearStatuses: readonly OverrunStatus[];
  /** The fiscal year of `asOf`, when the plan or the totals have it. */
  thisYear?: { instalment: Decimal; drawn: Decimal; spent: Decimal };
}

export const isExempt = (terms: SummaryTerms) => terms.financingType === FinancingType.FIXED_AMOUNT;

/** Project status, burn rate, forecast and lapsing risk from the project's totals and its group statuses. */
export function summarize(terms: SummaryTerms, parts: SummaryParts): ProjectSummary {
  const { total } = parts;
  // The plan total is binding (ANBest-P 1.2): spending beyond it always needs a revision.
  const totalOverrun = !isExempt(terms) && total.spent.gt(total.planned);
  const status = worstStatus([...(totalOverrun ? [OverrunStatus.NEEDS_REVISION] : []), ...parts.categoryStatuses, ...parts.yearStatuses]);
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
 * What the database aggregates for the programme view: sums per fiscal year (with the savings of
 * the year's cells under plan), sums per category, and only the cells over plan. The overrun rule
 * needs nothing else: within a group, the cells under plan count only through their savings.
 */
export interface AggregatedProject extends SummaryTerms {
  years: readonly (Amounts & { fiscalYear: number; savings: Decimal })[];
  categories: readonly Amounts[];
  overruns: readonly { fiscalYear: number; planned: Decimal; spent: Decimal }[];
  instalmentThisYear: Decimal;
}

/** The same summary as `computeOverview` gives, from aggregated rows (programme view: no per-cell rows). */
export function summarizeAggregated(input: AggregatedProject): ProjectSummary {
  const exempt = isExempt(input);
  const total = zeroAmounts();
  const yearStatuses = input.years.map((year) => {
    addInto(total, year);
    const overrunCells = input.overruns.filter((c) => c.fiscalYear === year.fiscalYear).map((c) => ({ planned: c.planned, actual: c.spent }));
    // One stand-in line for all cells under plan: it contributes exactly their savings and is itself OK.
    return worstStatus(overrunStatuses([...overrunCells, { planned: year.savings, actual: ZERO }], input.lineOverrunPercent, exempt));
  });
  const categoryStatuses = overrunStatuses(input.categories.map((c) => ({ planned: c.planned, actual: c.spent })), input.lineOverrunPercent, exempt);
  const clockYear = Number(input.asOf.slice(0, 4));
  const year = input.years.find((y) => y.fiscalYear === clockYear);
  return summarize(input, {
    total,
    categoryStatuses,
    yearStatuses,
    thisYear: { instalment: input.instalmentThisYear, drawn: year?.drawn ?? ZERO, spent: year?.spent ?? ZERO },
  });
}
