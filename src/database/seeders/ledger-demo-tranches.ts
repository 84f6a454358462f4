import { type Decimal } from 'decimal.js';

import { addDays, type LocalDate } from '../../common/dates/local-date.js';
import { ZERO } from '../../common/money/money.js';
import { dayNumber } from './day-numbers.js';

/** Counted eligible spending of one day and category (rejected receipts left out, reversals netted). */
export interface DemoSpending {
  code: string;
  paymentDate: LocalDate;
  eligible: Decimal;
}

export interface DemoTranche {
  fiscalYear: number;
  number: number;
  payoutDate: LocalDate;
  neededUntil: LocalDate;
  lines: { code: string; amount: Decimal }[];
}

/** Every four weeks from 1 January, a tranche pays what the next four weeks spend. */
const WINDOW_DAYS = 28;

/**
 * Tranches every four weeks, each exactly the spending of its window per category, so FIFO
 * uses every tranche within the horizon. The last tranche before the cut-off draws `surplus`
 * more than is spent on cost category A: money left unused after its deadline — the demo's
 * OVERDUE tranche with interest owed.
 */
export function demoTranches(spending: DemoSpending[], years: number[], cutoff: LocalDate, surplus: Decimal): DemoTranche[] {
  // Spending sorted into its window once (window w of a year starts on day 28·w after 1 January),
  // instead of every window scanning all spending (the scale generator has 25,000 receipts a project).
  const inWindow = new Map<string, DemoSpending[]>();
  for (const s of spending) {
    const year = s.paymentDate.slice(0, 4);
    const key = `${year}|${Math.floor((dayNumber(s.paymentDate) - dayNumber(`${year}-01-01`)) / WINDOW_DAYS)}`;
    const list = inWindow.get(key);
    if (list) list.push(s);
    else inWindow.set(key, [s]);
  }
  const tranches: DemoTranche[] = [];
  for (const year of years) {
    let number = 0;
    for (
      let start = `${year}-01-01`, window = 0;
      start <= cutoff && start.startsWith(String(year));
      start = addDays(start, WINDOW_DAYS), window++
    ) {
      const end = addDays(start, WINDOW_DAYS - 1) < `${year}-12-31` ? addDays(start, WINDOW_DAYS - 1) : `${year}-12-31`;
      const byCode = new Map<string, Decimal>();
      for (const s of inWindow.get(`${year}|${window}`) ?? []) byCode.set(s.code, (byCode.get(s.code) ?? ZERO).plus(s.eligible));
      const lines = [...byCode]
        .filter(([, amount]) => amount.gt(0))
        .map(([code, amount]) => ({ code, amount }))
        .sort((a, b) => a.code.localeCompare(b.code));
      if (lines.length) tranches.push({ fiscalYear: year, number: ++number, payoutDate: start, neededUntil: end, lines });
    }
  }
  const last = tranches.at(-1);
  if (last) {
    const a = last.lines.find((l) => l.code === 'A');
    if (a) a.amount = a.amount.plus(surplus);
    else last.lines.unshift({ code: 'A', amount: surplus });
  }
  return tranches;
}
