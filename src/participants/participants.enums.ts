import { registerEnumType } from '@nestjs/graphql';

export enum Gender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  DIVERSE = 'DIVERSE',
}

/** Labour-market status at entry (ESF Plus common output indicators, docs/domain.md#participants-and-data-protection, §8). */
export enum LabourStatusAtEntry {
  UNEMPLOYED = 'UNEMPLOYED',
  /** Unemployed for 12 months or more. */
  LONG_TERM_UNEMPLOYED = 'LONG_TERM_UNEMPLOYED',
  INACTIVE = 'INACTIVE',
  EMPLOYED = 'EMPLOYED',
}

/** Highest education attained, as ISCED bands. */
export enum EducationLevel {
  ISCED_0_2 = 'ISCED_0_2',
  ISCED_3_4 = 'ISCED_3_4',
  ISCED_5_8 = 'ISCED_5_8',
}

/** Target-group track a participant and a measure belong to. */
export enum Track {
  /** Women who live alone and receive SGB II benefits, back into work. */
  WOMEN_REENTRY = 'WOMEN_REENTRY',
  /** Young people into vocational training. */
  YOUTH_TRAINING = 'YOUTH_TRAINING',
}

/** docs/domain.md#lifecycles: INTERESTED → ELIGIBLE → ENROLLED → ACTIVE → EXITED → FOLLOWED_UP → ARCHIVED. */
export enum ParticipantStatus {
  INTERESTED = 'INTERESTED',
  ELIGIBLE = 'ELIGIBLE',
  ENROLLED = 'ENROLLED',
  ACTIVE = 'ACTIVE',
  EXITED = 'EXITED',
  FOLLOWED_UP = 'FOLLOWED_UP',
  ARCHIVED = 'ARCHIVED',
}

/** Why someone left a measure or the project. */
export enum ExitReason {
  COMPLETED = 'COMPLETED',
  TOOK_UP_JOB = 'TOOK_UP_JOB',
  STARTED_TRAINING = 'STARTED_TRAINING',
  DROPPED_OUT = 'DROPPED_OUT',
  ILLNESS = 'ILLNESS',
  MOVED_AWAY = 'MOVED_AWAY',
  OTHER = 'OTHER',
}

/** How a recorded exit was changed. */
export enum ExitCorrectionKind {
  /** Another exit date or reason. */
  CORRECTION = 'CORRECTION',
  /** The person had not left. */
  WITHDRAWAL = 'WITHDRAWAL',
}

/** Why identity and health data were erased. */
export enum ErasureReason {
  RETENTION_EXPIRED = 'RETENTION_EXPIRED',
  /** Art. 17 GDPR request whose requester's identity was verified. */
  VERIFIED_REQUEST = 'VERIFIED_REQUEST',
}

export enum OverdueKind {
  /** Entry data incomplete after the entry deadline (28 days by default). */
  ENTRY_DATA = 'ENTRY_DATA',
  /** No outcome at exit after the exit deadline. */
  EXIT_DATA = 'EXIT_DATA',
  SIX_MONTH_FOLLOW_UP = 'SIX_MONTH_FOLLOW_UP',
  TWELVE_MONTH_FOLLOW_UP = 'TWELVE_MONTH_FOLLOW_UP',
}

registerEnumType(OverdueKind, { name: 'OverdueKind' });
registerEnumType(Gender, { name: 'Gender' });
registerEnumType(LabourStatusAtEntry, { name: 'LabourStatusAtEntry' });
registerEnumType(EducationLevel, { name: 'EducationLevel', description: 'ISCED band of the highest education attained.' });
registerEnumType(Track, { name: 'Track' });
registerEnumType(ParticipantStatus, { name: 'ParticipantStatus' });
registerEnumType(ExitReason, { name: 'ExitReason' });
registerEnumType(ErasureReason, { name: 'ErasureReason' });
registerEnumType(ExitCorrectionKind, { name: 'ExitCorrectionKind' });
