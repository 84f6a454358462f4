import { registerEnumType } from '@nestjs/graphql';

export enum IndicatorUnit {
  PERSONS = 'PERSONS',
  PERCENT = 'PERCENT',
  EUR = 'EUR',
}

/** docs/domain.md#outcome-indicators: output (at entry), result (on leaving), longer-term result (6 months after), programme-specific. */
export enum IndicatorKind {
  OUTPUT = 'OUTPUT',
  RESULT = 'RESULT',
  LONGER_TERM_RESULT = 'LONGER_TERM_RESULT',
  PROGRAMME_SPECIFIC = 'PROGRAMME_SPECIFIC',
}

/** How the actual is obtained: computed by a named counting rule, or entered as approved updates. */
export enum ActualSource {
  COMPUTED = 'COMPUTED',
  MANUAL = 'MANUAL',
}

/** The breakdowns an indicator can be reported by (all from the pseudonymous record). */
export enum Disaggregation {
  GENDER = 'GENDER',
  AGE_BAND = 'AGE_BAND',
  EDUCATION = 'EDUCATION',
  TRACK = 'TRACK',
}

/** Manual updates: DRAFT → SUBMITTED → APPROVED, or SUBMITTED → RETURNED (with a comment) → SUBMITTED again. */
export enum IndicatorUpdateStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  RETURNED = 'RETURNED',
}

export enum ReportingPeriodStatus {
  OPEN = 'OPEN',
  /** Approved and frozen: its figures come from the stored snapshot. */
  LOCKED = 'LOCKED',
}

registerEnumType(IndicatorUnit, { name: 'IndicatorUnit' });
registerEnumType(IndicatorKind, { name: 'IndicatorKind' });
registerEnumType(ActualSource, {
  name: 'ActualSource',
  description: 'COMPUTED by a named counting rule from participant data, or MANUAL (approved updates).',
});
registerEnumType(Disaggregation, { name: 'Disaggregation' });
registerEnumType(IndicatorUpdateStatus, { name: 'IndicatorUpdateStatus' });
registerEnumType(ReportingPeriodStatus, { name: 'ReportingPeriodStatus' });
