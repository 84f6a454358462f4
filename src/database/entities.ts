import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { Measure } from '../measures/entities/measure.entity.js';
import { Outcome } from '../measures/entities/outcome.entity.js';
import { Participation } from '../measures/entities/participation.entity.js';
import { ParticipantIdentity } from '../participants/entities/participant-identity.entity.js';
import { ParticipantRules } from '../participants/entities/participant-rules.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';

/** Every entity of the service; explicit so that discovery works the same in ESM, jest and the CLI. */
export const ENTITIES = [FundingProgram, Project, AppUser, RoleAssignment, ParticipantRules, Participant, ParticipantIdentity, Measure, Participation, Outcome];
