import fc from 'fast-check';

import { addDaysByDate, addMonths, compareLocalDates, type LocalDate } from '../common/dates/local-date.js';
import {
  COMPUTED_RULES,
  countIntegrations,
  type CountedParticipant,
  type CountingParameters,
  type EntryStatus,
  type Observation,
  type ObservationType,
  type Period,
  type RuleInput,
  statusAfterSixMonths,
  statusOnLeaving,
  takeUps,
} from './counting-rules.js';

/**
 * The counting rules as they were before their per-report indexes (selections per period, one
 * record per episode with its statuses, take-ups keyed by both lists, day-number date arithmetic),
 * frozen here, against the current ones on generated data: every rule, period, parameter and call
 * order gives the same episodes in the same order. The rules themselves are checked against the
 * README in counting-rules.property.spec.ts; this only guards the rewrite.
 */

// ---- before (frozen copy of counting-rules.ts at f4b7552, exports made local) -------------------

const followUpDayBefore = (date: LocalDate) => addMonths(date, 6);

/** Every type but the end of benefit receipt is a labour-market status. */
const isStatus = (type: ObservationType): boolean => type !== 'BENEFIT_RECEIPT_ENDED';
const EMPLOYED: ObservationType[] = ['EMPLOYMENT_SOCIAL_INSURANCE', 'EMPLOYMENT_16I', 'SELF_EMPLOYMENT', 'MARGINAL_EMPLOYMENT'];
/** An integration: a job subject to social insurance or a fully qualifying vocational training; never § 16i. */
const isIntegration = (type: ObservationType): boolean => type === 'EMPLOYMENT_SOCIAL_INSURANCE' || type === 'VOCATIONAL_TRAINING';

const inPeriod = (date: LocalDate | null | undefined, p: Period) => !!date && date >= p.from && date <= p.to;
const byDateThenRecord = (a: Observation, b: Observation) => compareLocalDates(a.observedOn, b.observedOn) || a.recordNo - b.recordNo;

/**
 * An episode's observations in (date, record) order, indexed once per observation list, so that
 * rules looking up every episode's observations stay linear in the size of the data.
 */
const observationIndex = new WeakMap<Observation[], Map<string, Observation[]>>();

function observationsOf(participantId: string, observations: Observation[]): Observation[] {
  let index = observationIndex.get(observations);
  if (!index) {
    index = new Map();
    for (const o of [...observations].sort(byDateThenRecord)) {
      const list = index.get(o.participantId);
      if (list) list.push(o);
      else index.set(o.participantId, [o]);
    }
    observationIndex.set(observations, index);
  }
  return index.get(participantId) ?? [];
}

type AgeBand = 'UNDER_30' | 'FROM_30_TO_54' | 'FROM_55';

function ageBand(ageAtEntry: number): AgeBand {
  return ageAtEntry < 30 ? 'UNDER_30' : ageAtEntry >= 55 ? 'FROM_55' : 'FROM_30_TO_54';
}

/** Output indicators are counted at entry: the episodes that began in the period and had the attribute then. */
const OUTPUT_RULES: Record<string, (p: CountedParticipant) => boolean> = {
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

function countOutputs(rule: keyof typeof OUTPUT_RULES, participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => inPeriod(p.entryDate, period) && OUTPUT_RULES[rule](p));
}

/** The last status of the episode observed from `from` to `to` (both included). */
function lastStatusBetween(
  p: Pick<CountedParticipant, 'id'>,
  observations: Observation[],
  from: LocalDate,
  to: LocalDate,
): ObservationType | undefined {
  // The episode's observations are in (date, record) order: the last match is the first from the end.
  const list = observationsOf(p.id, observations);
  for (let i = list.length - 1; i >= 0; i--) {
    const o = list[i];
    if (isStatus(o.type) && o.observedOn >= from && o.observedOn <= to) return o.type;
  }
  return undefined;
}

/**
 * Each episode's status on leaving and after six months, computed once per observation list (one
 * report's data): every indicator and every breakdown cell asks again for the same episodes.
 */
