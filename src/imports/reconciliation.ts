import type { Decimal } from 'decimal.js';

import { daysBetween, type LocalDate } from '../common/dates/local-date.js';

export interface BankPayment {
  line: number;
  bookingDate: LocalDate;
  valueDate: LocalDate | null;
  amount: Decimal;
  counterparty: string;
  text: string;
  reference: string | null;
}

export interface ReceiptToMatch {
  id: string;
  receiptNumber: string;
  paymentDate: LocalDate;
  payee: string;
  grossAmount: Decimal;
}

export interface PaymentMatch {
  payment: BankPayment;
  receipt: ReceiptToMatch;
  days: number;
  /** What agreed besides the amount: DATE is always true within the window. */
  criteria: ('AMOUNT' | 'DATE' | 'REFERENCE' | 'COUNTERPARTY')[];
}

/**
 * Matches bank debits to booked receipts: the amount must be equal and the receipt's payment date
 * within `windowDays` of the booking date; among candidates the receipt number found in the
 * reference or remittance text counts most, then a counterparty that agrees with the payee, then
 * the closer date. Each payment and each receipt is used once (best pairs first).
 */
export function matchPayments(payments: readonly BankPayment[], receipts: readonly ReceiptToMatch[], windowDays: number): PaymentMatch[] {
  const byAmount = new Map<string, ReceiptToMatch[]>();
  for (const r of receipts) byAmount.set(r.grossAmount.toFixed(2), [...(byAmount.get(r.grossAmount.toFixed(2)) ?? []), r]);
  const candidates: (PaymentMatch & { score: number })[] = [];
  for (const payment of payments) {
    for (const receipt of byAmount.get(payment.amount.toFixed(2)) ?? []) {
      const days = Math.abs(daysBetween(receipt.paymentDate, payment.bookingDate));
      if (days > windowDays) continue;
      const criteria: PaymentMatch['criteria'] = ['AMOUNT', 'DATE'];
      const haystack = `${payment.reference ?? ''} ${payment.text}`.toLowerCase();
      if (receipt.receiptNumber && haystack.includes(receipt.receiptNumber.toLowerCase())) criteria.push('REFERENCE');
      if (similarNames(payment.counterparty, receipt.payee)) criteria.push('COUNTERPARTY');
      const score = (criteria.includes('REFERENCE') ? 1000 : 0) + (criteria.includes('COUNTERPARTY') ? 100 : 0) + (windowDays - days);
      candidates.push({ payment, receipt, days, criteria, score });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.payment.line - b.payment.line || a.receipt.id.localeCompare(b.receipt.id));
  const usedPayments = new Set<number>();
  const usedReceipts = new Set<string>();
  const matches: PaymentMatch[] = [];
  for (const c of candidates) {
    if (usedPayments.has(c.payment.line) || usedReceipts.has(c.receipt.id)) continue;
    usedPayments.add(c.payment.line);
    usedReceipts.add(c.receipt.id);
    matches.push({ payment: c.payment, receipt: c.receipt, days: c.days, criteria: c.criteria });
  }
  return matches.sort((a, b) => a.payment.line - b.payment.line);
}

/** Two names agree when one's significant words (3+ letters, legal forms left out) are all in the other. */
export function similarNames(a: string, b: string): boolean {
  const words = (s: string) =>
    new Set(
      s
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 3 && !LEGAL_FORMS.has(w)),
    );
  const x = words(a);
  const y = words(b);
  if (!x.size || !y.size) return false;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  return [...small].every((w) => large.has(w));
}

const LEGAL_FORMS = new Set(['gmbh', 'mbh', 'und', 'co', 'kg', 'ohg', 'e.v', 'ggmbh', 'aor', 'ltd']);
