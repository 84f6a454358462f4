import { Decimal } from 'decimal.js';

import { formatMoney, sumMoney } from '../../common/money/money.js';
import { demoReceipts, split } from './ledger-demo-receipts.js';
import { demoTranches } from './ledger-demo-tranches.js';

const d = (v: string) => new Decimal(v);

describe('demo ledger generation', () => {
  it('splits an amount into positive parts that add up to the cent', () => {
    const parts = split(d('1000.00'), 7, () => 0.37, 0.6);
    expect(parts).toHaveLength(7);
    expect(parts.every((p) => p.gt(0) && p.decimalPlaces() <= 2)).toBe(true);
    expect(formatMoney(sumMoney(parts))).toBe('1000.00');
  });

  it('is deterministic and never spends more than a line plans', () => {
    const lines = [
      { code: 'A', fiscalYear: 2024, planned: d('120000.00') },
      { code: 'B6', fiscalYear: 2024, planned: d('5000.00') },
      { code: 'B2', fiscalYear: 2026, planned: d('12000.00') },
    ];
    const first = demoReceipts(lines, { cutoff: '2026-03-31', seed: 7 });
    const again = demoReceipts(lines, { cutoff: '2026-03-31', seed: 7 });
    expect(first.map((r) => [r.receiptNumber, formatMoney(r.gross)])).toEqual(again.map((r) => [r.receiptNumber, formatMoney(r.gross)]));
    for (const line of lines) {
      const spent = sumMoney(first.filter((r) => r.code === line.code && r.fiscalYear === line.fiscalYear).map((r) => r.eligible));
      expect(spent.gt(0) && spent.lte(line.planned)).toBe(true);
    }
    expect(first.every((r) => r.paymentDate <= '2026-03-31' && r.gross.eq(r.eligible.plus(r.ineligible)))).toBe(true);
    expect(first.filter((r) => r.code === 'B2' && r.fiscalYear === 2026)).toHaveLength(3); // rent: January to March
  });

  it('draws each four-week window exactly and leaves the surplus on the last tranche', () => {
    const spending = [
      { code: 'A', paymentDate: '2024-01-05', eligible: d('100.00') },
      { code: 'B6', paymentDate: '2024-01-28', eligible: d('20.50') },
      { code: 'A', paymentDate: '2024-01-29', eligible: d('300.00') },
    ];
    const tranches = demoTranches(spending, [2024], '2024-02-15', d('50.00'));
    expect(tranches.map((t) => [t.payoutDate, t.lines.map((l) => `${l.code}:${formatMoney(l.amount)}`)])).toEqual([
      ['2024-01-01', ['A:100.00', 'B6:20.50']],
      ['2024-01-29', ['A:350.00']],
    ]);
  });
});
