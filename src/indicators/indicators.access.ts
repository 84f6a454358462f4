import { Role } from '../auth/role.enum.js';

/**
 * Who may do what with indicators (README "Indikatoren"):
 * - read reports, targets, periods and updates: ANALYST (suppressed figures), AUDITOR, GRANTOR,
 *   FINANCE, ADMIN (unsuppressed aggregates; never any identity data);
 * - manage targets, reporting periods and manual updates: FINANCE and ADMIN of the project (the
 *   people who write the Sachbericht);
 * - approve/return manual updates and approve-and-lock periods: the programme's GRANTOR or an
 *   ADMIN, never the person who submitted the update (four eyes).
 */
export const INDICATOR_READERS = [Role.ANALYST, Role.AUDITOR, Role.GRANTOR, Role.FINANCE, Role.ADMIN];
export const INDICATOR_MANAGERS = [Role.FINANCE, Role.ADMIN];
export const INDICATOR_APPROVERS = [Role.GRANTOR, Role.ADMIN];

/**
 * Readers who see unsuppressed aggregates: the auditor checks the figures against the data, the
 * grantor receives them in the Sachbericht, finance and administration compile it. Only a reader
 * who holds none of these roles on the project (an analyst) gets suppressed cells.
 */
export const UNSUPPRESSED_READERS = [Role.AUDITOR, Role.GRANTOR, Role.FINANCE, Role.ADMIN];
