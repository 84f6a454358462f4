import { registerEnumType } from '@nestjs/graphql';

/** Zwischennachweis (one fiscal year) or Verwendungsnachweis (the whole approval period). */
export enum ProofKind {
  INTERIM = 'INTERIM',
  FINAL = 'FINAL',
}

/** Proof lifecycle (docs/domain.md#lifecycles): OPEN → IN_PREPARATION → SUBMITTED → QUERIES → ACCEPTED (or accepted with reclaim). */
export enum ProofStatus {
  OPEN = 'OPEN',
  IN_PREPARATION = 'IN_PREPARATION',
  SUBMITTED = 'SUBMITTED',
  QUERIES = 'QUERIES',
  ACCEPTED = 'ACCEPTED',
  ACCEPTED_WITH_RECLAIM = 'ACCEPTED_WITH_RECLAIM',
}

const NEXT: Record<ProofStatus, ProofStatus[]> = {
  [ProofStatus.OPEN]: [ProofStatus.IN_PREPARATION],
  [ProofStatus.IN_PREPARATION]: [ProofStatus.SUBMITTED],
  // Queries end in acceptance, or the grantee corrects the proof and resubmits it as a new frozen
  // version (the earlier versions stay stored and listed).
  [ProofStatus.SUBMITTED]: [ProofStatus.QUERIES, ProofStatus.ACCEPTED, ProofStatus.ACCEPTED_WITH_RECLAIM],
  [ProofStatus.QUERIES]: [ProofStatus.SUBMITTED, ProofStatus.ACCEPTED, ProofStatus.ACCEPTED_WITH_RECLAIM],
  [ProofStatus.ACCEPTED]: [],
  [ProofStatus.ACCEPTED_WITH_RECLAIM]: [],
};

export function canMoveProof(from: ProofStatus, to: ProofStatus): boolean {
  return NEXT[from].includes(to);
}

/** Statuses after which the files and figures are frozen. */
export const FROZEN_STATUSES = [ProofStatus.SUBMITTED, ProofStatus.QUERIES, ProofStatus.ACCEPTED, ProofStatus.ACCEPTED_WITH_RECLAIM];

/** Parts of a proof; ANALYST sees only the aggregated ones. */
export enum ProofPart {
  /** Deckblatt: grant decision and amendments, the result, the confirmation and signature lines. */
  COVER = 'COVER',
  PLAN_VS_ACTUAL = 'PLAN_VS_ACTUAL',
  FINANCING = 'FINANCING',
  DRAWDOWNS = 'DRAWDOWNS',
  RESULT = 'RESULT',
  RECEIPTS = 'RECEIPTS',
  INDICATORS = 'INDICATORS',
  PARTICIPANTS = 'PARTICIPANTS',
  PREFLIGHT = 'PREFLIGHT',
  /** Schlussabrechnung with its Berechnung: the final proof only. */
  SETTLEMENT = 'SETTLEMENT',
}

export const AGGREGATED_PARTS = [ProofPart.INDICATORS, ProofPart.PARTICIPANTS];

registerEnumType(ProofKind, {
  name: 'ProofKind',
  description: 'INTERIM: Zwischennachweis of one fiscal year; FINAL: Verwendungsnachweis.',
});
registerEnumType(ProofStatus, {
  name: 'ProofStatus',
  description: 'OPEN → IN_PREPARATION → SUBMITTED → QUERIES → ACCEPTED (or ACCEPTED_WITH_RECLAIM).',
});
registerEnumType(ProofPart, { name: 'ProofPart', description: 'One part (sheet, CSV file) of a proof.' });
