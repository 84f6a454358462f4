import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';

/** Every entity of the service; explicit so that discovery works the same in ESM, jest and the CLI. */
export const ENTITIES = [FundingProgram, Project, AppUser, RoleAssignment, AuditEvent];
