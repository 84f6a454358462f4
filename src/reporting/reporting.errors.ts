import { badInput, conflict, forbidden, notFound } from '../common/errors/app-error.js';

export const ReportingErrors = {
  noInterimProof: (year: number) => badInput('fiscalYear', `No interim proof is owed for ${year}: interim proofs cover each fiscal year of the approval period except the last.`),
  yearNeeded: () => badInput('fiscalYear', 'An interim proof needs its fiscal year.'),
  yearNotAllowed: () => badInput('fiscalYear', 'The final proof covers the whole approval period; leave the fiscal year out.'),
  badAsOf: (value: string) => badInput('asOf', `"${value}" is not a date (YYYY-MM-DD).`),
  badTransition: (from: string, to: string) => conflict(`A proof in status ${from} cannot move to ${to}.`, { from, to }),
  transitionForbidden: (to: string) => forbidden(`Your role may not move a proof to ${to}.`),
  fileNotFound: (name: string) => notFound('Export file', name),
  aggregatedOnly: () => forbidden('Your role may fetch only the aggregated parts (indicator report, participant statistics).'),
};
