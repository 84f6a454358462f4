import { addDays, addMonths, compareLocalDates, type LocalDate } from '../common/dates/local-date.js';

/**
 * The counting rules of the outcome indicators (docs/domain.md#outcome-indicators; the README's indicator section states
 * them in words), as pure functions over plain records, so each rule can be checked against a
 * hand-built data set and against a reference implementation. indicator-inputs.ts maps the
 * participants module's rows to these shapes.
 */
export type Gender = 'FEMALE' | 'MALE' | 'DIVERSE';
export type EntryStatus = 'UNEMPLOYED' | 'LONG_TERM_UNEMPLOYED' | 'INACTIVE' | 'EMPLOYED';
export type Education = 'ISCED_0_2' | 'ISCED_3_4' | 'ISCED_5_8';
/** The types of labour-market observations (measures.enums.ts ObservationType). */
export type ObservationType =
  | 'EMPLOYMENT_SOCIAL_INSURANCE'
  | 'VOCATIONAL_TRAINING'
  | 'EMPLOYMENT_16I'
  | 'SELF_EMPLOYMENT'
  | 'MARGINAL_EMPLOYMENT'
  | 'JOB_SEARCHING'
  | 'EDUCATION_OR_TRAINING'
  | 'QUALIFICATION_GAINED'
  | 'INACTIVE'
  | 'UNKNOWN'
  | 'BENEFIT_RECEIPT_ENDED';

/** One participation episode (entry to exit) of a person; a person who comes back has several. */
export interface CountedParticipant {
  id: string;
  /** The person: the id of her first episode. */
  personId: string;
  gender: Gender;
  /** Completed years of age on the entry date. */
  ageAtEntry: number;
  entryDate: LocalDate;
  exitDate?: LocalDate | null;
  /** Null while the entry data are not yet recorded (the episode then counts in no status indicator). */
  entryStatus: EntryStatus | null;
  education: Education | null;
  track: string;
  /** Restricted (special category); only counted, never shown per person. */
  hasDisability?: boolean;
  dropout?: boolean;
}

/** An observation in force (corrected and withdrawn records are resolved before counting). */
export interface Observation {
  /** The episode it belongs to. */
  participantId: string;
  observedOn: LocalDate;
  /** Recording order within the episode: of two observations of one day, the later record counts. */
  recordNo: number;
  type: ObservationType;
}

/** Programme data (participant rules), the same the API checks with: see lifecycle.countingParametersOf. */
export interface CountingParameters {
  /** The status on leaving is the last status observed from the exit day to this many days after it. */
  resultWindowDays: number;
  /** The status six months after exit is the last one observed within this many days of that day. */
  followUpToleranceDays: number;
}

export const FOLLOW_UP_MONTHS = 6;

