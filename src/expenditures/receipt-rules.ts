import { validateSync } from 'class-validator';
import { type Decimal } from 'decimal.js';

import { addDays, fiscalYearOf, type LocalDate, todayUtc } from '../common/dates/local-date.js';
import type { AppError } from '../common/errors/app-error.js';
import { flattenValidationErrors } from '../common/errors/validation.js';
import { overrunCeiling } from '../budget/overrun-rule.js';
import { cleanText } from '../common/text/text-policy.js';
import { FinancingType } from '../programs/programs.enums.js';
import type { PlanLine } from '../budget/plan-in-force.js';
import { ExpenditureFieldsInput } from './dto/expenditure.inputs.js';
import { ExpenditureErrors } from './expenditures.errors.js';

/** What the single-receipt rules need to know of the project. */
export interface ReceiptProjectTerms {
  approvalStart: LocalDate;
  approvalEnd: LocalDate;
  financingType: FinancingType;
}

/** The most a plan line may spend: the budget module's overrun ceiling (ANBest-P 1.2); the plan itself for fixed amounts. */
export function lineLimit(project: ReceiptProjectTerms, line: PlanLine): Decimal {
  return project.financingType === FinancingType.FIXED_AMOUNT ? line.planned : overrunCeiling(line.planned, line.lineOverrunPercent);
}

/**
 * The single-receipt rules of the ledger that need no lock, in the order recordExpenditure reports
 * them: payment date inside the approval period, gross > 0, 0 ≤ ineligible ≤ gross, eligible =
 * gross − ineligible, a plan line for the category in that year. `lines` is the plan of the
 * receipt's fiscal year. Returns every broken rule (the single booking throws the first).
 */
export function receiptRuleErrors(
  project: ReceiptProjectTerms,
  receipt: ExpenditureFieldsInput,
  lines: readonly PlanLine[],
  prefix: string,
  latestPaymentDate: LocalDate,
): AppError[] {
  const errors: AppError[] = [];
  if (receipt.paymentDate < project.approvalStart || receipt.paymentDate > project.approvalEnd) {
    errors.push(ExpenditureErrors.paymentOutsidePeriod(`${prefix}.paymentDate`, project.approvalStart, project.approvalEnd));
  }
  // Money not yet paid is not spent; an invoice dated after its payment needs a reason.
  if (receipt.paymentDate > latestPaymentDate) errors.push(ExpenditureErrors.paymentInFuture(`${prefix}.paymentDate`, latestPaymentDate));
  if (receipt.invoiceDate > receipt.paymentDate && !receipt.invoiceDateNote?.trim())
    errors.push(ExpenditureErrors.invoiceAfterPayment(`${prefix}.invoiceDate`));
  if (receipt.grossAmount.lte(0)) errors.push(ExpenditureErrors.grossNotPositive(`${prefix}.grossAmount`));
  if (receipt.ineligibleAmount.lt(0) || receipt.ineligibleAmount.gt(receipt.grossAmount))
    errors.push(ExpenditureErrors.ineligibleOutOfRange(`${prefix}.ineligibleAmount`));
  const expected = receipt.grossAmount.minus(receipt.ineligibleAmount);
  if (!receipt.eligibleAmount.eq(expected)) errors.push(ExpenditureErrors.eligibleMismatch(`${prefix}.eligibleAmount`, expected));
  if (!lines.some((l) => l.costCategoryId === receipt.costCategoryId))
    errors.push(ExpenditureErrors.categoryNotInPlan(`${prefix}.costCategoryId`, fiscalYearOf(receipt.paymentDate)));
  return errors;
}

/**
 * The input rules of `ExpenditureFieldsInput` (class-validator, as the GraphQL pipe applies them)
 * for receipts that do not arrive through GraphQL (imports): field and message per problem.
 */
export function receiptInputProblems(receipt: ExpenditureFieldsInput, prefix: string): { field: string; message: string }[] {
  const instance = Object.assign(Object.create(ExpenditureFieldsInput.prototype) as ExpenditureFieldsInput, receipt);
  return flattenValidationErrors(validateSync(instance, { forbidUnknownValues: false }), prefix);
}

/**
 * The text policy for receipts that do not pass the GraphQL input pipe (imports, batches):
 * the receipt with its texts in stored form, and a problem per refused or blank text.
 */
export function cleanReceiptTexts<T extends Pick<ExpenditureFieldsInput, 'receiptNumber' | 'payee' | 'purpose'>>(
  receipt: T,
  prefix: string,
): { receipt: T; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const cleaned = { ...receipt };
  for (const key of ['receiptNumber', 'payee', 'purpose'] as const) {
    const field = `${prefix}.${key}`;
    if (typeof receipt[key] !== 'string') continue;
    try {
      cleaned[key] = cleanText(receipt[key], field);
      if (!cleaned[key]) problems.push({ field, message: `${field} must not be blank.` });
    } catch (error) {
      problems.push({ field, message: (error as Error).message });
    }
  }
  return { receipt: cleaned, problems };
}

/** The latest payment date accepted today: today plus PAYMENT_DATE_TOLERANCE_DAYS (a transfer booked ahead of its value date). */
export const paymentDateLimit = (toleranceDays: number): LocalDate => addDays(todayUtc(), toleranceDays);
