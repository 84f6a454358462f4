import { addDays, addMonths, type LocalDate } from '../common/dates/local-date.js';

/**
 * The counting rules of the outcome indicators (DOMAIN.md §8), as pure functions over plain
 * records, so each rule can be checked against a hand-built data set. The participants module maps
 * its rows to these shapes.
 */
export type Gender = 'FEMALE' | 'MALE' | 'DIVERSE';
export type EntryStatus = 'UNEMPLOYED' | 'LONG_TERM_UNEMPLOYED' | 'INACTIVE' | 'EMPLOYED';
export type Education = 'ISCED_0_2' | 'ISCED_3_4' | 'ISCED_5_8';
export type LabourStatus =
  | 'JOB_SEARCHING'
  | 'IN_EDUCATION_OR_TRAINING'
  | 'QUALIFICATION_GAINED'
  | 'EMPLOYED_SOCIAL_INSURANCE'
  | 'MARGINAL_JOB'
  | 'SELF_EMPLOYED'
  | 'INACTIVE'
  | 'UNKNOWN';

export interface CountedParticipant {
  id: string;
  gender: Gender;
  birthYear: number;
  entryDate: LocalDate;
  exitDate?: LocalDate | null;
  /** Null while the entry data are not yet recorded (the person then counts in no status indicator). */
  entryStatus: EntryStatus | null;
  education: Education | null;
  track: string;
  /** Restricted (special category); only counted, never shown per person. */
  hasDisability?: boolean;
  dropout?: boolean;
}

export interface Observation {
  participantId: string;
  observedOn: LocalDate;
  /** When the observation was planned: at exit, or 6 / 12 months after. */
  timing: 'AT_EXIT' | 'MONTHS_6' | 'MONTHS_12';
  status: LabourStatus;
  benefitReceiptEnded?: boolean;
  /** The job is a publicly funded § 16i SGB II job (does not count as an integration). */
  publiclyFunded16i?: boolean;
  /** The training is a fully qualifying vocational training (counts as an integration). */
  fullyQualifyingTraining?: boolean;
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

/**
 * A person's observations in date order (stable: same-day observations keep their input order),
 * indexed once per observation list, so that rules looking up every participant's observations
 * stay linear in the size of the data rather than quadratic.
 */
const observationIndex = new WeakMap<Observation[], Map<string, Observation[]>>();

function observationsOf(participantId: string, observations: Observation[]): Observation[] {
  let index = observationIndex.get(observations);
  if (!index) {
    index = new Map();
    for (const o of [...observations].sort((a, b) => a.observedOn.localeCompare(b.observedOn))) {
      const list = index.get(o.participantId);
      if (list) list.push(o);
      else index.set(o.participantId, [o]);
    }
    observationIndex.set(observations, index);
  }
  return index.get(participantId) ?? [];
}

const inPeriod = (date: LocalDate | null | undefined, p: Period) => !!date && date >= p.from && date <= p.to;

/** Age at a date from the birth year only (the working record holds no birth date). */
export function ageAt(birthYear: number, date: LocalDate): number {
  return Number(date.slice(0, 4)) - birthYear;
}

export type AgeBand = 'UNDER_30' | 'FROM_30_TO_54' | 'FROM_55';

export function ageBand(birthYear: number, date: LocalDate): AgeBand {
  const age = ageAt(birthYear, date);
  return age < 30 ? 'UNDER_30' : age >= 55 ? 'FROM_55' : 'FROM_30_TO_54';
}

/** Output indicators are counted at entry: who entered in the period and had the attribute then. */
export const OUTPUT_RULES: Record<string, (p: CountedParticipant) => boolean> = {
  PARTICIPANTS: () => true,
  UNEMPLOYED: (p) => p.entryStatus === 'UNEMPLOYED' || p.entryStatus === 'LONG_TERM_UNEMPLOYED',
  LONG_TERM_UNEMPLOYED: (p) => p.entryStatus === 'LONG_TERM_UNEMPLOYED',
  INACTIVE: (p) => p.entryStatus === 'INACTIVE',
  EMPLOYED: (p) => p.entryStatus === 'EMPLOYED',
  UNDER_30: (p) => ageBand(p.birthYear, p.entryDate) === 'UNDER_30',
  FROM_55: (p) => ageBand(p.birthYear, p.entryDate) === 'FROM_55',
  ISCED_0_2: (p) => p.education === 'ISCED_0_2',
  ISCED_3_4: (p) => p.education === 'ISCED_3_4',
  ISCED_5_8: (p) => p.education === 'ISCED_5_8',
  WITH_DISABILITY: (p) => p.hasDisability === true,
};

export function countOutputs(rule: keyof typeof OUTPUT_RULES, participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => inPeriod(p.entryDate, period) && OUTPUT_RULES[rule](p));
}