const statusMemo = new WeakMap<Observation[], Map<string, Map<string, { exitDate: LocalDate; status: ObservationType | undefined }>>>();

/** `compute` once per observation list, rule (with its parameter), episode and exit day. */
function memoized(
  observations: Observation[],
  rule: string,
  p: { id: string; exitDate: LocalDate },
  compute: () => ObservationType | undefined,
): ObservationType | undefined {
  let byRule = statusMemo.get(observations);
  if (!byRule) statusMemo.set(observations, (byRule = new Map()));
  let memo = byRule.get(rule);
  if (!memo) byRule.set(rule, (memo = new Map()));
  const known = memo.get(p.id);
  if (known && known.exitDate === p.exitDate) return known.status;
  const status = compute();
  memo.set(p.id, { exitDate: p.exitDate, status });
  return status;
}

/** The status on leaving: the last status observed from the exit day to `resultWindowDays` after it. */
function before_statusOnLeaving(
  p: Pick<CountedParticipant, 'id' | 'exitDate'>,
  observations: Observation[],
  parameters: CountingParameters,
): ObservationType | undefined {
  const exitDate = p.exitDate;
  if (!exitDate) return undefined;
  return memoized(observations, `leaving:${parameters.resultWindowDays}`, { id: p.id, exitDate }, () =>
    lastStatusBetween(p, observations, exitDate, addDaysByDate(exitDate, parameters.resultWindowDays)),
  );
}

/** The status six months after exit: the last status observed within `followUpToleranceDays` of that day. */
function before_statusAfterSixMonths(
  p: Pick<CountedParticipant, 'id' | 'exitDate'>,
  observations: Observation[],
  parameters: CountingParameters,
): ObservationType | undefined {
  const exitDate = p.exitDate;
  if (!exitDate) return undefined;
  return memoized(observations, `after:${parameters.followUpToleranceDays}`, { id: p.id, exitDate }, () => {
    const day = followUpDayBefore(exitDate);
    return lastStatusBetween(
      p,
      observations,
      addDaysByDate(day, -parameters.followUpToleranceDays),
      addDaysByDate(day, parameters.followUpToleranceDays),
    );
  });
}

/**
 * Immediate results, counted among those who left in the period by their status on leaving.
 * Because only one status counts, a person is in at most one of them.
 */
const IMMEDIATE_RESULT_RULES: Record<string, (status: ObservationType) => boolean> = {
  JOB_SEARCHING_ON_LEAVING: (s) => s === 'JOB_SEARCHING',
  IN_EDUCATION_ON_LEAVING: (s) => s === 'VOCATIONAL_TRAINING' || s === 'EDUCATION_OR_TRAINING',
  QUALIFICATION_ON_LEAVING: (s) => s === 'QUALIFICATION_GAINED',
  EMPLOYED_ON_LEAVING: (s) => EMPLOYED.includes(s),
};

