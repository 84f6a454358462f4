/**
 * Field names whose values never enter an audit diff, a log line or an export: identity and
 * health data (docs/domain.md#participants-and-data-protection). Modules that hold such data add their field names here.
 */
export const SENSITIVE_FIELDS = new Set<string>([
  'password',
  'passwordHash',
  'token',
  // Participant identity and health (src/participants): never reported, listed as a second line of defence.
  'identity',
  'health',
  'firstName',
  'lastName',
  'dateOfBirth',
  'address',
  'socialInsuranceNumber',
  'benefitUnitNumber',
  'phone',
  'email',
  'hasDisability',
  'disabilityDegree',
  'healthRestrictions',
  'identityCipher',
  'healthCipher',
  'nameDobHash',
  'socialInsuranceHash',
]);

export const REDACTED = '[redacted]';

/** A copy of `values` with every sensitive field replaced by a marker (the fact of a change stays visible). */
export function redact(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, SENSITIVE_FIELDS.has(key) ? REDACTED : value]));
}
