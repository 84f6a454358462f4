import { type AppError, badInput, notFound } from '../common/errors/app-error.js';

/** The programme module's clerk-facing errors, in one place. */
export const ProgramErrors = {
  projectNotFound: (id: string) => notFound('Project', id),
  programCodeTaken: (code: string): AppError => badInput('code', `A funding programme with the code "${code}" already exists.`),
  fileNumberTaken: (fileNumber: string): AppError =>
    badInput('fileNumber', `The file number "${fileNumber}" is already used by another project of this programme.`),
  periodEndsBeforeStart: (): AppError => badInput('approvalEnd', 'The approval period must end after it starts.'),
  totalNotPositive: (): AppError => badInput('approvedTotal', 'The approved total must be more than 0.00 EUR.'),
  fundingRateOutOfRange: (): AppError => badInput('fundingRate', 'The funding rate must be above 0 and at most 100 percent.'),
  fullFinancingNeeds100: (): AppError => badInput('fundingRate', 'Full financing (Vollfinanzierung) always funds 100 percent.'),
  financingTypeNotAllowed: (type: string): AppError =>
    badInput('financingType', `The programme does not allow the financing type ${type}.`),
  overrunPercentOutOfRange: (): AppError =>
    badInput('rules.lineOverrunPercent', 'The allowed line overrun must lie between 0 and 100 percent.'),
  dueDayInvalid: (): AppError => badInput('rules.interimProofDueDay', 'The interim proof due day does not exist in that month.'),
};
