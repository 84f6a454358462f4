import { Role } from '../auth/role.enum.js';

/** Create and change measures of a project. */
export const MEASURE_MANAGERS = [Role.FINANCE, Role.ADMIN];
/** Enrol participants and record observations (case workers of the project). */
export const MEASURE_CASE_WORKERS = [Role.CASE_WORKER];

/**
 * Who sees a measure's occupancy, an exact count of participations on any day: not analysts, whose
 * aggregates are for the programme's reporting periods only (differencing two days would date each
 * entry and exit). Occupancy of a § 16a health measure counts a health fact and is for the project's
 * case workers only, like its participations (MeasuresService.occupancies).
 */
export const OCCUPANCY_READERS = [Role.ADMIN, Role.CASE_WORKER, Role.AUDITOR, Role.GRANTOR, Role.FINANCE];