/** The day FOLLOW_UP_MONTHS after `date`; cached, as every rule and breakdown cell asks for it again (a few thousand distinct days). */
const followUpDays = new Map<LocalDate, LocalDate>();
export function followUpDay(date: LocalDate): LocalDate {
  let day = followUpDays.get(date);
  if (!day) followUpDays.set(date, (day = addMonths(date, FOLLOW_UP_MONTHS)));
  return day;
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export interface RuleInput {
  participants: CountedParticipant[];
  observations: Observation[];
  parameters: CountingParameters;
}

/** Every type but the end of benefit receipt is a labour-market status. */
export const isStatus = (type: ObservationType): boolean => type !== 'BENEFIT_RECEIPT_ENDED';
const EMPLOYED: ObservationType[] = ['EMPLOYMENT_SOCIAL_INSURANCE', 'EMPLOYMENT_16I', 'SELF_EMPLOYMENT', 'MARGINAL_EMPLOYMENT'];
/** An integration: a job subject to social insurance or a fully qualifying vocational training; never § 16i. */
export const isIntegration = (type: ObservationType): boolean => type === 'EMPLOYMENT_SOCIAL_INSURANCE' || type === 'VOCATIONAL_TRAINING';

const byDateThenRecord = (a: Observation, b: Observation) => compareLocalDates(a.observedOn, b.observedOn) || a.recordNo - b.recordNo;

/**
 * What the rules derive from one data set is derived once and remembered per list (one report's
 * data): every indicator and breakdown cell asks again for the same episodes, periods and statuses.
 * Inputs are not changed once counting has started (a report builds fresh lists).
 *
 * Per observation list, each episode with observations: its observations in (date, record) order,
 * and its status on leaving and after six months, each for the last exit day and parameter asked
 * (a report asks with one).
 */
interface Episode {
  observations: Observation[];
  leavingExit: LocalDate | null;
  leavingDays: number;
  leaving: ObservationType | undefined;
  afterExit: LocalDate | null;
  afterDays: number;
  after: ObservationType | undefined;
}

const episodeIndex = new WeakMap<Observation[], Map<string, Episode>>();

function episodesOf(observations: Observation[]): Map<string, Episode> {
  let index = episodeIndex.get(observations);
  if (!index) {
    index = new Map();
    for (const o of observations) {
      const episode = index.get(o.participantId);
      if (episode) episode.observations.push(o);
      else
        index.set(o.participantId, {
          observations: [o],
          leavingExit: null,
          leavingDays: 0,
          leaving: undefined,
          afterExit: null,
          afterDays: 0,
          after: undefined,
        });
    }
    // Sorting each episode's few records is the same order as sorting all of them and then grouping (the sort is stable).
    for (const episode of index.values()) if (episode.observations.length > 1) episode.observations.sort(byDateThenRecord);
    episodeIndex.set(observations, index);
  }
  return index;
}

/** The index of the first item observed on or after `day` in a list in date order (the list's length when there is none). */
function firstOnOrAfter(list: readonly { observedOn: LocalDate }[], day: LocalDate): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].observedOn < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The episodes of a participant list that entered, left, or reached six months after exit in a period; once per list and period. */
interface PeriodSelection {
  entered: CountedParticipant[];
  left: CountedParticipant[];
  sixMonthsEnded: CountedParticipant[];
  /** The status on leaving of each of `left` and the status after six months of each of `sixMonthsEnded`, for the input last asked. */
  leaving: Statuses | null;
  after: Statuses | null;
}

interface Statuses {
  observations: Observation[];
  days: number;
  statuses: (ObservationType | undefined)[];
}

/** `kept` when it was computed for these observations and this window, else each episode's status anew. */
function statusesFor(
  kept: Statuses | null,
  episodes: CountedParticipant[],
  input: RuleInput,
  days: number,
  statusOf: (p: CountedParticipant, observations: Observation[], parameters: CountingParameters) => ObservationType | undefined,
): Statuses {
  if (kept && kept.observations === input.observations && kept.days === days) return kept;
  return { observations: input.observations, days, statuses: episodes.map((p) => statusOf(p, input.observations, input.parameters)) };
}

const periodSelections = new WeakMap<CountedParticipant[], Map<string, PeriodSelection>>();

function selectionOf(participants: CountedParticipant[], period: Period): PeriodSelection {
  let byPeriod = periodSelections.get(participants);
  if (!byPeriod) periodSelections.set(participants, (byPeriod = new Map()));
  const key = `${period.from}|${period.to}`;
  let selection = byPeriod.get(key);
  if (!selection) {
    selection = { entered: [], left: [], sixMonthsEnded: [], leaving: null, after: null };
    const { from, to } = period;
    for (const p of participants) {
      if (p.entryDate && p.entryDate >= from && p.entryDate <= to) selection.entered.push(p);
      const exitDate = p.exitDate;
      if (!exitDate) continue;
      if (exitDate >= from && exitDate <= to) selection.left.push(p);
      const day = followUpDay(exitDate);
      if (day >= from && day <= to) selection.sixMonthsEnded.push(p);
    }
    byPeriod.set(key, selection);
  }
  return selection;
}

export type AgeBand = 'UNDER_30' | 'FROM_30_TO_54' | 'FROM_55';

export function ageBand(ageAtEntry: number): AgeBand {
  return ageAtEntry < 30 ? 'UNDER_30' : ageAtEntry >= 55 ? 'FROM_55' : 'FROM_30_TO_54';
}

