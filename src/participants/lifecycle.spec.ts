import { ageBandAtEntry, countingParametersOf, outcomeWindow, overdueFor, recordedTimingsOf, retainUntilFor } from './lifecycle.js';
import { OverdueKind } from './participants.enums.js';

const rules = { entryDataDueDays: 28, exitDataDueDays: 28, retentionMonthsAfterExit: 36 };

describe('participant lifecycle rules', () => {
  it('keeps identity 36 months after exit, or after the project end while still taking part', () => {
    expect(retainUntilFor(rules, '2023-05-31', '2027-12-31')).toBe('2026-05-31');
    expect(retainUntilFor(rules, null, '2027-12-31')).toBe('2030-12-31');
  });

  it('opens outcome windows at exit and around 6 and 12 months after', () => {
    expect(outcomeWindow('AT_EXIT', '2024-01-31', 28)).toEqual({ from: '2024-01-31', to: '2024-02-28' });
    expect(outcomeWindow('SIX_MONTHS', '2024-01-31', 28)).toEqual({ from: '2024-07-03', to: '2024-08-28' });
    expect(outcomeWindow('TWELVE_MONTHS', '2024-02-29', 28)).toEqual({ from: '2025-01-31', to: '2025-03-28' });
  });

  it('lists entry data as overdue from the 29th day after entry', () => {
    const facts = { entryDate: '2024-01-01', entryDataComplete: false, exitDate: null, recordedTimings: new Set<never>() };
    expect(overdueFor(facts, rules, '2024-01-29')).toEqual([]);
    expect(overdueFor(facts, rules, '2024-01-30')).toEqual([{ kind: OverdueKind.ENTRY_DATA, dueOn: '2024-01-29', daysOverdue: 1 }]);
  });

  it('lists missing exit data and follow-ups once their windows have closed', () => {
    const facts = {
      entryDate: '2023-01-01',
      entryDataComplete: true,
      exitDate: '2023-06-30',
      recordedTimings: new Set(['AT_EXIT'] as const),
    };
    expect(overdueFor(facts, rules, '2024-01-28').map((o) => o.kind)).toEqual([OverdueKind.SIX_MONTH_FOLLOW_UP]);
    expect(overdueFor({ ...facts, recordedTimings: new Set() }, rules, '2023-07-29')).toEqual([
      { kind: OverdueKind.EXIT_DATA, dueOn: '2023-07-28', daysOverdue: 1 },
    ]);
    expect(overdueFor(facts, rules, '2024-07-29').map((o) => o.kind)).toEqual([
      OverdueKind.SIX_MONTH_FOLLOW_UP,
      OverdueKind.TWELVE_MONTH_FOLLOW_UP,
    ]);
  });

  it('bands the exact age at entry as the indicators do', () => {
    expect([ageBandAtEntry(29), ageBandAtEntry(30), ageBandAtEntry(54), ageBandAtEntry(55)]).toEqual([
      'UNDER_30',
      '30_TO_54',
      '30_TO_54',
      '55_AND_OVER',
    ]);
  });

  it('takes a follow-up as recorded when a status was observed in its window', () => {
    expect([...recordedTimingsOf('2024-01-31', ['2024-02-28', '2024-09-01'], 28)]).toEqual(['AT_EXIT']);
    expect([...recordedTimingsOf('2024-01-31', ['2024-02-29', '2024-08-28', '2025-02-28'], 28)]).toEqual(['SIX_MONTHS', 'TWELVE_MONTHS']);
  });

  it('gives the counting the exit-data deadline as its result window and follow-up tolerance (one setting, two readers)', () => {
    expect(countingParametersOf({ exitDataDueDays: 35 })).toEqual({ resultWindowDays: 35, followUpToleranceDays: 35 });
    expect(countingParametersOf(null)).toEqual({ resultWindowDays: 28, followUpToleranceDays: 28 });
  });
});
