import { Decimal } from 'decimal.js';
import fc from 'fast-check';

import { formatMoney, sumMoney } from '../common/money/money.js';
import { allocateFifo } from './fifo-allocation.js';

const d = (v: string) => new Decimal(v);

describe('FIFO allocation of spending to disbursed tranches', () => {
  const tranches = [
    { id: 'T2', payoutDate: '2024-03-01', amount: d('500.00') },
    { id: 'T1', payoutDate: '2024-01-15', amount: d('1000.00') },
  ];

  it('consumes the oldest payout first and splits a receipt across tranches', () => {
    const result = allocateFifo(
      tranches,
      [
        { id: 'E1', date: '2024-01-20', amount: d('700.00') },
        { id: 'E2', date: '2024-03-05', amount: d('600.00') },
      ],
      42,
      '2024-12-31',
    );
    const [t1, t2] = result.tranches;
    expect(t1.id).toBe('T1');
    expect(formatMoney(t1.used)).toBe('1000.00');
    expect(t1.allocations.map((a) => [a.useId, formatMoney(a.amount)])).toEqual([
      ['E1', '700.00'],
      ['E2', '300.00'],
    ]);
    expect(formatMoney(t2.used)).toBe('300.00');
    expect(formatMoney(t2.unused)).toBe('200.00');
    expect(formatMoney(result.unallocated)).toBe('0.00');
  });

  it('keeps spending beyond all tranches unallocated', () => {
    const result = allocateFifo(tranches, [{ id: 'E1', date: '2024-04-01', amount: d('1600.01') }], 42, '2024-12-31');
    expect(formatMoney(result.unallocated)).toBe('100.01');
  });

  it('reports the unused balance after the use deadline as overdue spans', () => {
    // T1 paid 2024-01-15, deadline 2024-02-26 (42 days). 700 spent on 2024-01-20 (in time),
    // 100 more on 2024-03-10 (late). Overdue: 300 from 02-27 to 03-10 inclusive, then 200 to asOf.
    const result = allocateFifo(
      [tranches[1]],
      [
        { id: 'E1', date: '2024-01-20', amount: d('700.00') },
        { id: 'E2', date: '2024-03-10', amount: d('100.00') },
      ],
      42,
      '2024-03-31',
    );
    const t1 = result.tranches[0];
    expect(t1.useDeadline).toBe('2024-02-26');
    expect(t1.overdueSpans.map((s) => [s.from, s.to, formatMoney(s.amount)])).toEqual([
      ['2024-02-27', '2024-03-11', '300.00'],
      ['2024-03-11', '2024-04-01', '200.00'],
    ]);
  });

  it('has no overdue spans before the deadline or when everything is used in time', () => {
    expect(allocateFifo([tranches[1]], [], 42, '2024-02-26').tranches[0].overdueSpans).toEqual([]);
    const used = allocateFifo([tranches[1]], [{ id: 'E', date: '2024-02-01', amount: d('1000.00') }], 42, '2024-12-31');
    expect(used.tranches[0].overdueSpans).toEqual([]);
  });

  it('ignores tranches and uses after the as-of date', () => {
    const result = allocateFifo(tranches, [{ id: 'E1', date: '2024-05-01', amount: d('10.00') }], 42, '2024-02-01');
    expect(result.tranches.map((t) => t.id)).toEqual(['T1']);
    expect(formatMoney(result.tranches[0].used)).toBe('0.00');
  });

  it('always reconciles: used + unused = paid out, and allocated + unallocated = spent (property)', () => {
    const cents = fc.integer({ min: 1, max: 10_000_000 }).map((c) => new Decimal(c).dividedBy(100));
    const day = fc.integer({ min: 0, max: 700 }).map((n) => new Date(Date.UTC(2023, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ payoutDate: day, amount: cents }), { maxLength: 8 }),
        fc.array(fc.record({ date: day, amount: cents }), { maxLength: 30 }),
        (ts, us) => {
          const paid = ts.map((t, i) => ({ id: `T${i}`, ...t }));
          const uses = us.map((u, i) => ({ id: `U${String(i).padStart(3, '0')}`, ...u }));
          const result = allocateFifo(paid, uses, 42, '2025-12-31');
          for (const t of result.tranches) {
            const original = paid.find((p) => p.id === t.id)!;
            expect(t.used.plus(t.unused).eq(original.amount)).toBe(true);
            expect(sumMoney(t.allocations.map((a) => a.amount)).eq(t.used)).toBe(true);
          }
          const allocated = sumMoney(result.tranches.map((t) => t.used));
          expect(allocated.plus(result.unallocated).eq(sumMoney(uses.map((u) => u.amount)))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
