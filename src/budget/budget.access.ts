import { Role } from '../auth/role.enum.js';

/** Keep the financing plan: record revision 0 and amendments. */
export const PLAN_WRITERS = [Role.FINANCE, Role.ADMIN];
/** Read the plan and the project's budget overview. */
export const PLAN_READERS = [Role.FINANCE, Role.ANALYST, Role.AUDITOR, Role.GRANTOR, Role.ADMIN];
/** See a whole programme's overview and settlement list (on the programme or globally). */
export const PROGRAM_OVERVIEW_ROLES = [Role.GRANTOR, Role.AUDITOR, Role.ADMIN];
/** Compare maintained totals with the ledgers they summarise. */
export const TOTALS_CHECKERS = [Role.AUDITOR, Role.ADMIN, Role.FINANCE];
/** Add cost categories to a programme (its administrators). */
export const CATEGORY_ADMINS = [Role.ADMIN];
