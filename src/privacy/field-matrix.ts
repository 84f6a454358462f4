import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { INDICATOR_READERS, UNSUPPRESSED_READERS } from '../indicators/indicators.access.js';
import { IDENTITY_READERS, JUSTIFICATION_READERS, PSEUDONYMOUS_READERS, ROW_READERS } from '../participants/participants.access.js';
import { AUDIT_READERS } from '../audit/audit.access.js';
import { OCCUPANCY_READERS } from '../measures/measures.access.js';

/**
 * The role × field matrix of participant data (docs/domain.md#participants-and-data-protection), built from the same role lists the
 * resolvers and services check, so the README table (`npm run docs:privacy`) and the field-matrix
 * e2e test follow the code. "own project" means: holding the role on that very project.
 */
export type Access =
  | 'yes (own project)'
  | 'yes'
  | 'small cells withheld'
  | 'coarsened'
  | 'left out'
  | 'redacted'
  | 'perturbed, reporting periods only'
  | 'year level, ≥ special threshold'
  | 'not for §16a measures'
  | '—';

export interface FieldRule {
  /** Where the data shows, as a GraphQL path or a report. */
  field: string;
  level: 'row' | 'aggregate';
  what: string;
  access: (role: Role) => Access;
}

const has = (roles: readonly Role[], role: Role) => roles.includes(role);

export const FIELD_RULES: readonly FieldRule[] = [
  {
    field: 'participants / participant (pseudonymous record)',
    level: 'row',
    what: 'pseudonym, birth year, gender, entry, status, track …',
    access: (r) => (has(ROW_READERS, r) ? (r === Role.CASE_WORKER ? 'yes (own project)' : 'yes') : '—'),
  },
  {
    field: 'Participant.identity',
    level: 'row',
    what: 'name, date of birth, address, social-insurance and benefit-unit number, contact',
    access: (r) => (has(IDENTITY_READERS, r) ? 'yes (own project)' : '—'),
  },
  {
    field: 'Participant.health',
    level: 'row',
    what: 'disability, degree, health restrictions (GDPR Art. 9)',
    access: (r) => (has(IDENTITY_READERS, r) ? 'yes (own project)' : '—'),
  },
  {
    field: 'Participant.overrideJustification',
    level: 'row',
    what: 'written justification of an eligibility override',
    access: (r) => (has(JUSTIFICATION_READERS, r) ? 'yes (own project)' : '—'),
  },
  {
    field: 'Participant.exitReason = ILLNESS',
    level: 'row',
    what: 'health-related exit',
    access: (r) => (has(IDENTITY_READERS, r) ? 'yes (own project)' : has(ROW_READERS, r) ? 'coarsened' : '—'),
  },
  {
    field: 'participations in §16a psychosocial / addiction measures',
    level: 'row',
    what: 'health-related measure',
    access: (r) => (has(IDENTITY_READERS, r) ? 'yes (own project)' : has(ROW_READERS, r) ? 'left out' : '—'),
  },
  {
    field: 'auditEvents.changes',
    level: 'row',
    what: 'what changed; restricted text and health markers never stored',
    access: (r) => (has(AUDIT_READERS, r) ? 'redacted' : '—'),
  },
  {
    field: 'participantStatistics',
    level: 'aggregate',
    what: 'counts by gender, age band, education, track',
    access: (r) => (has(PSEUDONYMOUS_READERS, r) ? (r === Role.CASE_WORKER ? 'yes (own project)' : 'small cells withheld') : '—'),
  },
  {
    field: 'indicatorReport (person counts)',
    level: 'aggregate',
    what: 'output and result indicators, breakdowns',
    access: (r) => (!has(INDICATOR_READERS, r) ? '—' : has(UNSUPPRESSED_READERS, r) ? 'yes' : 'perturbed, reporting periods only'),
  },
  {
    field: 'Measure.occupancy',
    level: 'aggregate',
    what: 'places taken on any day; for a §16a health measure a health fact',
    access: (r) => (r === Role.CASE_WORKER ? 'yes (own project)' : has(OCCUPANCY_READERS, r) ? 'not for §16a measures' : '—'),
  },
  {
    field: 'indicatorReport EECO12 (disability)',
    level: 'aggregate',
    what: 'special-category indicator',
    access: (r) => (has(INDICATOR_READERS, r) ? 'year level, ≥ special threshold' : '—'),
  },
];

/** The README table: one column per role. */
export function fieldMatrixMarkdown(): string {
  const roles = ALL_ROLES;
  const lines = [`| Data | Level | ${roles.join(' | ')} |`, `|---|---|${roles.map(() => '---').join('|')}|`];
  for (const rule of FIELD_RULES)
    lines.push(`| ${rule.field} (${rule.what}) | ${rule.level} | ${roles.map((r) => rule.access(r)).join(' | ')} |`);
  return lines.join('\n');
}