/** Output indicators are counted at entry: the episodes that began in the period and had the attribute then. */
export const OUTPUT_RULES: Record<string, (p: CountedParticipant) => boolean> = {
  PARTICIPANTS: () => true,
  UNEMPLOYED: (p) => p.entryStatus === 'UNEMPLOYED' || p.entryStatus === 'LONG_TERM_UNEMPLOYED',
  LONG_TERM_UNEMPLOYED: (p) => p.entryStatus === 'LONG_TERM_UNEMPLOYED',
  INACTIVE: (p) => p.entryStatus === 'INACTIVE',
  EMPLOYED: (p) => p.entryStatus === 'EMPLOYED',
  UNDER_30: (p) => ageBand(p.ageAtEntry) === 'UNDER_30',
  FROM_55: (p) => ageBand(p.ageAtEntry) === 'FROM_55',
  ISCED_0_2: (p) => p.education === 'ISCED_0_2',
  ISCED_3_4: (p) => p.education === 'ISCED_3_4',
  ISCED_5_8: (p) => p.education === 'ISCED_5_8',
  WITH_DISABILITY: (p) => p.hasDisability === true,
};

export function countOutputs(rule: keyof typeof OUTPUT_RULES, participants: CountedParticipant[], period: Period): CountedParticipant[] {
  const test = OUTPUT_RULES[rule];
  return selectionOf(participants, period).entered.filter((p) => test(p));
}

/** The last status among an episode's observations (in (date, record) order) observed from `from` to `to` (both included). */
function lastStatusBetween(list: Observation[], from: LocalDate, to: LocalDate): ObservationType | undefined {
  // The last match is the first from the end.
  for (let i = list.length - 1; i >= 0; i--) {
    const o = list[i];
    if (isStatus(o.type) && o.observedOn >= from && o.observedOn <= to) return o.type;
  }
  return undefined;
}

/** The status on leaving: the last status observed from the exit day to `resultWindowDays` after it. */
export function statusOnLeaving(
  p: Pick<CountedParticipant, 'id' | 'exitDate'>,
  observations: Observation[],
  parameters: CountingParameters,
): ObservationType | undefined {
  const exitDate = p.exitDate;
  if (!exitDate) return undefined;
  const episode = episodesOf(observations).get(p.id);
  if (!episode) return undefined; // nothing observed
  const days = parameters.resultWindowDays;
  if (episode.leavingExit !== exitDate || episode.leavingDays !== days) {
    episode.leaving = lastStatusBetween(episode.observations, exitDate, addDays(exitDate, days));
    episode.leavingExit = exitDate;
    episode.leavingDays = days;
  }
  return episode.leaving;
}

/** The status six months after exit: the last status observed within `followUpToleranceDays` of that day. */
export function statusAfterSixMonths(
  p: Pick<CountedParticipant, 'id' | 'exitDate'>,
  observations: Observation[],
  parameters: CountingParameters,
): ObservationType | undefined {
  const exitDate = p.exitDate;
  if (!exitDate) return undefined;
  const episode = episodesOf(observations).get(p.id);
  if (!episode) return undefined; // nothing observed
  const days = parameters.followUpToleranceDays;
  if (episode.afterExit !== exitDate || episode.afterDays !== days) {
    const day = followUpDay(exitDate);
    episode.after = lastStatusBetween(episode.observations, addDays(day, -days), addDays(day, days));
    episode.afterExit = exitDate;
    episode.afterDays = days;
  }
  return episode.after;
}

/**
 * Immediate results, counted among those who left in the period by their status on leaving.
 * Because only one status counts, a person is in at most one of them.
 */
export const IMMEDIATE_RESULT_RULES: Record<string, (status: ObservationType) => boolean> = {
  JOB_SEARCHING_ON_LEAVING: (s) => s === 'JOB_SEARCHING',
  IN_EDUCATION_ON_LEAVING: (s) => s === 'VOCATIONAL_TRAINING' || s === 'EDUCATION_OR_TRAINING',
  QUALIFICATION_ON_LEAVING: (s) => s === 'QUALIFICATION_GAINED',
  EMPLOYED_ON_LEAVING: (s) => EMPLOYED.includes(s),
};

export function countImmediateResults(rule: keyof typeof IMMEDIATE_RESULT_RULES, input: RuleInput, period: Period): CountedParticipant[] {
  const test = IMMEDIATE_RESULT_RULES[rule];
  return leaversWith(input, period, (status) => test(status));
}

