import { type Decimal } from 'decimal.js';

import { type AppError, badInput, conflict, forbidden, notFound } from '../common/errors/app-error.js';
import { formatMoney } from '../common/money/money.js';

const eur = (value: Decimal) => `${formatMoney(value)} EUR`;

/** The tranches module's clerk-facing errors, in one place. */
export const TrancheErrors = {
  drawdownNotFound: (id: string) => notFound('Drawdown', id),
  payoutOutsidePeriod: (field: string, start: string, end: string): AppError =>
    badInput(field, `The date must lie inside the approval period (${start} to ${end}).`),
  neededBeforePayout: (): AppError => badInput('neededUntil', 'The needed-until date cannot lie before the expected payout.'),
  beyondHorizon: (latest: string, days: number): AppError =>
    badInput(
      'neededUntil',
      `Funds may only be drawn for payments due within ${days} days of the payout, so needed-until can be ${latest} at the latest.`,
    ),
  noLines: (): AppError => badInput('lines', 'Give at least one cost category with an amount.'),
  amountNotPositive: (index: number): AppError => badInput(`lines.${index}.amount`, 'Each amount must be more than 0.00 EUR.'),
  duplicateCategory: (index: number): AppError =>
    badInput(`lines.${index}.costCategoryId`, 'A cost category appears more than once; give each only once.'),
  categoryNotInPlan: (index: number, year: number): AppError =>
    badInput(`lines.${index}.costCategoryId`, `This cost category has no budget line in the plan for ${year}.`),
  noInstalment: (year: number): AppError =>
    badInput('expectedPayoutDate', `The plan has no annual instalment for ${year}; enter the financing plan first.`),
  exceedsInstalment: (requested: Decimal, available: Decimal, year: number): AppError =>
    badInput(
      'lines',
      `This request of ${eur(requested)} exceeds what is left of the ${year} instalment: ${eur(available)} (instalment minus everything requested, approved or disbursed).`,
      {
        available: formatMoney(available),
      },
    ),
  notInStatus: (action: string, status: string): AppError => conflict(`A drawdown in status ${status} cannot be ${action}.`),
  selfApproval: (): AppError =>
    forbidden('Four eyes: a drawdown must be approved or rejected by someone other than the person who planned or requested it.'),
  rejectNeedsComment: (): AppError => badInput('comment', 'Say why the request is rejected.'),
  disbursedAmountDiffers: (approved: Decimal): AppError =>
    badInput(
      'amount',
      `The paid-out amount must equal the approved ${eur(approved)}; record a different payout as a new drawdown or a repayment.`,
    ),
  payoutYear: (year: number): AppError => badInput('payoutDate', `The payout must fall in the fiscal year ${year} it was requested for.`),
  reasonRequired: (): AppError => badInput('reason', 'A repayment or reclaim needs a reason.'),
  relatedNotPaid: (): AppError =>
    badInput('relatesToDrawdownId', 'A repayment can only refer to a tranche of this project that was paid out.'),
  exceedsDrawn: (available: Decimal): AppError =>
    badInput('lines', `More would go back than was drawn for this cost category and year (at most ${eur(available)}).`),
};
