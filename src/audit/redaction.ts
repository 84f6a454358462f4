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
  'statisticsCipher',
  // Restricted free text (docs/domain.md#participants-and-data-protection): the append-only trail can never be erased, so it keeps only
  // that such text was written. The justification stays readable on the participant for those allowed.
  'overrideJustification',
  'verification',
]);

export const REDACTED = '[redacted]';

/** A copy of `values` with every sensitive field replaced by a marker (the fact of a change stays visible). */
export function redact(values: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!values) return null;
  // An empty justification stays null: that no override was justified is no restricted fact.
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, SENSITIVE_FIELDS.has(key) && value !== null ? REDACTED : value]),
  );
}

/**
 * Field rules applied to audit reads: a reader who is not a case worker of the row's project sees
 * a health-related exit reason as the participant query shows it (ILLNESS reads as OTHER), so the
 * trail is no way around the pseudonymous record's rules.
 */
export function redactForReader(
  values: Record<string, unknown> | null | undefined,
  healthVisible: boolean,
): Record<string, unknown> | null {
  if (!values) return null;
  if (healthVisible) return values;
  const out = { ...values };
  for (const key of ['exitReason', 'previousExitReason', 'reason']) if (out[key] === 'ILLNESS') out[key] = 'OTHER';
  delete out.healthState;
  return out;
}
