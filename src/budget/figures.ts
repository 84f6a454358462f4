import { Decimal } from 'decimal.js';

import { ZERO } from '../common/money/money.js';
import { type OverrunStatus } from './budget.enums.js';

export interface CategoryRef {
  id: string;
  code: string;
  name: string;
  sortOrder: number;
}

export interface Amounts {
  planned: Decimal;
  drawn: Decimal;
  spent: Decimal;
  committed: Decimal;
}

/** The figures of one cell, row or total of the overview. `actual` for the overrun rule is `spent`. */
export interface Figures extends Amounts {
  fiscalYear: number | null;
  costCategory: CategoryRef | null;
  /** planned − spent − committed: what the plan still leaves free. */
  available: Decimal;
  /** spent − planned: positive is an overrun. */
  deviation: Decimal;
  /** deviation in percent of planned (two decimals, half up); null where nothing is planned. */
  deviationPercent: Decimal | null;
  status: OverrunStatus;
}

export const zeroAmounts = (): Amounts => ({ planned: ZERO, drawn: ZERO, spent: ZERO, committed: ZERO });

/** Adds `b` into the accumulator `into` (mutating it, to spare allocations on large programmes). */
export function addInto(into: Amounts, b: Partial<Amounts>): Amounts {
  if (b.planned) into.planned = sum(into.planned, b.planned);
  if (b.drawn) into.drawn = sum(into.drawn, b.drawn);
  if (b.spent) into.spent = sum(into.spent, b.spent);
  if (b.committed) into.committed = sum(into.committed, b.committed);
  return into;
}

/**
 * a + b, without arithmetic when either is zero: an overview adds every cell into its year, its
 * category and the project, and most cells start from zero or add a zero (nothing drawn or
 * committed yet). A Decimal is immutable, so handing back the other operand is safe.
 */
function sum(a: Decimal, b: Decimal): Decimal {
  return b.isZero() ? a : a.isZero() ? b : a.plus(b);
}

/** a − b, without arithmetic when b is zero (see sum). */
function less(a: Decimal, b: Decimal): Decimal {
  return b.isZero() ? a : a.minus(b);
}

/**
 * One figure row. The deviation percent is a getter on the prototype: computed only when read (a
 * decimal division costs more than the rest of a cell, and an overview has dozens). Not a getter
 * in an object literal: V8 gives every such object a hidden class of its own in the old
 * generation, which kept each overview's objects alive through young-generation collections.
 */
class FigureRow implements Figures {
  constructor(
    readonly fiscalYear: number | null,
    readonly costCategory: CategoryRef | null,
    readonly planned: Decimal,
    readonly drawn: Decimal,
    readonly spent: Decimal,
    readonly committed: Decimal,
    readonly available: Decimal,
    readonly deviation: Decimal,
    readonly status: OverrunStatus,
  ) {}

  /** Rounded half up to two decimals for display; money figures stay exact. */
  get deviationPercent(): Decimal | null {
    return this.planned.isZero() ? null : this.deviation.times(100).dividedBy(this.planned).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  }
}

export function figures(amounts: Amounts, fiscalYear: number | null, costCategory: CategoryRef | null, status: OverrunStatus): Figures {
  const { planned, drawn, spent, committed } = amounts;
  return new FigureRow(
    fiscalYear,
    costCategory,
    planned,
    drawn,
    spent,
    committed,
    less(less(planned, spent), committed),
    less(spent, planned),
    status,
  );
}