/** The leavers of the period whose status on leaving is known and passes `test`, in list order. */
function leaversWith(input: RuleInput, period: Period, test: (status: ObservationType) => boolean): CountedParticipant[] {
  const selection = selectionOf(input.participants, period);
  const statuses = (selection.leaving = statusesFor(
    selection.leaving,
    selection.left,
    input,
    input.parameters.resultWindowDays,
    statusOnLeaving,
  ));
  const counted: CountedParticipant[] = [];
  for (let i = 0; i < selection.left.length; i++) {
    const status = statuses.statuses[i];
    if (status !== undefined && test(status)) counted.push(selection.left[i]);
  }
  return counted;
}

const RANK: Record<ObservationType, number> = {
  UNKNOWN: 0,
  INACTIVE: 1,
  JOB_SEARCHING: 2,
  EDUCATION_OR_TRAINING: 3,
  VOCATIONAL_TRAINING: 3,
  QUALIFICATION_GAINED: 3,
  MARGINAL_EMPLOYMENT: 4,
  SELF_EMPLOYMENT: 5,
  EMPLOYMENT_SOCIAL_INSURANCE: 5,
  EMPLOYMENT_16I: 5,
  BENEFIT_RECEIPT_ENDED: 0,
};
const ENTRY_RANK: Record<EntryStatus, number> = { INACTIVE: 1, LONG_TERM_UNEMPLOYED: 2, UNEMPLOYED: 2, EMPLOYED: 4 };

/** Longer-term results, six months after exit; counted in the period in which those six months end. */
export function countLongerTermResults(
  rule: 'EMPLOYED_AFTER_6_MONTHS' | 'BETTER_SITUATION_AFTER_6_MONTHS',
  input: RuleInput,
  period: Period,
): CountedParticipant[] {
  const selection = selectionOf(input.participants, period);
  const after = (selection.after = statusesFor(
    selection.after,
    selection.sixMonthsEnded,
    input,
    input.parameters.followUpToleranceDays,
    statusAfterSixMonths,
  ));
  const counted: CountedParticipant[] = [];
  for (let i = 0; i < selection.sixMonthsEnded.length; i++) {
    const status = after.statuses[i];
    if (!status) continue;
    const p = selection.sixMonthsEnded[i];
    if (rule === 'EMPLOYED_AFTER_6_MONTHS' ? EMPLOYED.includes(status) : p.entryStatus !== null && RANK[status] > ENTRY_RANK[p.entryStatus])
      counted.push(p);
  }
  return counted;
}

export interface TakeUp {
  participant: CountedParticipant;
  observedOn: LocalDate;
  type: ObservationType;
}

const takeUpIndex = new WeakMap<Observation[], { participants: CountedParticipant[]; takeUps: TakeUp[] }>();

/**
 * Jobs subject to social insurance and fully qualifying trainings taken up, in date order: an
 * integration-type status observed while the episode's previous status (by date, then record) was
 * not the same type. A continuing job, observed again at a follow-up, is not taken up again.
 */
export function takeUps(participants: CountedParticipant[], observations: Observation[]): TakeUp[] {
  const cached = takeUpIndex.get(observations);
  if (cached && cached.participants === participants) return cached.takeUps;
  const list: TakeUp[] = [];
  const episodes = episodesOf(observations);
  for (const p of participants) {
    const episode = episodes.get(p.id);
    if (!episode) continue;
    let previous: ObservationType | undefined;
    for (const o of episode.observations) {
      if (!isStatus(o.type)) continue;
      if (isIntegration(o.type) && o.type !== previous) list.push({ participant: p, observedOn: o.observedOn, type: o.type });
      previous = o.type;
    }
  }
  list.sort((a, b) => compareLocalDates(a.observedOn, b.observedOn));
  takeUpIndex.set(observations, { participants, takeUps: list });
  return list;
}

/** Integrations in the period: take-ups, at most one per person and calendar month (the first of the month). */
export function countIntegrations(input: RuleInput, period: Period): { participant: CountedParticipant; month: string }[] {
  const counted = new Map<string, { participant: CountedParticipant; month: string }>();
  const list = takeUps(input.participants, input.observations);
  // In date order: the take-ups of the period are one run of the list.
  for (let i = firstOnOrAfter(list, period.from); i < list.length && list[i].observedOn <= period.to; i++) {
    const t = list[i];
    const month = t.observedOn.slice(0, 7);
    const key = `${t.participant.personId}|${month}`;
    if (!counted.has(key)) counted.set(key, { participant: t.participant, month });
  }
  return [...counted.values()];
}

