import { addMonths, fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ProofKind } from './proof.enums.js';

export interface ProofRules {
  interimProofDueMonth: number;
  interimProofDueDay: number;
  finalProofDueMonths: number;
}

export interface DueProof {
  kind: ProofKind;
  /** The fiscal year of an interim proof; null for the final proof. */
  fiscalYear: number | null;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  dueDate: LocalDate;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The proofs a project owes (ANBest-P Nr. 6, configurable per programme): an interim proof for
 * each fiscal year of the approval period except the last, due on the programme's month/day of
 * the next year; and the final proof, due finalProofDueMonths after the approval period ends.
 */
export function proofsOwed(approvalStart: LocalDate, approvalEnd: LocalDate, rules: ProofRules): DueProof[] {
  const first = fiscalYearOf(approvalStart);
  const last = fiscalYearOf(approvalEnd);
  const owed: DueProof[] = [];
  for (let year = first; year < last; year++) {
    owed.push({
      kind: ProofKind.INTERIM,
      fiscalYear: year,
      ...interimPeriod(year, approvalStart, approvalEnd),
      dueDate: `${year + 1}-${pad(rules.interimProofDueMonth)}-${pad(rules.interimProofDueDay)}`,
    });
  }
  owed.push({
    kind: ProofKind.FINAL,
    fiscalYear: null,
    periodFrom: approvalStart,
    periodTo: approvalEnd,
    dueDate: addMonths(approvalEnd, rules.finalProofDueMonths),
  });
  return owed;
}

/** The fiscal year, clipped to the approval period. */
export function interimPeriod(
  year: number,
  approvalStart: LocalDate,
  approvalEnd: LocalDate,
): { periodFrom: LocalDate; periodTo: LocalDate } {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return { periodFrom: from < approvalStart ? approvalStart : from, periodTo: to > approvalEnd ? approvalEnd : to };
}
