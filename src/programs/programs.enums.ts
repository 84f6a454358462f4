import { registerEnumType } from '@nestjs/graphql';

/** Financing types of German grant law (docs/domain.md#grant-law-rules). */
export enum FinancingType {
  /** Vollfinanzierung: the grant covers 100 % of eligible spending. */
  FULL = 'FULL',
  /** Anteilfinanzierung: a funding rate such as 90 %, the rest is own share. */
  SHARE = 'SHARE',
  /** Fehlbedarfsfinanzierung: the grant covers what own and third-party funds leave open. */
  DEFICIT = 'DEFICIT',
  /** Festbetragsfinanzierung: a fixed amount; the line-overrun rule does not apply. */
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}

export enum ProjectStatus {
  /** Approved (Zuwendungsbescheid issued), not yet started. */
  APPROVED = 'APPROVED',
  /** Inside the approval period. */
  RUNNING = 'RUNNING',
  /** Approval period over; the final proof of use is being prepared or checked. */
  ENDED = 'ENDED',
  /** Final proof accepted; the file is closed. */
  CLOSED = 'CLOSED',
}

registerEnumType(FinancingType, { name: 'FinancingType', description: 'How the grant relates to eligible spending.' });
registerEnumType(ProjectStatus, { name: 'ProjectStatus' });
