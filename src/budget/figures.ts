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
  if (b.planned) into.planned = into.planned.plus(b.planned);
  if (b.drawn) into.drawn = into.drawn.plus(b.drawn);
  if (b.spent) into.spent = into.spent.plus(b.spent);
  if (b.committed) into.committed = into.committed.plus(b.committed);
  return into;
}

export function figures(amounts: Amounts, fiscalYear: number | null, costCategory: CategoryRef | null, status: OverrunStatus): Figures {
  const deviation = amounts.spent.minus(amounts.planned);
  const { planned } = amounts;
  return {
    fiscalYear,
    costCategory,
    planned: amounts.planned,
    drawn: amounts.drawn,
    spent: amounts.spent,
    committed: amounts.committed,
    available: amounts.planned.minus(amounts.spent).minus(amounts.committed),
    deviation,
    // A percentage for display, rounded half up to two decimals; money figures stay exact. Computed
    // when read: a decimal division costs more than the rest of a cell, and an overview has dozens.
    get deviationPercent() {
      return planned.isZero() ? null : deviation.times(100).dividedBy(planned).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    },
    status,
  };
}
