import { Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { OverrunStatus } from './budget.enums.js';
import { burnRate, type BurnRate, forecast, type Forecast, lapsingRisk, type LapsingRisk, periodClock } from './burn-rate.js';
import { overrunStatuses, worstStatus } from './overrun-rule.js';

export interface CategoryRef {
  id: string;
  code: string;
  name: string;
  sortOrder: number;
}

/** Everything the overview of one project is computed from (the plan in force and the maintained totals). */
export interface OverviewInput {
  asOf: LocalDate;
  approvalStart: LocalDate;
  approvalEnd: LocalDate;
  financingType: FinancingType;
  lineOverrunPercent: Decimal;
  categories: readonly CategoryRef[];
  lines: readonly { costCategoryId: string; fiscalYear: number; planned: Decimal }[];
  instalments: readonly { fiscalYear: number; amount: Decimal }[];
  totals: readonly { costCategoryId: string; fiscalYear: number; drawn: Decimal; spent: Decimal; committed: Decimal }[];
}

/** The figures of one cell, row or total of the overview. `actual` for the overrun rule is `spent`. */
export interface Figures {
  fiscalYear: number | null;
  costCategory: CategoryRef | null;
  planned: Decimal;
  drawn: Decimal;
  spent: Decimal;
  committed: Decimal;
  /** planned − spent − committed: what the plan still leaves free. */
  available: Decimal;
  /** spent − planned: positive is an overrun. */
  deviation: Decimal;
  /** deviation in percent of planned (two decimals, half up); null where nothing is planned. */
  deviationPercent: Decimal | null;
  status: OverrunStatus;
}

export interface YearOverview {
  fiscalYear: number;
  instalment: Decimal;
  lines: Figures[];
  total: Figures;
}

export interface Overview {
  years: YearOverview[];
  categories: Figures[];
  total: Figures;
  status: OverrunStatus;
  burnRate: BurnRate;
  forecast: Forecast;
  lapsing: LapsingRisk;
}

interface Amounts {
  planned: Decimal;
  drawn: Decimal;
  spent: Decimal;
  committed: Decimal;
}

const zeroAmounts = (): Amounts => ({ planned: ZERO, drawn: ZERO, spent: ZERO, committed: ZERO });

function add(a: Amounts, b: Partial<Amounts>): Amounts {
  return {
    planned: b.planned ? a.planned.plus(b.planned) : a.planned,
    drawn: b.drawn ? a.drawn.plus(b.drawn) : a.drawn,
    spent: b.spent ? a.spent.plus(b.spent) : a.spent,
    committed: b.committed ? a.committed.plus(b.committed) : a.committed,
  };
}

function figures(amounts: Amounts, fiscalYear: number | null, costCategory: CategoryRef | null, status: OverrunStatus): Figures {
  const deviation = amounts.spent.minus(amounts.planned);
  return {
    fiscalYear,
    costCategory,
    ...amounts,
    available: amounts.planned.minus(amounts.spent).minus(amounts.committed),
    deviation,
    // A percentage for display, rounded half up to two decimals; money figures stay exact.
    deviationPercent: amounts.planned.isZero() ? null : deviation.times(100).dividedBy(amounts.planned).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
    status,
  };
}

/**
 * The budget overview of one project: per fiscal year and cost category, per category over the
 * period, per year and in total, with the overrun rule, burn rate, forecast and lapsing risk.
 * Every cell that has a plan line or a maintained total appears, so the sums of the rows equal the
 * sums of the inputs exactly. Pure: the caller loads the inputs and pins the date.
 */
export function computeOverview(input: OverviewInput): Overview {
  const categoryById = new Map(input.categories.map((c) => [c.id, c]));
  const cells = new Map<string, Amounts & { fiscalYear: number; costCategoryId: string }>();
  const addToCell = (costCategoryId: string, fiscalYear: number, delta: Partial<Amounts>) => {
    const key = `${fiscalYear}|${costCategoryId}`;
    cells.set(key, { ...add(cells.get(key) ?? zeroAmounts(), delta), fiscalYear, costCategoryId });
  };
  for (const line of input.lines) addToCell(line.costCategoryId, line.fiscalYear, { planned: line.planned });
  for (const total of input.totals) addToCell(total.costCategoryId, total.fiscalYear, total);

  const exempt = input.financingType === FinancingType.FIXED_AMOUNT;
  const percent = input.lineOverrunPercent;
  const categoryOf = (id: string): CategoryRef => categoryById.get(id) ?? { id, code: '?', name: 'Unknown category', sortOrder: Number.MAX_SAFE_INTEGER };
  const byCategoryOrder = (a: { costCategoryId: string }, b: { costCategoryId: string }) =>
    categoryOf(a.costCategoryId).sortOrder - categoryOf(b.costCategoryId).sortOrder || a.costCategoryId.localeCompare(b.costCategoryId);

  const instalmentByYear = new Map(input.instalments.map((i) => [i.fiscalYear, i.amount]));
  const yearSet = new Set<number>([...instalmentByYear.keys(), ...[...cells.values()].map((c) => c.fiscalYear)]);
  for (let year = fiscalYearOf(input.approvalStart); year <= fiscalYearOf(input.approvalEnd); year++) yearSet.add(year);
  const years = [...yearSet].sort((a, b) => a - b);

  const perCategory = new Map<string, Amounts>();
  let projectAmounts = zeroAmounts();
  const yearViews: YearOverview[] = years.map((fiscalYear) => {
    const yearCells = [...cells.values()].filter((c) => c.fiscalYear === fiscalYear).sort(byCategoryOrder);
    const statuses = overrunStatuses(yearCells.map((c) => ({ planned: c.planned, actual: c.spent })), percent, exempt);
    let yearAmounts = zeroAmounts();
    const lines = yearCells.map((c, i) => {
      yearAmounts = add(yearAmounts, c);
      perCategory.set(c.costCategoryId, add(perCategory.get(c.costCategoryId) ?? zeroAmounts(), c));
      return figures(c, fiscalYear, categoryOf(c.costCategoryId), statuses[i]);
    });
    projectAmounts = add(projectAmounts, yearAmounts);
    return { fiscalYear, instalment: instalmentByYear.get(fiscalYear) ?? ZERO, lines, total: figures(yearAmounts, fiscalYear, null, worstStatus(statuses)) };
  });

  const categoryCells = [...perCategory.entries()].map(([costCategoryId, amounts]) => ({ costCategoryId, ...amounts })).sort(byCategoryOrder);
  const categoryStatuses = overrunStatuses(categoryCells.map((c) => ({ planned: c.planned, actual: c.spent })), percent, exempt);
  const categories = categoryCells.map((c, i) => figures(c, null, categoryOf(c.costCategoryId), categoryStatuses[i]));

  // The plan total is binding (ANBest-P 1.2): spending beyond it always needs a revision.
  const totalOverrun = !exempt && projectAmounts.spent.gt(projectAmounts.planned);
  const status = worstStatus([...(totalOverrun ? [OverrunStatus.NEEDS_REVISION] : []), ...categoryStatuses, ...yearViews.map((y) => y.total.status)]);

  const clock = periodClock(input.approvalStart, input.approvalEnd, input.asOf);
  const thisYear = yearViews.find((y) => y.fiscalYear === clock.fiscalYear);
  const spentThisYear = thisYear?.total.spent ?? ZERO;
  return {
    years: yearViews,
    categories,
    total: figures(projectAmounts, null, null, status),
    status,
    burnRate: burnRate(clock, projectAmounts.spent, spentThisYear),
    forecast: forecast(clock, projectAmounts.planned, projectAmounts.spent, spentThisYear),
    lapsing: lapsingRisk(clock, thisYear?.instalment ?? ZERO, thisYear?.total.drawn ?? ZERO, spentThisYear),
  };
}

/** The sum of several figures (e.g. projects of a programme), with the most severe of their statuses. */
export function sumFigures(rows: readonly Figures[]): Figures {
  let amounts = zeroAmounts();
  for (const row of rows) amounts = add(amounts, row);
  return figures(amounts, null, null, worstStatus(rows.map((r) => r.status)));
}
