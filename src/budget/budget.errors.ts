import { type Decimal } from 'decimal.js';

import { AppError, badInput, conflict, notFound } from '../common/errors/app-error.js';
import { formatMoney } from '../common/money/money.js';

const eur = (value: Decimal) => `${formatMoney(value)} EUR`;

/** The budget module's clerk-facing errors, in one place. */
export const BudgetErrors = {
  categoryCodeTaken: (code: string): AppError => badInput('code', `The programme already has a cost category "${code}".`),
  noPlan: (projectId: string): AppError => notFound('Budget plan of project', projectId),
  revisionNotFound: (projectId: string, number: number): AppError =>
    new AppError('NOT_FOUND', `Revision ${number} of the budget plan of project ${projectId} does not exist.`),
  planExists: (): AppError =>
    conflict('This project already has a financing plan; change it with a revision (reviseBudgetPlan) based on the latest revision.'),
  staleRevision: (base: number, latest: number): AppError =>
    conflict(
      `The plan was revised meanwhile: your change is based on revision ${base}, the latest is revision ${latest}. Reload the plan and apply your change again.`,
      {
        baseRevision: base,
        latestRevision: latest,
      },
    ),
  unknownCategory: (field: string, code: string): AppError =>
    badInput(field, `The cost category "${code}" does not exist in this programme.`),
  yearOutsidePeriod: (field: string, year: number, first: number, last: number): AppError =>
    badInput(field, `The fiscal year ${year} lies outside the approval period (${first}–${last}).`),
  negativeAmount: (field: string): AppError => badInput(field, 'Amounts in the plan must be 0.00 EUR or more.'),
  duplicate: (field: string, what: string): AppError => badInput(field, `${what} appears more than once; give each only once.`),
  instalmentsDoNotAddUp: (sum: Decimal, approved: Decimal): AppError =>
    badInput('instalments', `The annual instalments add up to ${eur(sum)}, but the approved total is ${eur(approved)}.`),
  grantDiffersFromInstalment: (year: number, grant: Decimal, instalment: Decimal): AppError =>
    badInput(
      'fundingSources',
      `In ${year} the federal grant among the funding sources is ${eur(grant)}, but the annual instalment is ${eur(instalment)}.`,
    ),
  planDoesNotBalance: (lines: Decimal, sources: Decimal): AppError =>
    badInput('lines', `The plan does not balance: the budget lines add up to ${eur(lines)}, the funding sources to ${eur(sources)}.`),
  effectiveBeforeBase: (base: string): AppError =>
    badInput('effectiveDate', `A revision cannot take effect before the revision it changes (effective ${base}).`),
  nothingChanged: (): AppError => badInput('lines', 'This revision changes nothing in the plan.'),
  revisionAndDate: (): AppError => badInput('revision', 'Ask for a plan either by revision number or by date, not both.'),
};
