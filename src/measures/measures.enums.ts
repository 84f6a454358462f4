import { registerEnumType } from '@nestjs/graphql';

/** SGB II / SGB III instruments a measure is funded under (DOMAIN.md §7). */
export enum MeasureType {
  /** §16k SGB II ganzheitliche Betreuung (coaching). */
  HOLISTIC_COACHING_16K = 'HOLISTIC_COACHING_16K',
  /** §16k Abs. 2 SGB II coaching of young people into training. */
  YOUTH_COACHING_16K_2 = 'YOUTH_COACHING_16K_2',
  /** §16 SGB II with §45 SGB III activation and placement. */
  ACTIVATION_PLACEMENT_45 = 'ACTIVATION_PLACEMENT_45',
  /** §16e SGB II wage subsidy for the long-term unemployed. */
  WAGE_SUBSIDY_16E = 'WAGE_SUBSIDY_16E',
  /** §16i SGB II participation in the labour market. */
  LABOUR_MARKET_PARTICIPATION_16I = 'LABOUR_MARKET_PARTICIPATION_16I',
  /** §16a SGB II municipal support: childcare. */
  MUNICIPAL_CHILDCARE_16A = 'MUNICIPAL_CHILDCARE_16A',
  /** §16a SGB II municipal support: debt counselling. */
  MUNICIPAL_DEBT_COUNSELLING_16A = 'MUNICIPAL_DEBT_COUNSELLING_16A',
  /** §16a SGB II municipal support: psychosocial care. */
  MUNICIPAL_PSYCHOSOCIAL_16A = 'MUNICIPAL_PSYCHOSOCIAL_16A',
  /** §16a SGB II municipal support: addiction counselling. */
  MUNICIPAL_ADDICTION_COUNSELLING_16A = 'MUNICIPAL_ADDICTION_COUNSELLING_16A',
  /** Ausbildungsvermittlung: vocational-training placement. */
  TRAINING_PLACEMENT = 'TRAINING_PLACEMENT',
  /** Assistierte Ausbildung (§74 SGB III). */
  ASSISTED_TRAINING = 'ASSISTED_TRAINING',
  /** Einstiegsqualifizierung (§54a SGB III). */
  ENTRY_QUALIFICATION = 'ENTRY_QUALIFICATION',
  /** Berufliche Weiterbildung (§81 SGB III). */
  FURTHER_TRAINING_81 = 'FURTHER_TRAINING_81',
  /** A service specific to the model project. */
  MODEL_PROJECT_SERVICE = 'MODEL_PROJECT_SERVICE',
}

/** Labour-market status observed at or after exit (DOMAIN.md §8). */
export enum LabourStatus {
  JOB_SEARCHING = 'JOB_SEARCHING',
  IN_EDUCATION_OR_TRAINING = 'IN_EDUCATION_OR_TRAINING',
  QUALIFICATION_GAINED = 'QUALIFICATION_GAINED',
  /** Sozialversicherungspflichtig beschäftigt. */
  EMPLOYED_SOCIAL_INSURANCE = 'EMPLOYED_SOCIAL_INSURANCE',
  /** Minijob. */
  MARGINAL_JOB = 'MARGINAL_JOB',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  INACTIVE = 'INACTIVE',
  UNKNOWN = 'UNKNOWN',
}

/** When an outcome is observed, relative to the exit. */
export enum OutcomeTiming {
  /** Within 28 days of exit (configurable per programme). */
  AT_EXIT = 'AT_EXIT',
  SIX_MONTHS = 'SIX_MONTHS',
  TWELVE_MONTHS = 'TWELVE_MONTHS',
}

export enum OutcomeSource {
  SELF_REPORT = 'SELF_REPORT',
  CASE_FILE = 'CASE_FILE',
  PROVIDER_REPORT = 'PROVIDER_REPORT',
  EMPLOYER = 'EMPLOYER',
  SOCIAL_INSURANCE_DATA = 'SOCIAL_INSURANCE_DATA',
  SURVEY = 'SURVEY',
}

registerEnumType(MeasureType, { name: 'MeasureType', description: 'SGB II / SGB III instrument of a measure.' });
registerEnumType(LabourStatus, { name: 'LabourStatus' });
registerEnumType(OutcomeTiming, { name: 'OutcomeTiming' });
registerEnumType(OutcomeSource, { name: 'OutcomeSource' });
