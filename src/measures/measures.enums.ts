import { registerEnumType } from '@nestjs/graphql';

/** SGB II / SGB III instruments a measure is funded under (docs/domain.md#measures). */
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

/**
 * What a labour-market observation records (docs/domain.md#outcome-indicators). Every type but BENEFIT_RECEIPT_ENDED is a
 * labour-market status (the last one in a window counts); the counting rules that use each type are
 * in src/indicators/counting-rules.ts and the README's indicator section.
 */
export enum ObservationType {
  /** Sozialversicherungspflichtige Beschäftigung (not § 16i): an integration. */
  EMPLOYMENT_SOCIAL_INSURANCE = 'EMPLOYMENT_SOCIAL_INSURANCE',
  /** Voll qualifizierende Berufsausbildung: an integration. */
  VOCATIONAL_TRAINING = 'VOCATIONAL_TRAINING',
  /** Publicly funded job under § 16i SGB II (Teilhabe am Arbeitsmarkt): employed, never an integration. */
  EMPLOYMENT_16I = 'EMPLOYMENT_16I',
  SELF_EMPLOYMENT = 'SELF_EMPLOYMENT',
  /** Minijob. */
  MARGINAL_EMPLOYMENT = 'MARGINAL_EMPLOYMENT',
  JOB_SEARCHING = 'JOB_SEARCHING',
  /** Education or training that is not a fully qualifying vocational training. */
  EDUCATION_OR_TRAINING = 'EDUCATION_OR_TRAINING',
  QUALIFICATION_GAINED = 'QUALIFICATION_GAINED',
  INACTIVE = 'INACTIVE',
  /** The status could not be found out. */
  UNKNOWN = 'UNKNOWN',
  /** The SGB II benefit receipt ended (an event, not a status). */
  BENEFIT_RECEIPT_ENDED = 'BENEFIT_RECEIPT_ENDED',
}

/** Where an observation comes from. */
export enum ObservationSource {
  SELF_REPORT = 'SELF_REPORT',
  CASE_FILE = 'CASE_FILE',
  PROVIDER_REPORT = 'PROVIDER_REPORT',
  EMPLOYER = 'EMPLOYER',
  SOCIAL_INSURANCE_DATA = 'SOCIAL_INSURANCE_DATA',
  SURVEY = 'SURVEY',
  /** Written by the service from an exit record ("took up a job", "started training"). */
  EXIT_RECORD = 'EXIT_RECORD',
}

/** A record is an observation, a correction of an earlier one (which it supersedes), or a withdrawal. */
export enum ObservationKind {
  RECORD = 'RECORD',
  CORRECTION = 'CORRECTION',
  WITHDRAWAL = 'WITHDRAWAL',
}

registerEnumType(MeasureType, { name: 'MeasureType', description: 'SGB II / SGB III instrument of a measure.' });
registerEnumType(ObservationType, { name: 'ObservationType', description: 'What a labour-market observation records.' });
registerEnumType(ObservationSource, { name: 'ObservationSource' });
registerEnumType(ObservationKind, { name: 'ObservationKind' });
