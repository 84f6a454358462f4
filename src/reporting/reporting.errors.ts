import { badInput, conflict, forbidden, notFound } from '../common/errors/app-error.js';

export const ReportingErrors = {
  noInterimProof: (year: number) =>
    badInput(
      'fiscalYear',
      `No interim proof is owed for ${year}: interim proofs cover each fiscal year of the approval period except the last.`,
    ),
  yearNeeded: () => badInput('fiscalYear', 'An interim proof needs its fiscal year.'),
  yearNotAllowed: () => badInput('fiscalYear', 'The final proof covers the whole approval period; leave the fiscal year out.'),
  badAsOf: (value: string) => badInput('asOf', `"${value}" is not a date (YYYY-MM-DD).`),
  futureAsOf: (asOf: string, today: string) =>
    badInput('asOf', `The as-of date ${asOf} is in the future (today is ${today}): a proof can only state what has happened.`),
  asOfBeforePeriod: (asOf: string, from: string) =>
    badInput('asOf', `The as-of date ${asOf} lies before the proof's period, which begins on ${from}.`),
  frozenAsOf: (frozen: string, asked: string) =>
    badInput(
      'asOf',
      `This proof was submitted as of ${frozen}; its files cannot be had as of ${asked}. Leave asOf out, or ask for an earlier version.`,
      { frozenAsOf: frozen },
    ),
  noVersion: (version: number) => badInput('version', `The proof has no submitted version ${version}.`),
  explanationFrozen: (status: string) =>
    conflict(`The proof is ${status}: its explanations are frozen with the submitted files.`, { status }),
  unknownCategory: (id: string) => badInput('costCategoryId', `Cost category ${id} does not belong to this project's programme.`),
  badTransition: (from: string, to: string) => conflict(`A proof in status ${from} cannot move to ${to}.`, { from, to }),
  transitionForbidden: (to: string) => forbidden(`Your role may not move a proof to ${to}.`),
  fileNotFound: (name: string) => notFound('Export file', name),
  aggregatedOnly: () => forbidden('Your role may fetch only the aggregated parts (indicator report, participant statistics).'),
};
