import { Role } from '../auth/role.enum.js';

// Who touches the money books (drawdowns and the receipt ledger), in one place.
/** FINANCE of the project writes: requests, payouts, repayments, bookings, reversals, statuses. */
export const MONEY_WRITERS = [Role.FINANCE];
/** Read-only: the project's finance staff and auditors, analysts, the programme's grantor, admins. */
export const MONEY_READERS = [Role.FINANCE, Role.ADMIN, Role.AUDITOR, Role.ANALYST, Role.GRANTOR];
/** Four eyes: another FINANCE user of the project, an ADMIN, or the programme's GRANTOR (the Fachstelle that pays out). */
export const DRAWDOWN_APPROVERS = [Role.FINANCE, Role.ADMIN, Role.GRANTOR];
