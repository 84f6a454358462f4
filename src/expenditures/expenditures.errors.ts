import { type Decimal } from 'decimal.js';

import { AppError, badInput, conflict, notFound } from '../common/errors/app-error.js';
import { formatMoney } from '../common/money/money.js';

const eur = (value: Decimal) => `${formatMoney(value)} EUR`;

/** The receipt ledger's clerk-facing errors, in one place. */
export const ExpenditureErrors = {
  notFound: (id: string) => notFound('Expenditure', id),
  paymentOutsidePeriod: (field: string, start: string, end: string): AppError =>
    badInput(field, `The payment date must lie inside the approval period (${start} to ${end}).`),
  paymentInFuture: (field: string, latest: string): AppError =>
    badInput(field, `The payment date lies in the future; money counts as spent once it is paid (latest accepted today: ${latest}).`),
  invoiceAfterPayment: (field: string): AppError =>
    badInput(field, 'The invoice date is after the payment date; correct it, or say why in invoiceDateNote (e.g. a prepayment).'),
  grossNotPositive: (field: string): AppError => badInput(field, 'The gross amount must be more than 0.00 EUR.'),
  ineligibleOutOfRange: (field: string): AppError => badInput(field, 'The ineligible part must lie between 0.00 EUR and the gross amount.'),
  eligibleMismatch: (field: string, expected: Decimal): AppError =>
    badInput(field, `The eligible amount must be gross minus ineligible: ${eur(expected)}.`),
  categoryNotInPlan: (field: string, year: number): AppError =>
    badInput(field, `This cost category has no budget line in the plan for ${year}.`),
  // CONFLICT as the README documents; numbers are compared in their normalised form (receipt_key).
  receiptNumberTaken: (field: string, number: string): AppError =>
    new AppError(
      'CONFLICT',
      `The receipt number "${number}" is already booked in this project (spelling, spaces and case do not make a new number); correct the booking by reversing it instead.`,
      field,
    ),
  overLine: (field: string, limit: Decimal, spent: Decimal, code: string, year: number): AppError =>
    badInput(
      field,
      `This booking would bring the eligible spending of ${code} in ${year} to ${eur(spent)}, above the most the plan allows (${eur(limit)} including the allowed overrun).`,
    ),
  notReversible: (reason: string): AppError => conflict(`This entry cannot be reversed: ${reason}.`),
  statusNotAllowed: (from: string, to: string): AppError => conflict(`An entry in status ${from} cannot move to ${to}.`),
  rejectNeedsComment: (): AppError => badInput('comment', 'Say why the receipt is rejected.'),
  cannotReject: (): AppError =>
    conflict('A reversal, or a booking already reversed, cannot be rejected; the reversal already takes it out.'),
};
