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

/** One stretch of an interest calculation under one base rate, with its exact (unrounded) interest. */
export interface InterestPiece {
  from: LocalDate;
  /** Exclusive. */
  to: LocalDate;
  days: number;
  amount: Decimal;
  baseRatePercent: Decimal;
  /** Base rate + surcharge points, never below zero. */
  yearlyPercent: Decimal;
  /** amount × yearly % × days / 365, not rounded. */
  interest: Decimal;
}

/**
 * Interest on funds not used in time, § 49a (3), (4) VwVfG: per day, the unused amount × (base rate
 * in force that day + surcharge points) / 365. The base rate changes on 1 January and 1 July, so a
 * span is split at every rate change. Summed exactly; rounded half up to cents once, at the end
 * (the only rounding in this calculation). A negative total rate (never the case with +5 points
 * since 2016) would count as zero.
 */
export function interestOwed(spans: UnusedSpan[], rates: BaseRate[], surchargePoints: Decimal): Decimal {
  let total = ZERO;
  for (const piece of interestPieces(spans, rates, surchargePoints)) total = total.plus(piece.interest);
  return roundToCents(total);
}

/** The pieces `interestOwed` sums, for a calculation that shows its steps (the settlement's Berechnung). */
export function interestPieces(spans: UnusedSpan[], rates: BaseRate[], surchargePoints: Decimal): InterestPiece[] {
  const ordered = [...rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const pieces: InterestPiece[] = [];
  for (const span of spans) {
    if (span.amount.lte(0) || span.to <= span.from) continue;
    for (const piece of splitByRate(span.from, span.to, ordered)) {
      const yearly = Decimal.max(piece.rate.plus(surchargePoints), 0);
      pieces.push({
        from: piece.from,
        to: piece.to,
        days: piece.days,
        amount: span.amount,
        baseRatePercent: piece.rate,
        yearlyPercent: yearly,
        interest: span.amount.times(yearly).dividedBy(100).times(piece.days).dividedBy(365),
      });
    }
  }
  return pieces;
}

/** Splits [from, to) into pieces that each lie under one base rate. */
function splitByRate(from: LocalDate, to: LocalDate, rates: BaseRate[]): { from: LocalDate; to: LocalDate; rate: Decimal; days: number }[] {
  const pieces: { from: LocalDate; to: LocalDate; rate: Decimal; days: number }[] = [];
  let cursor = from;
  while (cursor < to) {
    const current = rateOn(cursor, rates);
    const next = rates.find((r) => r.validFrom > cursor)?.validFrom;
    const end = next && next < to ? next : to;
    pieces.push({ from: cursor, to: end, rate: current, days: daysBetween(cursor, end) });
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
