import { Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { roundToCents, ZERO } from '../common/money/money.js';

export interface BurnRate {
  /** Spent per month over the months of the period up to the reference month. */
  overallPerMonth: Decimal;
  /** Spent per month in the current fiscal year up to the reference month. */
  recentPerMonth: Decimal;
  monthsElapsed: number;
  recentMonths: number;
}

export interface Forecast {
  /** Months of the approval period after the reference month. */
  monthsRemaining: number;
  /** Spent so far plus the recent burn rate over the remaining months. */
  spentAtEnd: Decimal;
  /** Planned total minus the forecast spending; negative means an overrun is coming. */
  projectedRemainder: Decimal;
}

export interface LapsingRisk {
  fiscalYear: number;
  instalment: Decimal;
  drawn: Decimal;
  spent: Decimal;
  /** What will probably have been drawn by 31 December: drawn so far, or more if spending at the recent rate needs it. */
  projectedDrawn: Decimal;
  /** The part of the year's instalment that will probably not be drawn and then lapses (Jährlichkeitsprinzip). */
  atRisk: Decimal;
}

/** Calendar month index (year × 12 + month − 1) of a date. */
const monthIndex = (date: LocalDate) => fiscalYearOf(date) * 12 + Number(date.slice(5, 7)) - 1;

/** Months are counted as calendar months begun: a reference date in November counts November. */
export interface PeriodClock {
  monthsElapsed: number;
  /** Months of the current fiscal year inside the period, up to and including the reference month. */
  recentMonths: number;
  monthsRemaining: number;
  /** Months of the current fiscal year after the reference month (inside the period). */
  monthsLeftInYear: number;
  fiscalYear: number;
}

/** Where `asOf` stands in the approval period; before the start nothing has elapsed, after the end nothing remains. */
export function periodClock(approvalStart: LocalDate, approvalEnd: LocalDate, asOf: LocalDate): PeriodClock {
  const start = monthIndex(approvalStart);
  const end = monthIndex(approvalEnd);
  const now = Math.min(Math.max(monthIndex(asOf), start - 1), end);
  const fiscalYear = fiscalYearOf(asOf);
  const yearStart = Math.max(fiscalYear * 12, start);
  const yearEnd = Math.min(fiscalYear * 12 + 11, end);
  return {
    monthsElapsed: Math.max(0, now - start + 1),
    recentMonths: Math.max(0, Math.min(now, yearEnd) - yearStart + 1),
    monthsRemaining: end - now,
    monthsLeftInYear: Math.max(0, yearEnd - Math.max(now, yearStart - 1)),
    fiscalYear,
  };
}

/**
 * A monthly rate times some months: amount × months / per, rounded half up to cents once
 * (a computed share, so `roundToCents`); zero when there is nothing to divide by.
 */
function extrapolate(amount: Decimal, per: number, months: number): Decimal {
  if (per === 0 || months === 0) return ZERO;
  return roundToCents(amount.times(months).dividedBy(per));
}

export function burnRate(clock: PeriodClock, spentTotal: Decimal, spentThisYear: Decimal): BurnRate {
  return {
    overallPerMonth: extrapolate(spentTotal, clock.monthsElapsed, 1),
    recentPerMonth: extrapolate(spentThisYear, clock.recentMonths, 1),
    monthsElapsed: clock.monthsElapsed,
    recentMonths: clock.recentMonths,
  };
}

/** Forecast at the end of the period from the recent rate (the overall rate when no month of this year has passed). */
export function forecast(clock: PeriodClock, plannedTotal: Decimal, spentTotal: Decimal, spentThisYear: Decimal): Forecast {
  const useRecent = clock.recentMonths > 0;
  const more = useRecent
    ? extrapolate(spentThisYear, clock.recentMonths, clock.monthsRemaining)
    : extrapolate(spentTotal, clock.monthsElapsed, clock.monthsRemaining);
  const spentAtEnd = spentTotal.plus(more);
  return { monthsRemaining: clock.monthsRemaining, spentAtEnd, projectedRemainder: plannedTotal.minus(spentAtEnd) };
}

/** Money of the current year's instalment that will probably not be drawn by the year's end. */
export function lapsingRisk(clock: PeriodClock, instalment: Decimal, drawn: Decimal, spent: Decimal): LapsingRisk {
  const need = spent.plus(extrapolate(spent, clock.recentMonths, clock.monthsLeftInYear));
  const projectedDrawn = Decimal.max(drawn, need);
  const atRisk = Decimal.max(ZERO, instalment.minus(projectedDrawn));
  return { fiscalYear: clock.fiscalYear, instalment, drawn, spent, projectedDrawn, atRisk };
}
