import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { BUDGET_ENTITIES } from '../budget/entities/index.js';
import { EXPENDITURE_ENTITIES } from '../expenditures/entities/index.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import { TRANCHES_ENTITIES } from '../tranches/entities/index.js';

/** Every entity of the service; explicit so that discovery works the same in ESM, jest and the CLI. */
export const ENTITIES = [FundingProgram, Project, AppUser, RoleAssignment, ...BUDGET_ENTITIES, ...TRANCHES_ENTITIES, ...EXPENDITURE_ENTITIES, IdempotencyKey];
