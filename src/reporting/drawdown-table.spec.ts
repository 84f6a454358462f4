import fc from 'fast-check';
import { Decimal } from 'decimal.js';

import { allocateFifo } from '../tranches/fifo-allocation.js';
import { drawdownRows, type PaidDrawdown, proofResult, type TrancheUseOf } from './numerical-proof.js';

const YEARS = [2022, 2023, 2024, 2025];
const cents = (n: number) => new Decimal(n).dividedBy(100);
const day = (year: number, dayOfYear: number) => new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);
const sum = (values: (Decimal | null)[]) => values.reduce<Decimal>((s, v) => s.plus(v ?? 0), new Decimal(0));

const scenario = fc.record({
  tranches: fc.array(
    fc.record({ year: fc.constantFrom(...YEARS), day: fc.integer({ min: 0, max: 364 }), cents: fc.integer({ min: 1, max: 50_000_000 }) }),
    { minLength: 1, maxLength: 8 },
  ),
  repayments: fc.array(
    fc.record({ year: fc.constantFrom(...YEARS), day: fc.integer({ min: 0, max: 364 }), cents: fc.integer({ min: 1, max: 5_000_000 }) }),
    { maxLength: 3 },
  ),
  spending: fc.array(
    fc.record({ year: fc.constantFrom(...YEARS), day: fc.integer({ min: 0, max: 364 }), cents: fc.integer({ min: 1, max: 20_000_000 }) }),
    { maxLength: 30 },
  ),
  rate: fc.constantFrom('100', '90', '75.5'),
  proofYear: fc.constantFrom<number | null>(null, ...YEARS),
});

/**
 * The Mittelabrufe table of a proof against random drawdowns, repayments and spending over four
 * years, allocated FIFO across years as tranche-use.ts does: every row and the sum row add up
 * (Betrag = verbraucht + zurückgezahlt + Bestand), and the over-/underpayment of the result equals
 * its derivation from the table, to the cent.
 */
describe('drawdown table reconciliation (property)', () => {
  it('adds up and derives the result from the table, whatever the drawdowns, repayments and bookings', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const asOf = '2026-06-30';
        const period = s.proofYear
          ? { from: `${s.proofYear}-01-01`, to: `${s.proofYear}-12-31` }
          : { from: '2022-01-01', to: '2025-12-31' };
        // an interim proof counts uses up to its period end (figuresUpTo)
        const upTo = s.proofYear ? period.to : asOf;
        const tranches: PaidDrawdown[] = s.tranches.map((t, i) => ({
          id: `t${i}`,
          fiscalYear: t.year,
          number: i + 1,
          kind: 'TRANCHE',
          date: day(t.year, t.day),
          amount: cents(t.cents),
        }));
        const repayments: PaidDrawdown[] = s.repayments.map((r, i) => ({
          id: `r${i}`,
          fiscalYear: r.year,
          number: 100 + i,
          kind: 'REPAYMENT',
          date: day(r.year, r.day),
          amount: cents(r.cents).neg(),
        }));
        const spendingByDay = new Map<string, Decimal>();
        for (const e of s.spending)
          spendingByDay.set(day(e.year, e.day), (spendingByDay.get(day(e.year, e.day)) ?? new Decimal(0)).plus(cents(e.cents)));
        const allocation = allocateFifo(
          tranches.filter((t) => t.date <= upTo).map((t) => ({ id: t.id, payoutDate: t.date, amount: t.amount })),
          [
            ...[...spendingByDay].map(([d, amount]) => ({ id: `E${d}`, date: d, amount })),
            ...repayments.map((r) => ({ id: `R${r.date}${r.id}`, date: r.date, amount: r.amount.neg() })),
          ],
          42,
          upTo,
        );
        const uses = new Map<string, TrancheUseOf>(
          allocation.tranches.map((t) => [t.id, { unused: t.unused, interestOwed: new Decimal(0), allocations: t.allocations }]),
        );
        const years = s.proofYear ? [s.proofYear] : YEARS;
        const inTable = [...tranches, ...repayments]
          .filter((d) => years.includes(d.fiscalYear) && d.date <= upTo)
          .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
        const rows = drawdownRows(inTable, uses, period);
        const eligible = sum([...spendingByDay].filter(([d]) => d >= period.from && d <= period.to && d <= asOf).map(([, a]) => a));
        const result = proofResult(eligible, new Decimal(s.rate), new Decimal('99999999.99'), rows);

        for (const row of rows) expect(row.amount.eq(sum([row.used, row.repaid, row.balance]))).toBe(true);
        expect(
          sum(rows.map((r) => r.amount)).eq(sum([...rows.map((r) => r.used), ...rows.map((r) => r.repaid), ...rows.map((r) => r.balance)])),
        ).toBe(true);
        // "davon aus Vorjahren" and later spending are parts of "verbraucht"
        for (const row of rows.filter((r) => r.used)) expect(row.used!.gte(sum([row.usedForEarlier, row.usedForLater]))).toBe(true);
        // what the table's tranches spent within the period never exceeds the period's eligible spending
        expect(result.reconciliation.coveredOtherwise.gte(0)).toBe(true);
        const r = result.reconciliation;
        const derived = r.balance.plus(r.repaid).plus(r.usedForEarlier).plus(r.usedForLater).minus(r.coveredOtherwise).plus(r.ownShare);
        expect(derived.toFixed(2)).toBe(result.overpayment.toFixed(2));
        expect(result.received.eq(sum(rows.map((row) => row.amount)))).toBe(true);
        if (!s.proofYear) {
          // the final proof's table holds every tranche: all spending up to the as-of date is used by it or pre-financed
          expect(
            sum(rows.map((row) => row.used))
              .plus(allocation.unallocated)
              .gte(sum([...spendingByDay.values()])),
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not count a repayment as spending (the reported bug: verbraucht + Bestand ≠ Betrag)', () => {
    const tranche: PaidDrawdown = {
      id: 't',
      fiscalYear: 2026,
      number: 1,
      kind: 'TRANCHE',
      date: '2026-01-10',
      amount: new Decimal('100000.00'),
    };
    const repayment: PaidDrawdown = {
      id: 'r',
      fiscalYear: 2026,
      number: 2,
      kind: 'REPAYMENT',
      date: '2026-03-01',
      amount: new Decimal('-20000.00'),
    };
    const allocation = allocateFifo(
      [{ id: 't', payoutDate: tranche.date, amount: tranche.amount }],
      [
        { id: 'E2026-02-01', date: '2026-02-01', amount: new Decimal('50000.00') },
        { id: 'R2026-03-01r', date: '2026-03-01', amount: new Decimal('20000.00') },
      ],
      42,
      '2026-06-30',
    );
    const uses = new Map(
      allocation.tranches.map((t) => [t.id, { unused: t.unused, interestOwed: new Decimal(0), allocations: t.allocations }]),
    );
    const [t, r] = drawdownRows([tranche, repayment], uses, { from: '2026-01-01', to: '2026-12-31' });
    expect([t.used!.toFixed(2), t.repaid.toFixed(2), t.balance!.toFixed(2)]).toEqual(['50000.00', '20000.00', '30000.00']);
    expect([r.amount.toFixed(2), r.repaid.toFixed(2), r.used]).toEqual(['-20000.00', '-20000.00', null]);
  });
});