function countImmediateResults(rule: keyof typeof IMMEDIATE_RESULT_RULES, input: RuleInput, period: Period): CountedParticipant[] {
  return input.participants.filter((p) => {
    if (!inPeriod(p.exitDate, period)) return false;
    const status = before_statusOnLeaving(p, input.observations, input.parameters);
    return status !== undefined && IMMEDIATE_RESULT_RULES[rule](status);
  });
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
function countLongerTermResults(
  rule: 'EMPLOYED_AFTER_6_MONTHS' | 'BETTER_SITUATION_AFTER_6_MONTHS',
  input: RuleInput,
  period: Period,
): CountedParticipant[] {
  return input.participants.filter((p) => {
    if (!p.exitDate || !inPeriod(followUpDayBefore(p.exitDate), period)) return false;
    const status = before_statusAfterSixMonths(p, input.observations, input.parameters);
    if (!status) return false;
    if (rule === 'EMPLOYED_AFTER_6_MONTHS') return EMPLOYED.includes(status);
    return p.entryStatus !== null && RANK[status] > ENTRY_RANK[p.entryStatus];
  });
}

interface TakeUp {
  participant: CountedParticipant;
  observedOn: LocalDate;
  type: ObservationType;
}

const takeUpIndex = new WeakMap<Observation[], TakeUp[]>();

/**
 * Jobs subject to social insurance and fully qualifying trainings taken up, in date order: an
 * integration-type status observed while the episode's previous status (by date, then record) was
 * not the same type. A continuing job, observed again at a follow-up, is not taken up again.
 */
function before_takeUps(participants: CountedParticipant[], observations: Observation[]): TakeUp[] {
  let cached = takeUpIndex.get(observations);
  if (!cached) {
    cached = [];
    for (const p of participants) {
      let previous: ObservationType | undefined;
      for (const o of observationsOf(p.id, observations)) {
        if (!isStatus(o.type)) continue;
        if (isIntegration(o.type) && o.type !== previous) cached.push({ participant: p, observedOn: o.observedOn, type: o.type });
        previous = o.type;
      }
    }
    cached.sort((a, b) => compareLocalDates(a.observedOn, b.observedOn));
    takeUpIndex.set(observations, cached);
  }
  return cached;
}

/** Integrations in the period: take-ups, at most one per person and calendar month (the first of the month). */
function before_countIntegrations(input: RuleInput, period: Period): { participant: CountedParticipant; month: string }[] {
  const counted = new Map<string, { participant: CountedParticipant; month: string }>();
  for (const t of before_takeUps(input.participants, input.observations)) {
    if (!inPeriod(t.observedOn, period)) continue;
    const month = t.observedOn.slice(0, 7);
    const key = `${t.participant.personId}|${month}`;
    if (!counted.has(key)) counted.set(key, { participant: t.participant, month });
  }
  return [...counted.values()];
}

/** Persons whose benefit receipt ended in the period (each person once, with the episode of the first such observation). */
function countBenefitReceiptEnded(input: RuleInput, period: Period): CountedParticipant[] {
  const byId = new Map(input.participants.map((p) => [p.id, p]));
  const persons = new Map<string, CountedParticipant>();
  // The few ends of benefit receipt in the period, in (date, record) order: the first per person counts.
  const ends = input.observations.filter((o) => o.type === 'BENEFIT_RECEIPT_ENDED' && inPeriod(o.observedOn, period));
  for (const o of ends.sort(byDateThenRecord)) {
    const p = byId.get(o.participantId);
    if (p && !persons.has(p.personId)) persons.set(p.personId, p);
  }
  return [...persons.values()];
}

/** Dropouts: episodes ended early (exit marked as dropout) in the period. */
function countDropouts(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => p.dropout === true && inPeriod(p.exitDate, period));
}

/** Leavers: every episode that ended in the period (the denominator of the shares on leaving). */
function countLeavers(participants: CountedParticipant[], period: Period): CountedParticipant[] {
  return participants.filter((p) => inPeriod(p.exitDate, period));
}

/** Leavers of the period whose status on leaving is an integration; each episode once, so it can be set against the leavers. */
function countIntegratedOnLeaving(input: RuleInput, period: Period): CountedParticipant[] {
  return input.participants.filter((p) => {
    if (!inPeriod(p.exitDate, period)) return false;
    const status = before_statusOnLeaving(p, input.observations, input.parameters);
    return status !== undefined && isIntegration(status);
  });
}

/** The track whose integrations into fully qualifying training count as "training places reached". */
const YOUTH_TRACK = 'YOUTH_TRAINING';

