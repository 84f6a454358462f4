import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../budget/budget.enums.js';
import { financingRows, planVsActual, proofResult } from './numerical-proof.js';

const d = (v: string) => new Decimal(v);

describe('numerical proof', () => {
  it("flags a line over the programme's percent and one that the savings do not cover", () => {
    const rows = planVsActual(
      [
        { costCategoryId: 'b', code: 'B1', name: 'Honorare', sortOrder: 2, planned: d('1000.00'), actual: d('1200.00') },
        { costCategoryId: 'a', code: 'A', name: 'Personal', sortOrder: 1, planned: d('1000.00'), actual: d('700.00') },
        { costCategoryId: 'e', code: 'E', name: 'ohne Plan', sortOrder: 9, planned: d('0.00'), actual: d('0.01') },
      ],
      d('20'),
      false,
    );
    expect(
      rows.map((r) => [r.code, r.deviation.toFixed(2), r.deviationPercent?.toFixed(2) ?? null, r.overPercent, r.needsRevision]),
    ).toEqual([
      ['A', '-300.00', '-30.00', false, false],
      ['B1', '200.00', '20.00', false, false], // exactly 20 % and covered by A's savings
      ['E', '0.01', null, true, true], // spending without a plan line always needs a revision
    ]);
  });

  it('computes the grant share with the funding rate, rounded half up to cents, and the over- or underpayment', () => {
    const drawdowns = [
      {
        id: '1',
        fiscalYear: 2023,
        number: 1,
        kind: 'TRANCHE',
        date: '2023-01-01',
        amount: d('1000.00'),
        used: d('900.00'),
        usedForEarlier: d('0.00'),
        usedForLater: d('0.00'),
        repaid: d('0.00'),
        balance: d('100.00'),
        interestOwed: d('1.23'),
      },
      {
        id: '2',
        fiscalYear: 2023,
        number: 2,
        kind: 'REPAYMENT',
        date: '2023-06-01',
        amount: d('-50.00'),
        used: null,
        usedForEarlier: null,
        usedForLater: null,
        repaid: d('-50.00'),
        balance: null,
        interestOwed: null,
      },
    ];
    const result = proofResult(d('1000.05'), d('90'), d('5000.00'), drawdowns);
    expect(result.grantShare.toFixed(2)).toBe('900.05'); // 900.045 → 900.05
    expect(result.received.toFixed(2)).toBe('950.00');
    expect(result.overpayment.toFixed(2)).toBe('49.95');
    expect(result.interestOwed.toFixed(2)).toBe('1.23');
    expect(proofResult(d('10000.00'), d('100'), d('5000.00'), []).grantShare.toFixed(2)).toBe('5000.00');
  });

  it('proves the financing: the grant by its payouts, third-party funds and income as none booked, own funds as the rest of the spending', () => {
    const planned = new Map([
      [FundingSourceKind.FEDERAL_GRANT, d('900.00')],
      [FundingSourceKind.OWN_FUNDS, d('80.00')],
      [FundingSourceKind.THIRD_PARTY_FUNDS, d('20.00')],
    ]);
    const actual = (rows: ReturnType<typeof financingRows>) => rows.map((r) => [r.kind, r.planned.toFixed(2), r.actual.toFixed(2)]);
    const under = proofResult(d('1000.05'), d('90'), d('5000.00'), [
      {
        id: '1',
        fiscalYear: 2023,
        number: 1,
        kind: 'TRANCHE',
        date: '2023-01-01',
        amount: d('850.00'),
        used: d('850.00'),
        usedForEarlier: d('0.00'),
        usedForLater: d('0.00'),
        repaid: d('0.00'),
        balance: d('0.00'),
        interestOwed: d('0.00'),
      },
    ]);
    expect(actual(financingRows(planned, under))).toEqual([
      [FundingSourceKind.FEDERAL_GRANT, '900.00', '850.00'],
      [FundingSourceKind.OWN_FUNDS, '80.00', '150.05'], // 1000.05 spent − 850.00 received
      [FundingSourceKind.THIRD_PARTY_FUNDS, '20.00', '0.00'],
      [FundingSourceKind.INCOME, '0.00', '0.00'],
    ]);
    // more grant received than spent: no own funds, and the cover exceeds the spending by the overpayment
    const over = proofResult(d('1000.00'), d('100'), d('5000.00'), [
      {
        id: '1',
        fiscalYear: 2023,
        number: 1,
        kind: 'TRANCHE',
        date: '2023-01-01',
        amount: d('1200.00'),
        used: d('1000.00'),
        usedForEarlier: d('0.00'),
        usedForLater: d('0.00'),
        repaid: d('0.00'),
        balance: d('200.00'),
        interestOwed: d('0.00'),
      },
    ]);
    const rows = financingRows(planned, over);
    expect(rows.find((r) => r.kind === FundingSourceKind.OWN_FUNDS)!.actual.toFixed(2)).toBe('0.00');
    expect(
      rows
        .reduce((s, r) => s.plus(r.actual), d('0'))
        .minus(over.eligibleSpending)
        .toFixed(2),
    ).toBe(over.overpayment.toFixed(2));
  });
});
