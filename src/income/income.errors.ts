import { FundingSourceKind } from '../budget/budget.enums.js';
import { type AppError, badInput, conflict, notFound } from '../common/errors/app-error.js';

const SOURCE_LABELS: Record<FundingSourceKind, string> = {
  [FundingSourceKind.FEDERAL_GRANT]: 'Zuwendung (federal grant)',
  [FundingSourceKind.OWN_FUNDS]: 'Eigenmittel (own funds)',
  [FundingSourceKind.THIRD_PARTY_FUNDS]: 'Drittmittel (third-party funds)',
  [FundingSourceKind.INCOME]: 'Einnahmen (income)',
};

/** The income ledger's clerk-facing errors, in one place. */
export const IncomeErrors = {
  notFound: (id: string) => notFound('Income', id),
  paymentOutsidePeriod: (field: string, start: string, end: string): AppError =>
    badInput(field, `The payment date must lie inside the approval period (${start} to ${end}).`),
  amountNotPositive: (field: string): AppError =>
    badInput(field, 'An income amount must be more than 0.00 EUR; to take a booking back, reverse it (reverseIncome) with a reason.'),
  grantIsNotIncome: (field: string): AppError =>
    badInput(
      field,
      'The federal grant is not booked as income: it arrives through drawdowns (disburseDrawdown); repayments are recorded with recordRepayment.',
    ),
  sourceNotInPlan: (field: string, source: FundingSourceKind, year: number): AppError =>
    badInput(
      field,
      `The financing plan in force has no funding source ${SOURCE_LABELS[source]} for ${year}; amend the plan (reviseBudgetPlan) before booking such income.`,
    ),
  typeDoesNotFit: (field: string, type: string, source: FundingSourceKind): AppError =>
    badInput(field, `Income of type ${type} does not belong to the funding source ${SOURCE_LABELS[source]}.`),
  categoryNotInPlan: (field: string, year: number): AppError =>
    badInput(field, `This cost category has no budget line in the plan for ${year}.`),
  notReversible: (reason: string): AppError => conflict(`This income cannot be reversed: ${reason}.`),
};
