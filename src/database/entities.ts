import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../auth/entities/role-assignment.entity.js';
import { BUDGET_ENTITIES } from '../budget/entities/index.js';
import { EXPENDITURE_ENTITIES } from '../expenditures/entities/index.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity.js';
import { IndicatorCorrection } from '../indicators/entities/indicator-correction.entity.js';
import { INCOME_ENTITIES } from '../income/entities/index.js';
import { NARRATIVE_ENTITIES } from '../narrative/entities/index.js';
import { IndicatorDefinition } from '../indicators/entities/indicator-definition.entity.js';
import { IndicatorSettings } from '../indicators/entities/indicator-settings.entity.js';
import { IndicatorSnapshot } from '../indicators/entities/indicator-snapshot.entity.js';
import { IndicatorTarget } from '../indicators/entities/indicator-target.entity.js';
import { IndicatorUpdate } from '../indicators/entities/indicator-update.entity.js';
import { ReportingPeriod } from '../indicators/entities/reporting-period.entity.js';
import { Measure } from '../measures/entities/measure.entity.js';
import { LabourMarketObservation } from '../measures/entities/observation.entity.js';
import { Participation } from '../measures/entities/participation.entity.js';
import { ParticipantExitCorrection } from '../participants/entities/participant-exit-correction.entity.js';
import { ParticipantIdentity } from '../participants/entities/participant-identity.entity.js';
import { ParticipantRules } from '../participants/entities/participant-rules.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import { TRANCHES_ENTITIES } from '../tranches/entities/index.js';
import { REPORTING_ENTITIES } from '../reporting/entities/index.js';
import { IMPORT_ENTITIES } from '../imports/entities/index.js';

/** Every entity of the service; explicit so that discovery works the same in ESM, jest and the CLI. */
export const ENTITIES = [
  FundingProgram,
  Project,
  AppUser,
  RoleAssignment,
  AuditEvent,
  ParticipantRules,
  Participant,
  ParticipantIdentity,
  ParticipantExitCorrection,
  Measure,
  Participation,
  LabourMarketObservation,
  ...BUDGET_ENTITIES,
  ...TRANCHES_ENTITIES,
  ...EXPENDITURE_ENTITIES,
  ...INCOME_ENTITIES,
  IdempotencyKey,
  IndicatorDefinition,
  IndicatorSettings,
  IndicatorTarget,
  IndicatorUpdate,
  ReportingPeriod,
  IndicatorSnapshot,
  IndicatorCorrection,
  ...REPORTING_ENTITIES,
  ...IMPORT_ENTITIES,
  ...NARRATIVE_ENTITIES,
];
