import { registerEnumType } from '@nestjs/graphql';

export enum AuditOutcome {
  SUCCESS = 'SUCCESS',
  /** Refused for lack of sign-in, role, or rate limit. */
  DENIED = 'DENIED',
  /** Reached the operation and failed (bad input, not found, conflict, internal error); nothing was written. */
  FAILED = 'FAILED',
}

registerEnumType(AuditOutcome, { name: 'AuditOutcome' });

const DENIAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED']);

export const outcomeOf = (code: string | undefined): AuditOutcome =>
  code && DENIAL_CODES.has(code) ? AuditOutcome.DENIED : AuditOutcome.FAILED;
