import { addDays, type LocalDate } from '../common/dates/local-date.js';

/** A period of days, both ends inclusive. */
export interface Period {
  start: LocalDate;
  end: LocalDate;
}

export function overlaps(a: Period, b: Period): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The most places taken on any single day of `window` by the given periods. Capacity is about
 * places used at the same time: two participants one after the other share one place.
 */
export function peakOccupancy(periods: readonly Period[], window: Period): number {
  const changes = new Map<LocalDate, number>();
  for (const p of periods) {
    if (!overlaps(p, window)) continue;
    const from = p.start < window.start ? window.start : p.start;
    const to = p.end > window.end ? window.end : p.end;
    changes.set(from, (changes.get(from) ?? 0) + 1);
    const after = addDays(to, 1);
    changes.set(after, (changes.get(after) ?? 0) - 1);
  }
  let current = 0;
  let peak = 0;
  for (const day of [...changes.keys()].sort()) {
    current += changes.get(day)!;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Places taken on one day. */
export function occupancyOn(periods: readonly Period[], day: LocalDate): number {
  return periods.filter((p) => p.start <= day && day <= p.end).length;
}
