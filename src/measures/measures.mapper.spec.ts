import { measureFromRow } from './measures.mapper.js';

const row = {
  id: 'b3d4c0de-0000-4000-8000-000000000001',
  project_id: 'b3d4c0de-0000-4000-8000-000000000002',
  type: 'COACHING',
  title: 'Coaching',
  provider: 'Träger',
  track: 'INDIVIDUAL',
  start_date: '2025-01-01',
  end_date: '2025-12-31',
  capacity: 12,
  cost_per_place: '4200.50',
};

describe('measureFromRow', () => {
  it('passes the cost per place on as PostgreSQL wrote it: no Decimal for each row of a page', () => {
    // A participant page reads a measure with every participation; parsing each amount only to
    // format it again cost a Decimal per row. The Decimal scalar sends canonical text as it is.
    expect(measureFromRow(row).costPerPlace).toBe('4200.50');
  });

  it('reads the columns under a prefix, as a participation page names its measure columns', () => {
    const prefixed = Object.fromEntries(Object.entries(row).map(([key, value]) => [`measure_${key}`, value]));
    expect(measureFromRow(prefixed, 'measure_')).toEqual(measureFromRow(row));
    expect(measureFromRow(prefixed, 'measure_')).toMatchObject({
      id: row.id,
      capacity: 12,
      startDate: '2025-01-01',
      costPerPlace: '4200.50',
    });
  });

  it('refuses a column that is not numeric(14,2) text (a programming error, not input)', () => {
    expect(() => measureFromRow({ ...row, cost_per_place: '4200.5' })).toThrow(TypeError);
  });
});
