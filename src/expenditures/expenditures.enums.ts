import { registerEnumType } from '@nestjs/graphql';

/** A ledger row is a booking or the reversal (Storno) of one; the reversal carries negated amounts. */
export enum EntryKind {
  BOOKING = 'BOOKING',
  REVERSAL = 'REVERSAL',
}

/** Expenditure lifecycle (docs/domain.md#lifecycles): recorded → checked → included in a proof; rejected stays visible. */
export enum ExpenditureStatus {
  RECORDED = 'RECORDED',
  CHECKED = 'CHECKED',
  INCLUDED_IN_PROOF = 'INCLUDED_IN_PROOF',
  /** Not eligible at all: stays in the ledger, no longer counts as spent. */
  REJECTED = 'REJECTED',
}

const NEXT: Record<ExpenditureStatus, ExpenditureStatus[]> = {
  [ExpenditureStatus.RECORDED]: [ExpenditureStatus.CHECKED, ExpenditureStatus.REJECTED],
  [ExpenditureStatus.CHECKED]: [ExpenditureStatus.INCLUDED_IN_PROOF, ExpenditureStatus.REJECTED],
  [ExpenditureStatus.INCLUDED_IN_PROOF]: [],
  [ExpenditureStatus.REJECTED]: [],
};

export function canMoveTo(from: ExpenditureStatus, to: ExpenditureStatus): boolean {
  return NEXT[from].includes(to);
}

registerEnumType(EntryKind, { name: 'EntryKind', description: 'A booking, or the reversal (Storno) of one.' });
registerEnumType(ExpenditureStatus, {
  name: 'ExpenditureStatus',
  description: 'recorded → checked → included in a proof; rejected stays visible.',
});