/** The ends of benefit receipt of an observation list in (date, record) order, and the episodes of a participant list by id; once per list. */
const benefitEnds = new WeakMap<Observation[], Observation[]>();
const episodesById = new WeakMap<CountedParticipant[], Map<string, CountedParticipant>>();

/** Persons whose benefit receipt ended in the period (each person once, with the episode of the first such observation). */
export function countBenefitReceiptEnded(input: RuleInput, period: Period): CountedParticipant[] {
  let byId = episodesById.get(input.participants);
  if (!byId) episodesById.set(input.participants, (byId = new Map(input.participants.map((p) => [p.id, p]))));
  let ends = benefitEnds.get(input.observations);
  if (!ends)
    benefitEnds.set(
      input.observations,
      (ends = input.observations.filter((o) => o.type === 'BENEFIT_RECEIPT_ENDED').sort(byDateThenRecord)),
    );
  const persons = new Map<string, CountedParticipant>();
  // The ends in the period, in (date, record) order (the sort is stable, so this is the order of sorting only those): the first per person counts.
  for (let i = firstOnOrAfter(ends, period.from); i < ends.length && ends[i].observedOn <= period.to; i++) {
    const o = ends[i];
    const p = byId.get(o.participantId);
    if (p && !persons.has(p.personId)) persons.set(p.personId, p);
  }
  return [...persons.values()];
}

/** Dropouts: episodes ended early (exit marked as dropout) in the period. */
export function countDropouts(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return selectionOf(participants, period).left.filter((p) => p.dropout === true);
}

/** Leavers: every episode that ended in the period (the denominator of the shares on leaving). */
export function countLeavers(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return selectionOf(participants, period).left.slice();
}

/** Leavers of the period whose status on leaving is an integration; each episode once, so it can be set against the leavers. */
export function countIntegratedOnLeaving(input: RuleInput, period: Period): CountedParticipant[] {
  return leaversWith(input, period, isIntegration);
}

/** The track whose integrations into fully qualifying training count as "training places reached". */
export const YOUTH_TRACK = 'YOUTH_TRAINING';

/** Training places reached: youth-track persons who took up a fully qualifying training in the period, each person once. */
export function countTrainingPlacesReached(input: RuleInput, period: Period): CountedParticipant[] {
  const persons = new Map<string, CountedParticipant>();
  const list = takeUps(input.participants, input.observations);
  for (let i = firstOnOrAfter(list, period.from); i < list.length && list[i].observedOn <= period.to; i++) {
    const t = list[i];
    if (t.type !== 'VOCATIONAL_TRAINING' || t.participant.track !== YOUTH_TRACK) continue;
    if (!persons.has(t.participant.personId)) persons.set(t.participant.personId, t.participant);
  }
  return [...persons.values()];
}

/**
 * Every computed indicator's rule by name: the episodes it counts in a period, one entry per
 * counted case (a person appears once per month for integrations, once otherwise). Indicator
 * definitions refer to these names.
 */
type RuleFn = (input: RuleInput, period: Period) => CountedParticipant[];

export const COMPUTED_RULES: Record<string, RuleFn> = {
  ...Object.fromEntries(
    Object.keys(OUTPUT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countOutputs(rule, i.participants, p)]),
  ),
  ...Object.fromEntries(
    Object.keys(IMMEDIATE_RESULT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countImmediateResults(rule, i, p)]),
  ),
  EMPLOYED_AFTER_6_MONTHS: (i, p) => countLongerTermResults('EMPLOYED_AFTER_6_MONTHS', i, p),
  BETTER_SITUATION_AFTER_6_MONTHS: (i, p) => countLongerTermResults('BETTER_SITUATION_AFTER_6_MONTHS', i, p),
  INTEGRATIONS: (i, p) => countIntegrations(i, p).map((c) => c.participant),
  BENEFIT_RECEIPT_ENDED: (i, p) => countBenefitReceiptEnded(i, p),
  TRAINING_PLACES_REACHED: (i, p) => countTrainingPlacesReached(i, p),
  DROPOUTS: (i, p) => countDropouts(i.participants, p),
  LEAVERS: (i, p) => countLeavers(i.participants, p),
  INTEGRATED_ON_LEAVING: (i, p) => countIntegratedOnLeaving(i, p),
};

export const COMPUTED_RULE_NAMES = Object.keys(COMPUTED_RULES);
