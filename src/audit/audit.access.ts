import { Role } from '../auth/role.enum.js';

/** Read the audit trail. */
export const AUDIT_READERS = [Role.AUDITOR, Role.ADMIN];
