import { Role } from '../auth/role.enum.js';

/** Create and change measures of a project. */
export const MEASURE_MANAGERS = [Role.FINANCE, Role.ADMIN];
/** Enrol participants and record observations (case workers of the project). */
export const MEASURE_CASE_WORKERS = [Role.CASE_WORKER];
