import { type AppError, badInput, conflict, forbidden, notFound } from '../common/errors/app-error.js';
import type { FailedRule } from './eligibility.js';

/** The participant module's clerk-facing errors, in one place. */
export const ParticipantErrors = {
  participantNotFound: (id: string) => notFound('Participant', id),
  noRules: (): AppError =>
    badInput(
      'projectId',
      'The programme of this project has no participant rules yet; an administrator must set them (setParticipantRules).',
    ),
  notEligible: (failed: FailedRule[]): AppError =>
    badInput(
      'eligibility',
      `Not eligible: ${failed.map((f) => `${f.code} (${f.message})`).join('; ')}. A case worker may register the person anyway with a written justification (eligibilityOverride).`,
      { failedRules: failed },
    ),
  duplicate: (pseudonym: string | null): AppError =>
    conflict(
      pseudonym
        ? `This person (same name and date of birth, or same social-insurance number) is already registered in this project as ${pseudonym}.`
        : 'This person (same name and date of birth, or same social-insurance number) is already registered in this project.',
      { field: 'identity' },
    ),
  entryOutsideProject: (): AppError => badInput('entryDate', "The entry date must lie within the project's approval period."),
  entryInFuture: (): AppError => badInput('entryDate', 'The entry date cannot be more than 90 days ahead.'),
  bornAfterEntry: (): AppError => badInput('identity.dateOfBirth', 'The date of birth must be before the entry date.'),
  bornTooEarly: (): AppError => badInput('identity.dateOfBirth', 'The date of birth must be in 1900 or later.'),
  consentInFuture: (field: string): AppError => badInput(field, 'A consent date cannot lie in the future.'),
  disabilityDegreeStep: (): AppError =>
    badInput('health.disabilityDegree', 'The degree of disability goes in steps of 10 (20, 30, … 100).'),
  alreadyExited: (): AppError => conflict('This participant has already left the project.'),
  erased: (): AppError => conflict('The identity of this participant was erased; the record can no longer change.'),
  exitBeforeEntry: (): AppError => badInput('exitDate', 'The exit date cannot be before the entry date.'),
  exitBeforeParticipation: (): AppError => badInput('exitDate', 'The exit date cannot be before the start of an open participation.'),
  exitBeforeParticipationEnd: (lastEnd: string): AppError =>
    badInput('exitDate', `The exit date cannot be before the end of a participation that has already ended (${lastEnd}).`),
  reEntryBeforeExit: (pseudonym: string, exitDate: string): AppError =>
    badInput('entryDate', `This person left the project as ${pseudonym} on ${exitDate}; a new entry must come after that exit.`),
  identityWithLaterEpisode: (): AppError =>
    conflict(
      'This person came back to the project: the identity is kept with the newest episode (see the episode that points to this one); change it there.',
    ),
  notExited: (): AppError => conflict('This participant has not left the project; there is no exit to correct.'),
  exitUnchanged: (): AppError => badInput('exitDate', 'The correction must change the exit date or the exit reason.'),
  reEnteredSince: (): AppError =>
    conflict(
      'This person has come back to the project since this exit (a later episode exists); the exit can no longer be corrected or withdrawn.',
    ),
  statusObservedAfterExit: (count: number): AppError =>
    conflict(
      `${count} status observation(s) after the exit are recorded; withdraw or correct them first, they would otherwise describe a time in the project.`,
    ),
  exitAfterLaterRecord: (date: string): AppError =>
    badInput('exitDate', `The exit cannot move past ${date}, when the participant's later records (a re-entry) begin.`),
  dateInFuture: (field: string): AppError => badInput(field, 'This date cannot lie in the future.'),
  identityForbidden: (): AppError => forbidden('Identity and health data are readable only by case workers of this project.'),
  justificationForbidden: (): AppError =>
    forbidden('The override justification is readable only by case workers and auditors of this project.'),
  ruleInvalid: (index: number, message: string): AppError => badInput(`eligibility.${index}`, message),
  rulesForbidden: (): AppError => forbidden('Only an administrator of the programme can set its participant rules.'),
};
