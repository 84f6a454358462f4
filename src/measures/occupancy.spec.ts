import { occupancyOn, overlaps, peakOccupancy } from './occupancy.js';

describe('measure occupancy', () => {
  const p = (start: string, end: string) => ({ start, end });

  it('counts places used at the same time, not participations over the whole period', () => {
    const periods = [p('2024-01-01', '2024-03-31'), p('2024-04-01', '2024-06-30'), p('2024-02-01', '2024-05-31')];
    expect(peakOccupancy(periods, p('2024-01-01', '2024-12-31'))).toBe(2);
    expect(peakOccupancy(periods, p('2024-07-01', '2024-12-31'))).toBe(0);
  });

  it('treats both ends as inclusive: a period ending the day another starts overlaps on that day', () => {
    const periods = [p('2024-01-01', '2024-03-31'), p('2024-03-31', '2024-04-30')];
    expect(peakOccupancy(periods, p('2024-01-01', '2024-12-31'))).toBe(2);
    expect(overlaps(p('2024-01-01', '2024-03-31'), p('2024-04-01', '2024-04-02'))).toBe(false);
    expect(overlaps(p('2024-01-01', '2024-03-31'), p('2024-03-31', '2024-04-02'))).toBe(true);
  });

  it('only looks inside the window', () => {
    const periods = [p('2023-01-01', '2023-12-31'), p('2023-06-01', '2024-01-15'), p('2024-01-10', '2024-02-01')];
    expect(peakOccupancy(periods, p('2024-01-01', '2024-01-09'))).toBe(1);
    expect(peakOccupancy(periods, p('2024-01-01', '2024-01-31'))).toBe(2);
  });

  it('counts a single day', () => {
    const periods = [p('2024-01-01', '2024-03-31'), p('2024-02-01', '2024-02-29')];
    expect(occupancyOn(periods, '2024-02-29')).toBe(2);
    expect(occupancyOn(periods, '2024-03-01')).toBe(1);
  });
});
