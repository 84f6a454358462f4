import { Role } from '../auth/role.enum.js';

/** May export whole proofs (docs/domain.md#report-layouts): the grantor, auditors, the project's finance staff, admins. */
export const EXPORTERS = [Role.GRANTOR, Role.AUDITOR, Role.FINANCE, Role.ADMIN];
/** May fetch the aggregated parts (indicator report, participant statistics) only. */
export const AGGREGATE_EXPORTERS = [...EXPORTERS, Role.ANALYST];
/** The grantee's side moves a proof into preparation and submits it. */
export const PROOF_SUBMITTERS = [Role.FINANCE, Role.ADMIN];
/** The grantor's side raises queries and accepts. */
export const PROOF_REVIEWERS = [Role.GRANTOR, Role.ADMIN];
