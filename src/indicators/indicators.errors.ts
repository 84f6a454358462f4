import { type AppError, badInput, conflict, forbidden, notFound } from '../common/errors/app-error.js';

/** The indicator module's clerk-facing errors, in one place. */
export const IndicatorErrors = {
  indicatorNotFound: (id: string) => notFound('Indicator', id),
  updateNotFound: (id: string) => notFound('Indicator update', id),
  periodNotFound: (id: string) => notFound('Reporting period', id),
  indicatorOfOtherProgramme: (): AppError => badInput('indicatorId', "This indicator belongs to another programme's catalogue."),
  notManual: (code: string): AppError =>
    badInput('indicatorId', `Indicator ${code} is computed from participant data; it takes no manual updates.`),
  targetNegative: (field: string): AppError => badInput(field, 'Targets, milestones and baselines cannot be negative.'),
  percentAbove100: (field: string): AppError => badInput(field, 'A percentage cannot exceed 100.'),
  wholePersons: (field: string): AppError => badInput(field, 'A number of persons is a whole number.'),
  yearOutsideProject: (year: number): AppError => badInput('years', `${year} lies outside the project\'s approval period.`),
  duplicateYear: (year: number): AppError => badInput('years', `The year ${year} is given twice.`),
  periodEndsBeforeStart: (field = 'periodTo'): AppError => badInput(field, 'The period must not end before it starts.'),
  periodOutsideProject: (field = 'periodFrom'): AppError => badInput(field, "The period must lie inside the project's approval period."),
  periodOverlaps: (label: string): AppError => badInput('periodFrom', `The period overlaps the reporting period "${label}".`),
  percentNeedsShare: (): AppError =>
    badInput('denominator', 'A percentage needs its numerator and denominator, and the value must be their share.'),
  valueNegative: (): AppError => badInput('value', 'The value cannot be negative.'),
  updateNotEditable: (status: string): AppError =>
    conflict(`Only a draft or returned update can be changed or submitted; this one is ${status}.`),
  updateNotSubmitted: (status: string): AppError => conflict(`Only a submitted update can be approved or returned; this one is ${status}.`),
  ownApproval: (): AppError => forbidden('You submitted this update; a different person must approve or return it (four eyes).'),
  alreadyLocked: (label: string): AppError => conflict(`The reporting period "${label}" is already locked.`),
  earlierPeriodOpen: (label: string): AppError => conflict(`The earlier reporting period "${label}" must be locked first.`),
  noParticipantRules: (): AppError =>
    badInput(
      'minCellSize',
      'This programme has no participant rules yet, and the small-cell threshold is one of them: set the participant rules first.',
    ),
  notProgramAdmin: (): AppError => forbidden('Only an administrator of the programme changes its indicator settings.'),
  codeTaken: (code: string): AppError => badInput('code', `The programme already has an indicator with the code "${code}".`),
  unknownRule: (field: string, rule: string): AppError => badInput(field, `There is no counting rule "${rule}".`),
  ruleMissing: (): AppError => badInput('rule', 'A computed indicator names its counting rule.'),
  ruleOnManual: (): AppError => badInput('rule', 'A manual indicator has no counting rule.'),
  denominatorMissing: (): AppError => badInput('denominatorRule', 'A computed percentage names the counting rule of its denominator.'),
  denominatorNotPercent: (): AppError => badInput('denominatorRule', 'Only a percentage has a denominator.'),
  notApprover: (): AppError => forbidden("Only the programme's grantor or an administrator approves this."),
};
