import { type Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { formatMoney, sumMoney, ZERO } from '../common/money/money.js';
import { FundingSourceKind } from './budget.enums.js';
import { BudgetErrors } from './budget.errors.js';

/** The content of one revision of a financing plan, with cost categories by code. */
export interface PlanContent {
  lines: { costCategory: string; fiscalYear: number; planned: Decimal }[];
  instalments: { fiscalYear: number; amount: Decimal }[];
  fundingSources: { kind: FundingSourceKind; fiscalYear: number; amount: Decimal }[];
}

/** What a plan is checked against: the project's grant terms and the programme's categories. */
export interface PlanTerms {
  approvalStart: LocalDate;
  approvalEnd: LocalDate;
  approvedTotal: Decimal;
  categoryCodes: ReadonlySet<string>;
}

/**
 * The invariants every revision of a plan must hold (docs/domain.md#grant-law-rules, Jährlichkeitsprinzip): each
 * amount ≥ 0 in a known category and a fiscal year of the approval period, each key once; the
 * instalments add up to the approved total; the federal grant of each year is that year's
 * instalment; the plan balances (lines = funding sources). Throws the first violation, naming its field.
 */
export function checkPlan(plan: PlanContent, terms: PlanTerms): void {
  const first = fiscalYearOf(terms.approvalStart);
  const last = fiscalYearOf(terms.approvalEnd);
  const checkYear = (field: string, year: number) => {
    if (year < first || year > last) throw BudgetErrors.yearOutsidePeriod(`${field}.fiscalYear`, year, first, last);
  };
  const checkAmount = (field: string, amount: Decimal) => {
    if (amount.isNegative()) throw BudgetErrors.negativeAmount(field);
  };

  const lineKeys = new Set<string>();
  plan.lines.forEach((line, i) => {
    const field = `lines.${i}`;
    if (!terms.categoryCodes.has(line.costCategory)) throw BudgetErrors.unknownCategory(`${field}.costCategory`, line.costCategory);
    checkYear(field, line.fiscalYear);
    checkAmount(`${field}.planned`, line.planned);
    const key = `${line.costCategory}|${line.fiscalYear}`;
    if (lineKeys.has(key)) throw BudgetErrors.duplicate(field, `The line ${line.costCategory} ${line.fiscalYear}`);
    lineKeys.add(key);
  });

  const instalmentByYear = new Map<number, Decimal>();
  plan.instalments.forEach((instalment, i) => {
    const field = `instalments.${i}`;
    checkYear(field, instalment.fiscalYear);
    checkAmount(`${field}.amount`, instalment.amount);
    if (instalmentByYear.has(instalment.fiscalYear)) throw BudgetErrors.duplicate(field, `The instalment for ${instalment.fiscalYear}`);
    instalmentByYear.set(instalment.fiscalYear, instalment.amount);
  });

  const grantByYear = new Map<number, Decimal>();
  const sourceKeys = new Set<string>();
  plan.fundingSources.forEach((source, i) => {
    const field = `fundingSources.${i}`;
    checkYear(field, source.fiscalYear);
    checkAmount(`${field}.amount`, source.amount);
    const key = `${source.kind}|${source.fiscalYear}`;
    if (sourceKeys.has(key)) throw BudgetErrors.duplicate(field, `The funding source ${source.kind} ${source.fiscalYear}`);
    sourceKeys.add(key);
    if (source.kind === FundingSourceKind.FEDERAL_GRANT) grantByYear.set(source.fiscalYear, source.amount);
  });

  const instalmentSum = sumMoney(instalmentByYear.values());
  if (!instalmentSum.eq(terms.approvedTotal)) throw BudgetErrors.instalmentsDoNotAddUp(instalmentSum, terms.approvedTotal);

  for (const year of new Set([...instalmentByYear.keys(), ...grantByYear.keys()])) {
    const grant = grantByYear.get(year) ?? ZERO;
    const instalment = instalmentByYear.get(year) ?? ZERO;
    if (!grant.eq(instalment)) throw BudgetErrors.grantDiffersFromInstalment(year, grant, instalment);
  }

  const lineSum = sumMoney(plan.lines.map((l) => l.planned));
  const sourceSum = sumMoney(plan.fundingSources.map((s) => s.amount));
  if (!lineSum.eq(sourceSum)) throw BudgetErrors.planDoesNotBalance(lineSum, sourceSum);
}

/** A canonical text of a plan's content, to tell whether a revision changes anything. */
export function planFingerprint(plan: PlanContent): string {
  const nonZero = <T extends { fiscalYear: number }>(rows: T[], amount: (r: T) => Decimal, key: (r: T) => string) =>
    rows
      .filter((r) => !amount(r).isZero())
      .map((r) => `${key(r)}=${formatMoney(amount(r))}`)
      .sort();
  return JSON.stringify([
    nonZero(
      plan.lines,
      (l) => l.planned,
      (l) => `${l.costCategory}|${l.fiscalYear}`,
    ),
    nonZero(
      plan.instalments,
      (i) => i.amount,
      (i) => `${i.fiscalYear}`,
    ),
    nonZero(
      plan.fundingSources,
      (s) => s.amount,
      (s) => `${s.kind}|${s.fiscalYear}`,
    ),
  ]);
}
