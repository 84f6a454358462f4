import { type Decimal } from 'decimal.js';

import { fiscalYearOf } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { addInto, type Amounts, type CategoryRef, figures, type Figures, zeroAmounts } from './figures.js';
import { overrunStatuses, worstStatus } from './overrun-rule.js';
import { isExempt, type ProjectSummary, summarize, type SummaryTerms } from './project-summary.js';

export type { CategoryRef, Figures } from './figures.js';

/** Everything the overview of one project is computed from (the plan in force and the maintained totals). */
export interface OverviewInput extends SummaryTerms {
  categories: readonly CategoryRef[];
  lines: readonly { costCategoryId: string; fiscalYear: number; planned: Decimal }[];
  instalments: readonly { fiscalYear: number; amount: Decimal }[];
  totals: readonly { costCategoryId: string; fiscalYear: number; drawn: Decimal; spent: Decimal; committed: Decimal }[];
}

export interface YearOverview {
  fiscalYear: number;
  instalment: Decimal;
  lines: Figures[];
  total: Figures;
}

export interface Overview extends ProjectSummary {
  years: YearOverview[];
  categories: Figures[];
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
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { ...zeroAmounts(), fiscalYear, costCategoryId }));
    addInto(cell, delta);
  };
  for (const line of input.lines) addToCell(line.costCategoryId, line.fiscalYear, { planned: line.planned });
  for (const total of input.totals) addToCell(total.costCategoryId, total.fiscalYear, total);

  const exempt = isExempt(input);
  const percent = input.lineOverrunPercent;
  const categoryOf = (id: string): CategoryRef =>
    categoryById.get(id) ?? { id, code: '?', name: 'Unknown category', sortOrder: Number.MAX_SAFE_INTEGER };
  const byCategoryOrder = (a: { costCategoryId: string }, b: { costCategoryId: string }) =>
    categoryOf(a.costCategoryId).sortOrder - categoryOf(b.costCategoryId).sortOrder || a.costCategoryId.localeCompare(b.costCategoryId);

  const instalmentByYear = new Map(input.instalments.map((i) => [i.fiscalYear, i.amount]));
  const yearSet = new Set<number>([...instalmentByYear.keys(), ...[...cells.values()].map((c) => c.fiscalYear)]);
  for (let year = fiscalYearOf(input.approvalStart); year <= fiscalYearOf(input.approvalEnd); year++) yearSet.add(year);
  const years = [...yearSet].sort((a, b) => a - b);

  const perCategory = new Map<string, Amounts>();
  const projectAmounts = zeroAmounts();
  const yearViews: YearOverview[] = years.map((fiscalYear) => {
    const yearCells = [...cells.values()].filter((c) => c.fiscalYear === fiscalYear).sort(byCategoryOrder);
    const statuses = overrunStatuses(
      yearCells.map((c) => ({ planned: c.planned, actual: c.spent })),
      percent,
      exempt,
    );
    const yearAmounts = zeroAmounts();
    const lines = yearCells.map((c, i) => {
      addInto(yearAmounts, c);
      let category = perCategory.get(c.costCategoryId);
      if (!category) perCategory.set(c.costCategoryId, (category = zeroAmounts()));
      addInto(category, c);
      return figures(c, fiscalYear, categoryOf(c.costCategoryId), statuses[i]);
    });
    addInto(projectAmounts, yearAmounts);
    return {
      fiscalYear,
      instalment: instalmentByYear.get(fiscalYear) ?? ZERO,
      lines,
      total: figures(yearAmounts, fiscalYear, null, worstStatus(statuses)),
    };
  });

  const categoryCells = [...perCategory.entries()]
    .map(([costCategoryId, amounts]) => ({ costCategoryId, ...amounts }))
    .sort(byCategoryOrder);
  const categoryStatuses = overrunStatuses(
    categoryCells.map((c) => ({ planned: c.planned, actual: c.spent })),
    percent,
    exempt,
  );
  const categories = categoryCells.map((c, i) => figures(c, null, categoryOf(c.costCategoryId), categoryStatuses[i]));

  const asOfYear = fiscalYearOf(input.asOf);
  const thisYear = yearViews.find((y) => y.fiscalYear === asOfYear);
  const summary = summarize(input, {
    total: projectAmounts,
    groupStatuses: [...categoryStatuses, ...yearViews.map((y) => y.total.status)],
    thisYear: thisYear && { instalment: thisYear.instalment, drawn: thisYear.total.drawn, spent: thisYear.total.spent },
  });
  return { years: yearViews, categories, ...summary };
}

/** The sum of several figures (e.g. projects of a programme), with the most severe of their statuses. */
export function sumFigures(rows: readonly Figures[]): Figures {
  const amounts = zeroAmounts();
  for (const row of rows) addInto(amounts, row);
  return figures(amounts, null, null, worstStatus(rows.map((r) => r.status)));
}
