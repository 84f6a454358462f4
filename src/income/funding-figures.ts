import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../budget/budget.enums.js';
import { ZERO } from '../common/money/money.js';

/** Every kind of cover in the order of the form: Zuwendung, Eigenmittel, Drittmittel, Einnahmen. */
export const SOURCE_ORDER: readonly FundingSourceKind[] = [
  FundingSourceKind.FEDERAL_GRANT,
  FundingSourceKind.OWN_FUNDS,
  FundingSourceKind.THIRD_PARTY_FUNDS,
  FundingSourceKind.INCOME,
];

export interface SourceAmount {
  fiscalYear: number;
  kind: FundingSourceKind;
  amount: Decimal;
}

export interface FundingFigures {
  fiscalYear: number | null;
  kind: FundingSourceKind;
  planned: Decimal;
  actual: Decimal;
  deviation: Decimal;
  deviationPercent: Decimal | null;
}

export interface FundingOverview {
  years: { fiscalYear: number; sources: FundingFigures[] }[];
  sources: FundingFigures[];
}

export function fundingFigures(fiscalYear: number | null, kind: FundingSourceKind, planned: Decimal, actual: Decimal): FundingFigures {
  const deviation = actual.minus(planned);
  return {
    fiscalYear,
    kind,
    planned,
    actual,
    deviation,
    // A percentage for display, rounded half up to two decimals; the money stays exact.
    deviationPercent: planned.isZero() ? null : deviation.times(100).dividedBy(planned).toDecimalPlaces(2, Decimal.ROUND_HALF_UP),
  };
}

/**
 * Einnahmen, Soll against Ist: per fiscal year (each year of `years`, and any year with an amount)
 * and per funding source over the whole period, every source in every row, so that the rows add
 * up to the totals exactly. Pure: the caller loads the plan's sources and the actuals.
 */
export function fundingOverview(
  years: readonly number[],
  planned: readonly SourceAmount[],
  actual: readonly SourceAmount[],
): FundingOverview {
  const key = (year: number, kind: FundingSourceKind) => `${year}|${kind}`;
  const add = (map: Map<string, Decimal>, rows: readonly SourceAmount[]) => {
    for (const r of rows) map.set(key(r.fiscalYear, r.kind), (map.get(key(r.fiscalYear, r.kind)) ?? ZERO).plus(r.amount));
  };
  const plannedOf = new Map<string, Decimal>();
  const actualOf = new Map<string, Decimal>();
  add(plannedOf, planned);
  add(actualOf, actual);
  const allYears = [...new Set([...years, ...planned.map((p) => p.fiscalYear), ...actual.map((a) => a.fiscalYear)])].sort((a, b) => a - b);
  const totals = new Map(SOURCE_ORDER.map((kind) => [kind, { planned: ZERO, actual: ZERO }]));
  const yearRows = allYears.map((fiscalYear) => ({
    fiscalYear,
    sources: SOURCE_ORDER.map((kind) => {
      const p = plannedOf.get(key(fiscalYear, kind)) ?? ZERO;
      const a = actualOf.get(key(fiscalYear, kind)) ?? ZERO;
      const total = totals.get(kind)!;
      total.planned = total.planned.plus(p);
      total.actual = total.actual.plus(a);
      return fundingFigures(fiscalYear, kind, p, a);
    }),
  }));
  return {
    years: yearRows,
    sources: SOURCE_ORDER.map((kind) => fundingFigures(null, kind, totals.get(kind)!.planned, totals.get(kind)!.actual)),
  };
}
