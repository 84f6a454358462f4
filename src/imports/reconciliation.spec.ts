import { Decimal } from 'decimal.js';

import { matchPayments, similarNames } from './reconciliation.js';

const payment = (line: number, bookingDate: string, amount: string, counterparty: string, text = '', reference: string | null = null) => ({
  line,
  bookingDate,
  valueDate: bookingDate,
  amount: new Decimal(amount),
  counterparty,
  text,
  reference,
});
const receipt = (id: string, receiptNumber: string, paymentDate: string, amount: string, payee: string) => ({
  id,
  receiptNumber,
  paymentDate,
  grossAmount: new Decimal(amount),
  payee,
});

describe('bank reconciliation', () => {
  it('matches on equal amount inside the date window, preferring reference, then counterparty, then the closer date', () => {
    const receipts = [
      receipt('r1', 'RE-1', '2024-03-01', '100.00', 'Nordlicht GmbH'),
      receipt('r2', 'RE-2', '2024-03-03', '100.00', 'Talblick KG'),
      receipt('r3', 'RE-3', '2024-03-30', '50.00', 'Fern'),
    ];
    const payments = [
      payment(10, '2024-03-04', '100.00', 'Talblick', 'Miete'),
      payment(20, '2024-03-05', '100.00', 'Irgendwer', 'Rechnung RE-1'),
      payment(30, '2024-03-05', '50.00', 'Fern'),
    ];
    const matches = matchPayments(payments, receipts, 7);
    expect(matches.map((m) => [m.payment.line, m.receipt.id, m.criteria])).toEqual([
      [10, 'r2', ['AMOUNT', 'DATE', 'COUNTERPARTY']],
      [20, 'r1', ['AMOUNT', 'DATE', 'REFERENCE']],
    ]);
  });

  it('compares names by their significant words, ignoring legal forms and accents', () => {
    expect(similarNames('Immobilien Talblick GmbH & Co. KG', 'IMMOBILIEN TALBLICK')).toBe(true);
    expect(similarNames('Büromöbel Schäfer', 'Buromobel Schafer GmbH')).toBe(true);
    expect(similarNames('Stadtwerke', 'Nordlicht')).toBe(false);
  });
});
