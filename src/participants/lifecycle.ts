import { addDays, addMonths, daysBetween, type LocalDate } from '../common/dates/local-date.js';
import { ageBand, type CountingParameters } from '../indicators/counting-rules.js';
import { OverdueKind } from './participants.enums.js';

/** Deadlines of the participant lifecycle, from the programme's rules (docs/domain.md#lifecycles). */
export interface LifecycleRules {
  entryDataDueDays: number;
  exitDataDueDays: number;
  retentionMonthsAfterExit: number;
}

/**
 * Identity is kept `retentionMonthsAfterExit` after the exit; while someone has not left, the
 * project's last day stands in for the exit, so nobody is erased while still taking part.
 */
export function retainUntilFor(rules: LifecycleRules, exitDate: LocalDate | null | undefined, projectEnd: LocalDate): LocalDate {
  return addMonths(exitDate ?? projectEnd, rules.retentionMonthsAfterExit);
}

export type FollowUpTiming = 'AT_EXIT' | 'SIX_MONTHS' | 'TWELVE_MONTHS';

/**
 * The days on which an outcome may be observed: at exit within the exit deadline; the follow-ups
 * 6 and 12 months after exit, give or take the same number of days.
 */
export function outcomeWindow(timing: FollowUpTiming, exitDate: LocalDate, exitDataDueDays: number): { from: LocalDate; to: LocalDate } {
  if (timing === 'AT_EXIT') return { from: exitDate, to: addDays(exitDate, exitDataDueDays) };
  const centre = addMonths(exitDate, timing === 'SIX_MONTHS' ? 6 : 12);
  return { from: addDays(centre, -exitDataDueDays), to: addDays(centre, exitDataDueDays) };
}

/**
 * The follow-ups for which a status was observed in time: those whose window holds one of the
 * dates of the person's status observations in force.
 */
export function recordedTimingsOf(exitDate: LocalDate, statusDates: readonly LocalDate[], exitDataDueDays: number): Set<FollowUpTiming> {
  const timings: FollowUpTiming[] = ['AT_EXIT', 'SIX_MONTHS', 'TWELVE_MONTHS'];
  return new Set(
    timings.filter((timing) => {
      const window = outcomeWindow(timing, exitDate, exitDataDueDays);
      return statusDates.some((d) => d >= window.from && d <= window.to);
    }),
  );
}

/**
 * The counting parameters of the indicators, from the same programme rules the API checks with:
 * the exit-data deadline is the window of the status on leaving, and the tolerance around the 6-
 * and 12-month follow-ups (outcomeWindow).
 */
export function countingParametersOf(rules: Pick<LifecycleRules, 'exitDataDueDays'> | null): CountingParameters {
  const days = rules?.exitDataDueDays ?? DEFAULT_EXIT_DATA_DUE_DAYS;
  return { resultWindowDays: days, followUpToleranceDays: days };
}

/** ESF practice: exit data within four weeks of the exit (docs/domain.md#lifecycles), unless the programme says otherwise. */
export const DEFAULT_EXIT_DATA_DUE_DAYS = 28;

export interface LifecycleFacts {
  entryDate: LocalDate;
  entryDataComplete: boolean;
  exitDate: LocalDate | null;
  recordedTimings: ReadonlySet<FollowUpTiming>;
}

export interface OverdueEntry {
  kind: OverdueKind;
  dueOn: LocalDate;
  daysOverdue: number;
}

/** What is overdue on `asOf` for one participant (due dates are inclusive: overdue from the day after). */
export function overdueFor(facts: LifecycleFacts, rules: LifecycleRules, asOf: LocalDate): OverdueEntry[] {
  const due: { kind: OverdueKind; dueOn: LocalDate }[] = [];
  if (!facts.entryDataComplete) due.push({ kind: OverdueKind.ENTRY_DATA, dueOn: addDays(facts.entryDate, rules.entryDataDueDays) });
  if (facts.exitDate) {
    const timings: [FollowUpTiming, OverdueKind][] = [
      ['AT_EXIT', OverdueKind.EXIT_DATA],
      ['SIX_MONTHS', OverdueKind.SIX_MONTH_FOLLOW_UP],
      ['TWELVE_MONTHS', OverdueKind.TWELVE_MONTH_FOLLOW_UP],
    ];
    for (const [timing, kind] of timings) {
      if (!facts.recordedTimings.has(timing)) due.push({ kind, dueOn: outcomeWindow(timing, facts.exitDate, rules.exitDataDueDays).to });
    }
  }
  return due.filter((d) => d.dueOn < asOf).map((d) => ({ ...d, daysOverdue: daysBetween(d.dueOn, asOf) }));
}

/** Age bands of the participant statistics: the indicators' bands (counting-rules.ts) under the statistics' labels. */
export function ageBandAtEntry(ageAtEntry: number): 'UNDER_30' | '30_TO_54' | '55_AND_OVER' {
  return ({ UNDER_30: 'UNDER_30', FROM_30_TO_54: '30_TO_54', FROM_55: '55_AND_OVER' } as const)[ageBand(ageAtEntry)];
}