/** The status a participant had on leaving: the LAST observation at exit made within 28 days of exit. */
export function statusOnLeaving(participant: CountedParticipant, observations: Observation[]): LabourStatus | undefined {
  return observationOnLeaving(participant, observations)?.status;
}

/** The observation that gives the status on leaving (see statusOnLeaving). */
export function observationOnLeaving(participant: CountedParticipant, observations: Observation[]): Observation | undefined {
  if (!participant.exitDate) return undefined;
  const deadline = addDays(participant.exitDate, 28);
  const inWindow = observationsOf(participant.id, observations).filter(
    (o) => o.timing === 'AT_EXIT' && o.observedOn >= participant.exitDate! && o.observedOn <= deadline,
  );
  return inWindow.at(-1);
}

const EMPLOYED_STATUSES: LabourStatus[] = ['EMPLOYED_SOCIAL_INSURANCE', 'MARGINAL_JOB', 'SELF_EMPLOYED'];

/**
 * Immediate results, counted among those who left in the period. Because only the last status
 * counts, a person is in at most one of them: job-searching and in employment exclude each other.
 */
export const IMMEDIATE_RESULT_RULES: Record<string, (status: LabourStatus) => boolean> = {
  JOB_SEARCHING_ON_LEAVING: (s) => s === 'JOB_SEARCHING',
  IN_EDUCATION_ON_LEAVING: (s) => s === 'IN_EDUCATION_OR_TRAINING',
  QUALIFICATION_ON_LEAVING: (s) => s === 'QUALIFICATION_GAINED',
  EMPLOYED_ON_LEAVING: (s) => EMPLOYED_STATUSES.includes(s),
};

export function countImmediateResults(rule: keyof typeof IMMEDIATE_RESULT_RULES, participants: CountedParticipant[], observations: Observation[], period: Period): CountedParticipant[] {
  return participants.filter((p) => {
    if (!inPeriod(p.exitDate, period)) return false;
    const status = statusOnLeaving(p, observations);
    return status !== undefined && IMMEDIATE_RESULT_RULES[rule](status);
  });
}

/** The status six months after exit: the last 6-month observation (counted in the period the 6 months end). */
export function statusAfterSixMonths(participant: CountedParticipant, observations: Observation[]): LabourStatus | undefined {
  return observationsOf(participant.id, observations)
    .filter((o) => o.timing === 'MONTHS_6')
    .at(-1)?.status;
}

const RANK: Record<LabourStatus, number> = {
  UNKNOWN: 0,
  INACTIVE: 1,
  JOB_SEARCHING: 2,
  IN_EDUCATION_OR_TRAINING: 3,
  QUALIFICATION_GAINED: 3,
  MARGINAL_JOB: 4,
  SELF_EMPLOYED: 5,
  EMPLOYED_SOCIAL_INSURANCE: 5,
};
const ENTRY_RANK: Record<EntryStatus, number> = { INACTIVE: 1, LONG_TERM_UNEMPLOYED: 2, UNEMPLOYED: 2, EMPLOYED: 4 };

/** Longer-term results, 6 months after exit; the period is the one in which those 6 months end. */
export function countLongerTermResults(rule: 'EMPLOYED_AFTER_6_MONTHS' | 'BETTER_SITUATION_AFTER_6_MONTHS', participants: CountedParticipant[], observations: Observation[], period: Period): CountedParticipant[] {
  return participants.filter((p) => {
    if (!p.exitDate || !inPeriod(addMonths(p.exitDate, 6), period)) return false;
    const status = statusAfterSixMonths(p, observations);
    if (!status) return false;
    if (rule === 'EMPLOYED_AFTER_6_MONTHS') return EMPLOYED_STATUSES.includes(status);
    return p.entryStatus !== null && RANK[status] > ENTRY_RANK[p.entryStatus];
  });
}

/**
 * Integrations (programme-specific): a job subject to social insurance or a fully qualifying
 * vocational training. Publicly funded § 16i jobs do not count, and a person counts at most once
 * per calendar month. Returns one entry per counted (person, month).
 */
/** A job subject to social insurance that is not a § 16i job, or a fully qualifying vocational training. */
export function isIntegration(o: Observation): boolean {
  const job = o.status === 'EMPLOYED_SOCIAL_INSURANCE' && !o.publiclyFunded16i;
  const training = o.status === 'IN_EDUCATION_OR_TRAINING' && o.fullyQualifyingTraining === true;
  return job || training;
}

