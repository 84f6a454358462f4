import { type StatisticsRow, tallyParticipants } from './statistics.js';

const row = (overrides: Partial<StatisticsRow> = {}): StatisticsRow => ({
  gender: 'FEMALE',
  track: 'WOMEN_REENTRY',
  birthYear: 1985,
  entryDate: '2024-01-01',
  labourStatusAtEntry: 'UNEMPLOYED',
  educationLevel: 'ISCED_3_4',
  outcomeAtExit: null,
  ...overrides,
});

describe('participant statistics', () => {
  const rows = [...Array.from({ length: 6 }, () => row()), row({ gender: 'DIVERSE', track: 'YOUTH_TRAINING', birthYear: 2006 })];

  it('counts per dimension and value', () => {
    const cells = tallyParticipants(rows, 5, false);
    expect(cells.filter((c) => c.dimension === 'gender')).toEqual([
      { dimension: 'gender', value: 'DIVERSE', count: 1, suppressed: true },
      { dimension: 'gender', value: 'FEMALE', count: 6, suppressed: false },
    ]);
    expect(cells.find((c) => c.dimension === 'ageBand' && c.value === 'UNDER_30')?.count).toBe(1);
    expect(cells.some((c) => c.dimension === 'outcomeAtExit')).toBe(false);
  });

  it('hides the count of cells under the minimum size when suppressing', () => {
    const cells = tallyParticipants(rows, 5, true);
    expect(cells.find((c) => c.dimension === 'gender' && c.value === 'DIVERSE')).toEqual({ dimension: 'gender', value: 'DIVERSE', count: null, suppressed: true });
    expect(cells.find((c) => c.dimension === 'gender' && c.value === 'FEMALE')?.count).toBe(6);
  });
});
