import { Decimal } from 'decimal.js';

import { daysBetween, type LocalDate } from '../common/dates/local-date.js';
import { roundToCents, ZERO } from '../common/money/money.js';

export interface BaseRate {
  validFrom: LocalDate;
  /** Percent per year, e.g. "1.27"; may be negative. */
  ratePercent: Decimal;
}

/** An amount that stayed unused from `from` (inclusive) to `to` (exclusive). */
export interface UnusedSpan {
  from: LocalDate;
  to: LocalDate;
  amount: Decimal;
}

/**
 * Interest on funds not used in time, § 49a (3), (4) VwVfG: per day, the unused amount × (base rate
 * in force that day + surcharge points) / 365. The base rate changes on 1 January and 1 July, so a
 * span is split at every rate change. Summed exactly; rounded half up to cents once, at the end
 * (the only rounding in this calculation). A negative total rate (never the case with +5 points
 * since 2016) would count as zero.
 */
export function interestOwed(spans: UnusedSpan[], rates: BaseRate[], surchargePoints: Decimal): Decimal {
  const ordered = [...rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  let total = ZERO;
  for (const span of spans) {
    if (span.amount.lte(0) || span.to <= span.from) continue;
    for (const piece of splitByRate(span.from, span.to, ordered)) {
      const yearly = Decimal.max(piece.rate.plus(surchargePoints), 0);
      total = total.plus(span.amount.times(yearly).dividedBy(100).times(piece.days).dividedBy(365));
    }
  }
  return roundToCents(total);
}

/** Splits [from, to) into pieces that each lie under one base rate. */
function splitByRate(from: LocalDate, to: LocalDate, rates: BaseRate[]): { rate: Decimal; days: number }[] {
  const pieces: { rate: Decimal; days: number }[] = [];
  let cursor = from;
  while (cursor < to) {
    const current = rateOn(cursor, rates);
    const next = rates.find((r) => r.validFrom > cursor)?.validFrom;
    const end = next && next < to ? next : to;
    pieces.push({ rate: current, days: daysBetween(cursor, end) });
    cursor = end;
  }
  return pieces;
}

export function rateOn(date: LocalDate, rates: BaseRate[]): Decimal {
  let found: Decimal | undefined;
  for (const rate of rates) if (rate.validFrom <= date) found = rate.ratePercent;
  if (!found) throw new Error(`No § 247 BGB base rate is recorded for ${date}.`);
  return found;
}