export function countIntegrations(observations: Observation[], period: Period): { participantId: string; month: string }[] {
  const counted = new Map<string, { participantId: string; month: string }>();
  for (const o of [...observations].sort((a, b) => a.observedOn.localeCompare(b.observedOn))) {
    if (!inPeriod(o.observedOn, period)) continue;
    if (!isIntegration(o)) continue;
    const month = o.observedOn.slice(0, 7);
    counted.set(`${o.participantId}|${month}`, { participantId: o.participantId, month });
  }
  return [...counted.values()];
}

/** Persons whose benefit receipt ended, by any observation in the period (each person once). */
export function countBenefitReceiptEnded(observations: Observation[], period: Period): string[] {
  return [...new Set(observations.filter((o) => o.benefitReceiptEnded && inPeriod(o.observedOn, period)).map((o) => o.participantId))];
}

/** Dropouts: participants who left early (exit marked as dropout) in the period. */
export function countDropouts(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => p.dropout === true && inPeriod(p.exitDate, period));
}

/** Leavers: everyone who left in the period (the denominator of the shares on leaving). */
export function countLeavers(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => inPeriod(p.exitDate, period));
}

/**
 * Leavers integrated on leaving: their status on leaving (last observation within 28 days of
 * exit) is an integration. Each person at most once, so it can be set against the leavers.
 */
export function countIntegratedOnLeaving(participants: CountedParticipant[], observations: Observation[], period: Period): CountedParticipant[] {
  return participants.filter((p) => {
    if (!inPeriod(p.exitDate, period)) return false;
    const o = observationOnLeaving(p, observations);
    return o !== undefined && isIntegration(o);
  });
}

/** The track whose integrations into fully qualifying training count as "training places reached". */
export const YOUTH_TRACK = 'YOUTH_TRAINING';

/**
 * Training places reached (youth track): persons of the youth track with an integration into a
 * fully qualifying vocational training in the period, each person once.
 */
export function countTrainingPlacesReached(participants: CountedParticipant[], observations: Observation[], period: Period): string[] {
  const youth = new Set(participants.filter((p) => p.track === YOUTH_TRACK).map((p) => p.id));
  const training = observations.filter((o) => o.status === 'IN_EDUCATION_OR_TRAINING' && o.fullyQualifyingTraining === true && youth.has(o.participantId));
  return [...new Set(countIntegrations(training, period).map((i) => i.participantId))];
}

/**
 * Every computed indicator's rule by name: the persons it counts in a period, one entry per
 * counted case (a person appears once per month for integrations, once otherwise). Indicator
 * definitions refer to these names.
 */
export interface RuleInput {
  participants: CountedParticipant[];
  observations: Observation[];
}

type RuleFn = (input: RuleInput, period: Period) => CountedParticipant[];

const byIds = (input: RuleInput, ids: string[]): CountedParticipant[] => {
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    return p ? [p] : [];
  });
};

export const COMPUTED_RULES: Record<string, RuleFn> = {
  ...Object.fromEntries(Object.keys(OUTPUT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countOutputs(rule, i.participants, p)])),
  ...Object.fromEntries(
    Object.keys(IMMEDIATE_RESULT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countImmediateResults(rule, i.participants, i.observations, p)]),
  ),
  EMPLOYED_AFTER_6_MONTHS: (i, p) => countLongerTermResults('EMPLOYED_AFTER_6_MONTHS', i.participants, i.observations, p),
  BETTER_SITUATION_AFTER_6_MONTHS: (i, p) => countLongerTermResults('BETTER_SITUATION_AFTER_6_MONTHS', i.participants, i.observations, p),
  INTEGRATIONS: (i, p) => byIds(i, countIntegrations(i.observations, p).map((c) => c.participantId)),
  BENEFIT_RECEIPT_ENDED: (i, p) => byIds(i, countBenefitReceiptEnded(i.observations, p)),
  TRAINING_PLACES_REACHED: (i, p) => byIds(i, countTrainingPlacesReached(i.participants, i.observations, p)),
  DROPOUTS: (i, p) => countDropouts(i.participants, p),
  LEAVERS: (i, p) => countLeavers(i.participants, p),
  INTEGRATED_ON_LEAVING: (i, p) => countIntegratedOnLeaving(i.participants, i.observations, p),
};

export const COMPUTED_RULE_NAMES = Object.keys(COMPUTED_RULES);
