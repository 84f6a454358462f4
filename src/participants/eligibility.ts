import { daysBetween, type LocalDate } from '../common/dates/local-date.js';
import { type Gender, type Track } from './participants.enums.js';

/**
 * Eligibility rules of a programme, kept as data (docs/domain.md#participants-and-data-protection, configurable per programme).
 * A rule with `tracks` applies to participants of those tracks only.
 */
export type EligibilityRule = { code: string; tracks?: Track[] } & (
  | { kind: 'GENDER_IN'; genders: Gender[] }
  | { kind: 'AGE_AT_ENTRY'; min: number; max: number }
  | { kind: 'LIVES_ALONE' }
  | { kind: 'RECEIVES_SGB2_BENEFITS' }
);

export const ELIGIBILITY_RULE_KINDS = ['GENDER_IN', 'AGE_AT_ENTRY', 'LIVES_ALONE', 'RECEIVES_SGB2_BENEFITS'] as const;

/** What the rules look at; the date of birth never leaves this check (only the birth year is kept in clear). */
export interface EligibilityFacts {
  gender: Gender;
  dateOfBirth: LocalDate;
  entryDate: LocalDate;
  livesAlone: boolean;
  receivesSgb2Benefits: boolean;
  track: Track;
}

export interface FailedRule {
  code: string;
  message: string;
}

/** Every rule the person fails, in rule order; empty when eligible. */
export function checkEligibility(rules: readonly EligibilityRule[], facts: EligibilityFacts): FailedRule[] {
  const failed: FailedRule[] = [];
  for (const rule of rules) {
    if (rule.tracks && !rule.tracks.includes(facts.track)) continue;
    const message = failure(rule, facts);
    if (message) failed.push({ code: rule.code, message });
  }
  return failed;
}

function failure(rule: EligibilityRule, facts: EligibilityFacts): string | null {
  switch (rule.kind) {
    case 'GENDER_IN':
      return rule.genders.includes(facts.gender) ? null : `gender must be one of ${rule.genders.join(', ')}`;
    case 'AGE_AT_ENTRY': {
      const age = ageOn(facts.dateOfBirth, facts.entryDate);
      return age >= rule.min && age <= rule.max ? null : `age at entry must be ${rule.min}–${rule.max} (is ${age})`;
    }
    case 'LIVES_ALONE':
      return facts.livesAlone ? null : 'must live alone';
    case 'RECEIVES_SGB2_BENEFITS':
      return facts.receivesSgb2Benefits ? null : 'must receive SGB II benefits';
    default:
      return assertUnreachable(rule);
  }
}

/** Completed years of age on a date (a birthday on 29 February counts from 1 March in other years). */
export function ageOn(dateOfBirth: LocalDate, date: LocalDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Whether `date` lies in [from, from + days]. */
export function withinDays(from: LocalDate, date: LocalDate, days: number): boolean {
  const diff = daysBetween(from, date);
  return diff >= 0 && diff <= days;
}

function assertUnreachable(value: never): never {
  throw new Error(`Unknown eligibility rule ${JSON.stringify(value)}`);
}
