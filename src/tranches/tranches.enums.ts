import { registerEnumType } from '@nestjs/graphql';

import { DrawdownStatus } from './drawdown-lifecycle.js';

/** What kind of money movement a drawdown row is; repayments and reclaims are negative tranches. */
export enum DrawdownKind {
  /** Mittelabruf: money requested from the grantor (positive). */
  TRANCHE = 'TRANCHE',
  /** The grantee pays unused money back on its own (negative, with a reason). */
  REPAYMENT = 'REPAYMENT',
  /** Rückforderung: the grantor claims money back (negative, with a reason). */
  RECLAIM = 'RECLAIM',
}

export enum ApprovalDecision {
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

registerEnumType(DrawdownStatus, {
  name: 'DrawdownStatus',
  description: 'Lifecycle of a drawdown (docs/domain.md#lifecycles); use states follow from the FIFO allocation.',
});
registerEnumType(DrawdownKind, {
  name: 'DrawdownKind',
  description: 'A tranche drawn from the grantor, or a negative tranche (repayment, reclaim).',
});
registerEnumType(ApprovalDecision, { name: 'ApprovalDecision' });

export { DrawdownStatus };

/** Stored statuses whose amounts count against the fiscal year's instalment (docs/domain.md#grant-law-rules). */
export const CLAIMING_STATUSES = [
  DrawdownStatus.REQUESTED,
  DrawdownStatus.APPROVED,
  DrawdownStatus.DISBURSED,
  DrawdownStatus.REPAID,
  DrawdownStatus.SETTLED,
];

/** Stored statuses of money that has actually moved (drawn figures of the budget overview). */
export const PAID_STATUSES = [DrawdownStatus.DISBURSED, DrawdownStatus.REPAID, DrawdownStatus.SETTLED];

/** § 49a (3) VwVfG: interest is the base rate plus five percentage points a year (law, not programme data). */
export const INTEREST_SURCHARGE_POINTS = '5';
