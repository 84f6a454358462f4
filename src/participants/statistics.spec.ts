import { type StatisticsRow, tallyParticipants } from './statistics.js';

const row = (overrides: Partial<StatisticsRow> = {}): StatisticsRow => ({
  gender: 'FEMALE',
  track: 'WOMEN_REENTRY',
  birthYear: 1985,
  ageAtEntry: 38,
  entryDate: '2024-01-01',
  labourStatusAtEntry: 'UNEMPLOYED',
  educationLevel: 'ISCED_3_4',
  outcomeAtExit: null,
  ...overrides,
});

describe('participant statistics', () => {
  const rows = [
    ...Array.from({ length: 6 }, () => row()),
    row({ gender: 'DIVERSE', track: 'YOUTH_TRAINING', birthYear: 2006, ageAtEntry: 17 }),
  ];

  it('counts per dimension and value', () => {
    const cells = tallyParticipants(rows, 5, false);
    expect(cells.filter((c) => c.dimension === 'gender')).toEqual([
      { dimension: 'gender', value: 'DIVERSE', count: 1, suppressed: true },
      // The complement: with only two cells, showing FEMALE would reveal DIVERSE as total − 6.
      { dimension: 'gender', value: 'FEMALE', count: 6, suppressed: true },
    ]);
    expect(cells.find((c) => c.dimension === 'ageBand' && c.value === 'UNDER_30')?.count).toBe(1);
    expect(cells.some((c) => c.dimension === 'outcomeAtExit')).toBe(false);
  });

  it('also hides a complementary cell, so the small one cannot be recovered from the total', () => {
    const three = [
      ...Array.from({ length: 6 }, () => row()),
      ...Array.from({ length: 7 }, () => row({ gender: 'MALE' })),
      row({ gender: 'DIVERSE' }),
    ];
    const gender = tallyParticipants(three, 5, true).filter((c) => c.dimension === 'gender');
    expect(gender).toEqual([
      { dimension: 'gender', value: 'DIVERSE', count: null, suppressed: true },
      { dimension: 'gender', value: 'FEMALE', count: null, suppressed: true },
      { dimension: 'gender', value: 'MALE', count: 7, suppressed: false },
    ]);
  });

  it('hides the count of cells under the minimum size when suppressing', () => {
    const cells = tallyParticipants(rows, 5, true);
    expect(cells.find((c) => c.dimension === 'gender' && c.value === 'DIVERSE')).toEqual({
      dimension: 'gender',
      value: 'DIVERSE',
      count: null,
      suppressed: true,
    });
    expect(cells.find((c) => c.dimension === 'gender' && c.value === 'FEMALE')?.count).toBeNull();
  });
});