/** Training places reached: youth-track persons who took up a fully qualifying training in the period, each person once. */
function countTrainingPlacesReached(input: RuleInput, period: Period): CountedParticipant[] {
  const persons = new Map<string, CountedParticipant>();
  for (const t of before_takeUps(input.participants, input.observations)) {
    if (t.type !== 'VOCATIONAL_TRAINING' || t.participant.track !== YOUTH_TRACK || !inPeriod(t.observedOn, period)) continue;
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

const before_COMPUTED_RULES: Record<string, RuleFn> = {
  ...Object.fromEntries(
    Object.keys(OUTPUT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countOutputs(rule, i.participants, p)]),
  ),
  ...Object.fromEntries(
    Object.keys(IMMEDIATE_RESULT_RULES).map((rule) => [rule, (i: RuleInput, p: Period) => countImmediateResults(rule, i, p)]),
  ),
  EMPLOYED_AFTER_6_MONTHS: (i, p) => countLongerTermResults('EMPLOYED_AFTER_6_MONTHS', i, p),
  BETTER_SITUATION_AFTER_6_MONTHS: (i, p) => countLongerTermResults('BETTER_SITUATION_AFTER_6_MONTHS', i, p),
  INTEGRATIONS: (i, p) => before_countIntegrations(i, p).map((c) => c.participant),
  BENEFIT_RECEIPT_ENDED: (i, p) => countBenefitReceiptEnded(i, p),
  TRAINING_PLACES_REACHED: (i, p) => countTrainingPlacesReached(i, p),
  DROPOUTS: (i, p) => countDropouts(i.participants, p),
  LEAVERS: (i, p) => countLeavers(i.participants, p),
  INTEGRATED_ON_LEAVING: (i, p) => countIntegratedOnLeaving(i, p),
};

// ---- the comparison ------------------------------------------------------------------------------

const TYPES: ObservationType[] = [
  'EMPLOYMENT_SOCIAL_INSURANCE',
  'VOCATIONAL_TRAINING',
  'EMPLOYMENT_16I',
  'SELF_EMPLOYMENT',
  'MARGINAL_EMPLOYMENT',
  'JOB_SEARCHING',
  'EDUCATION_OR_TRAINING',
  'QUALIFICATION_GAINED',
  'INACTIVE',
  'UNKNOWN',
  'BENEFIT_RECEIPT_ENDED',
];
const START = '2022-01-01';
const day = (offset: number) => addDaysByDate(START, offset);

const episodeArb = fc.record({
  person: fc.nat({ max: 30 }),
  entry: fc.nat({ max: 1500 }),
  length: fc.option(fc.nat({ max: 400 }), { nil: null }),
  age: fc.integer({ min: 15, max: 66 }),
  gender: fc.constantFrom('FEMALE' as const, 'MALE' as const, 'DIVERSE' as const),
  entryStatus: fc.option(fc.constantFrom<EntryStatus>('UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'), { nil: null }),
  education: fc.option(fc.constantFrom('ISCED_0_2' as const, 'ISCED_3_4' as const, 'ISCED_5_8' as const), { nil: null }),
  track: fc.constantFrom('WOMEN_REENTRY', 'YOUTH_TRAINING'),
  disabled: fc.boolean(),
  dropout: fc.boolean(),
});
const observationArb = fc.record({
  episode: fc.nat(),
  // Around the exit (the windows), six months later, or anywhere; ties of one day are frequent.
  near: fc.constantFrom('exit', 'exit', 'six-months', 'anywhere'),
  offset: fc.integer({ min: -45, max: 75 }),
  type: fc.constantFrom(...TYPES),
});
// A period's bounds are often a day of the data itself (or the day next to it), where `<` and `<=` part.
const boundArb = fc.record({
  anchored: fc.boolean(),
  day: fc.nat({ max: 2000 }),
  anchor: fc.nat(),
  shift: fc.integer({ min: -1, max: 1 }),
});
const periodArb = fc.record({ from: boundArb, to: boundArb });
const parametersArb = fc.record({
  resultWindowDays: fc.constantFrom(0, 7, 28, 42, 60),
  followUpToleranceDays: fc.constantFrom(0, 14, 28, 40),
});
const caseArb = fc.record({
  episodes: fc.array(episodeArb, { minLength: 0, maxLength: 40 }),
  observations: fc.array(observationArb, { maxLength: 120 }),
  // Several periods and parameter sets asked of one data set, in a random order (the indexes are per data set).
  asks: fc.array(
    fc.record({
      rule: fc.constantFrom(...Object.keys(COMPUTED_RULES), 'STATUS', 'TAKE_UPS', 'MONTHS'),
      period: fc.nat({ max: 3 }),
      parameters: fc.nat({ max: 1 }),
    }),
    {
      minLength: 1,
      maxLength: 40,
    },
  ),
  periods: fc.array(periodArb, { minLength: 4, maxLength: 4 }),
  parameters: fc.array(parametersArb, { minLength: 2, maxLength: 2 }),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): { participants: CountedParticipant[]; observations: Observation[]; periods: Period[] } {
  const participants = c.episodes.map((e, i): CountedParticipant => {
    const entryDate = day(e.entry);
    return {
      id: `e${i}`,
      personId: `p${e.person}`,
      gender: e.gender,
      ageAtEntry: e.age,
      entryDate,
      exitDate: e.length === null ? null : addDaysByDate(entryDate, e.length),
      entryStatus: e.entryStatus,
      education: e.education,
      track: e.track,
      hasDisability: e.disabled,
      dropout: e.dropout,
    };
  });
  const recordNo = new Map<string, number>();
  const observations = c.observations.map((o): Observation => {
    // Some observations belong to no listed episode (an episode id the participant list does not hold).
    const p = participants.length ? participants[o.episode % (participants.length + 1)] : undefined;
    const participantId = p?.id ?? 'elsewhere';
    const anchor =
      !p || o.near === 'anywhere' || !p.exitDate ? (p?.entryDate ?? START) : o.near === 'exit' ? p.exitDate : addMonths(p.exitDate, 6);
    const next = (recordNo.get(participantId) ?? 0) + 1;
    recordNo.set(participantId, next);
    return {
      participantId,
      observedOn: addDaysByDate(anchor, o.near === 'anywhere' ? Math.abs(o.offset) * 7 : o.offset),
      recordNo: next,
      type: o.type,
    };
  });
  const days = [
    ...participants.flatMap((p) => [p.entryDate, ...(p.exitDate ? [p.exitDate, addMonths(p.exitDate, 6)] : [])]),
    ...observations.map((o) => o.observedOn),
  ];
  const bound = (b: Case['periods'][number]['from']) =>
    b.anchored && days.length ? addDaysByDate(days[b.anchor % days.length], b.shift) : day(b.day);
  const periods = c.periods.map((p) => {
    const [from, to] = [bound(p.from), bound(p.to)];
    return from <= to ? { from, to } : { from: to, to: from };
  });
  // The rows come in any order (the service reads them ordered by episode and record, the rules must not rely on it).
  return { participants, observations: observations.reverse(), periods };
}

const ids = (list: CountedParticipant[]) => list.map((p) => p.id);

describe('counting rules: the per-report indexes count as the rules did before them (property)', () => {
  it('give the same episodes, in the same order, for every rule, period, parameter set and order of asking', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const data = build(c);
        // One input per parameter set, as the service builds one per report; the lists are shared between them.
        const inputs: RuleInput[] = c.parameters.map((parameters: CountingParameters) => ({ ...data, parameters }));
        // Each ask with both parameter sets, the asked one first.
        for (const ask of c.asks.flatMap((a) => [a, { ...a, parameters: 1 - a.parameters }])) {
          const input = inputs[ask.parameters];
          const period: Period = data.periods[ask.period];
          if (ask.rule === 'STATUS') {
            for (const p of input.participants) {
              expect(statusOnLeaving(p, input.observations, input.parameters)).toBe(
                before_statusOnLeaving(p, input.observations, input.parameters),
              );
              expect(statusAfterSixMonths(p, input.observations, input.parameters)).toBe(
                before_statusAfterSixMonths(p, input.observations, input.parameters),
              );
            }
          } else if (ask.rule === 'TAKE_UPS') {
            expect(takeUps(input.participants, input.observations)).toEqual(before_takeUps(input.participants, input.observations));
          } else if (ask.rule === 'MONTHS') {
            expect(countIntegrations(input, period)).toEqual(before_countIntegrations(input, period));
          } else {
            expect({ rule: ask.rule, counted: ids(COMPUTED_RULES[ask.rule](input, period)) }).toEqual({
              rule: ask.rule,
              counted: ids(before_COMPUTED_RULES[ask.rule](input, period)),
            });
          }
        }
      }),
      { numRuns: 600, seed: 20261203 },
    );
  });
});
