import { registerEnumType } from '@nestjs/graphql';

/** Who may do what (docs/domain.md#the-story). Roles are granted per project, per programme, or (ADMIN) globally. */
export enum Role {
  /** Manages programmes, projects and users. */
  ADMIN = 'ADMIN',
  /** Budget and money writes of a project. */
  FINANCE = 'FINANCE',
  /** Participants of a project, including identity data. */
  CASE_WORKER = 'CASE_WORKER',
  /** Read-only, pseudonymous and aggregated data only. */
  ANALYST = 'ANALYST',
  /** Read-only everything except identity and health data, plus the audit trail. */
  AUDITOR = 'AUDITOR',
  /** The federal side: read-only across all projects of its programme, proofs and exports. */
  GRANTOR = 'GRANTOR',
}

registerEnumType(Role, { name: 'Role' });

export const ALL_ROLES = Object.values(Role);
