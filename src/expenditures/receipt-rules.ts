import { validateSync } from 'class-validator';
import { type Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import type { AppError } from '../common/errors/app-error.js';
import { flattenValidationErrors } from '../common/errors/validation.js';
import { overrunCeiling } from '../budget/overrun-rule.js';
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
export function receiptRuleErrors(project: ReceiptProjectTerms, receipt: ExpenditureFieldsInput, lines: readonly PlanLine[], prefix: string): AppError[] {
  const errors: AppError[] = [];
  if (receipt.paymentDate < project.approvalStart || receipt.paymentDate > project.approvalEnd) {
    errors.push(ExpenditureErrors.paymentOutsidePeriod(`${prefix}.paymentDate`, project.approvalStart, project.approvalEnd));
  }
  if (receipt.grossAmount.lte(0)) errors.push(ExpenditureErrors.grossNotPositive(`${prefix}.grossAmount`));
  if (receipt.ineligibleAmount.lt(0) || receipt.ineligibleAmount.gt(receipt.grossAmount)) errors.push(ExpenditureErrors.ineligibleOutOfRange(`${prefix}.ineligibleAmount`));
  const expected = receipt.grossAmount.minus(receipt.ineligibleAmount);
  if (!receipt.eligibleAmount.eq(expected)) errors.push(ExpenditureErrors.eligibleMismatch(`${prefix}.eligibleAmount`, expected));
  if (!lines.some((l) => l.costCategoryId === receipt.costCategoryId)) errors.push(ExpenditureErrors.categoryNotInPlan(`${prefix}.costCategoryId`, fiscalYearOf(receipt.paymentDate)));
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
