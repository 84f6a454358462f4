import { suppressPartition } from './suppression.js';

describe('small-cell suppression', () => {
  it('shows everything when no cell is small', () => {
    const result = suppressPartition(
      30,
      [
        { key: 'F', count: 20 },
        { key: 'M', count: 10 },
      ],
      5,
    );
    expect(result.cells.map((c) => c.count)).toEqual([20, 10]);
    expect(result.total).toBe(30);
  });

  it('suppresses a small cell and its complement so the total cannot reveal it', () => {
    const result = suppressPartition(
      30,
      [
        { key: 'F', count: 22 },
        { key: 'M', count: 6 },
        { key: 'D', count: 2 },
      ],
      5,
    );
    expect(result.cells).toEqual([
      { key: 'F', count: 22, suppressed: false },
      { key: 'M', count: null, suppressed: true },
      { key: 'D', count: null, suppressed: true },
    ]);
    // What an analyst sees cannot be differenced back to D alone: 30 − 22 = 8 = M + D.
    const shown = result.cells.reduce((sum, c) => sum + (c.count ?? 0), 0);
    expect(result.total! - shown).toBe(8);
  });

  it('needs no complement when two cells are already suppressed', () => {
    const result = suppressPartition(
      20,
      [
        { key: 'F', count: 16 },
        { key: 'M', count: 3 },
        { key: 'D', count: 1 },
      ],
      5,
    );
    expect(result.cells.map((c) => c.suppressed)).toEqual([false, true, true]);
  });

  it('shows zero cells and suppresses a whole partition whose total is small', () => {
    expect(
      suppressPartition(
        10,
        [
          { key: 'F', count: 10 },
          { key: 'D', count: 0 },
        ],
        5,
      ).cells.map((c) => c.count),
    ).toEqual([10, 0]);
    const small = suppressPartition(
      4,
      [
        { key: 'F', count: 4 },
        { key: 'M', count: 0 },
      ],
      5,
    );
    expect(small.total).toBeNull();
    expect(small.cells.every((c) => c.suppressed)).toBe(true);
  });

  it('uses the programme threshold', () => {
    expect(
      suppressPartition(
        30,
        [
          { key: 'F', count: 25 },
          { key: 'M', count: 5 },
        ],
        6,
      ).cells.map((c) => c.suppressed),
    ).toEqual([true, true]);
    expect(
      suppressPartition(
        30,
        [
          { key: 'F', count: 25 },
          { key: 'M', count: 5 },
        ],
        5,
      ).cells.map((c) => c.suppressed),
    ).toEqual([false, false]);
  });
});
