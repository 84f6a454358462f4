import fc from 'fast-check';

import { addDays, addMonths } from '../common/dates/local-date.js';
import { ObservationKind, ObservationType } from '../measures/measures.enums.js';
import { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, Track } from '../participants/participants.enums.js';
import { COMPUTED_RULES, countIntegrations, type Period } from './counting-rules.js';
import { type ObservationRow, type ParticipantRow, toRuleInput } from './indicator-inputs.js';

/**
 * Property: for random participants (with re-entries), random sequences of observations,
 * corrections and withdrawals, and random counting parameters, the indicators computed the
 * service's way (records → in force → counting-rules.ts) equal those of a reference written here
 * straight from the rules in the README's indicator section, sharing no code with the service.
 */

// ---- the reference, from the README: "Counting rules" --------------------------------------

interface RefEpisode {
  id: string;
  person: string;
  age: number;
  entry: string;
  exit: string | null;
  entryStatus: LabourStatusAtEntry;
  track: Track;
  dropout: boolean;
}
/** A case worker's view: the observations that stand, each with the order in which it was written. */
interface RefObservation {
  episode: string;
  date: string;
  type: ObservationType;
  written: number;
}

const within = (d: string | null, p: Period) => d !== null && d >= p.from && d <= p.to;
const STATUS = (t: ObservationType) => t !== ObservationType.BENEFIT_RECEIPT_ENDED;
const EMPLOYED = [
  ObservationType.EMPLOYMENT_SOCIAL_INSURANCE,
  ObservationType.EMPLOYMENT_16I,
  ObservationType.SELF_EMPLOYMENT,
  ObservationType.MARGINAL_EMPLOYMENT,
];
const INTEGRATION = [ObservationType.EMPLOYMENT_SOCIAL_INSURANCE, ObservationType.VOCATIONAL_TRAINING];
const RANK: Record<string, number> = {
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
};
const ENTRY_RANK: Record<string, number> = { INACTIVE: 1, LONG_TERM_UNEMPLOYED: 2, UNEMPLOYED: 2, EMPLOYED: 4 };

function statusesOf(e: RefEpisode, obs: RefObservation[]): RefObservation[] {
  return obs
    .filter((o) => o.episode === e.id && STATUS(o.type))
    .sort((a, b) => (a.date === b.date ? a.written - b.written : a.date < b.date ? -1 : 1));
}
function lastStatus(e: RefEpisode, obs: RefObservation[], from: string, to: string): ObservationType | null {
  const inside = statusesOf(e, obs).filter((o) => o.date >= from && o.date <= to);
  return inside.length ? inside[inside.length - 1].type : null;
}

function reference(episodes: RefEpisode[], obs: RefObservation[], window: number, tolerance: number, p: Period): Record<string, string[]> {
  const entered = episodes.filter((e) => within(e.entry, p));
  const left = episodes.filter((e) => within(e.exit, p));
  const onLeaving = (e: RefEpisode) => lastStatus(e, obs, e.exit!, addDays(e.exit!, window));
  const sixMonths = (e: RefEpisode) => {
    const day = addMonths(e.exit!, 6);
    return lastStatus(e, obs, addDays(day, -tolerance), addDays(day, tolerance));
  };
  const sixMonthsIn = episodes.filter((e) => e.exit && within(addMonths(e.exit, 6), p));
  // Take-ups: an integration status whose previous status in the same episode is not the same.
  const takeUps: { e: RefEpisode; date: string; type: ObservationType }[] = [];
  for (const e of episodes) {
    const list = statusesOf(e, obs);
    list.forEach((o, i) => {
      if (INTEGRATION.includes(o.type) && (i === 0 || list[i - 1].type !== o.type)) takeUps.push({ e, date: o.date, type: o.type });
    });
  }
  const personMonths = (list: typeof takeUps) =>
    [...new Set(list.filter((t) => within(t.date, p)).map((t) => `${t.e.person} ${t.date.slice(0, 7)}`))].sort();
  const persons = (list: { person: string }[]) => [...new Set(list.map((x) => x.person))].sort();
  return {
    PARTICIPANTS: entered.map((e) => e.id).sort(),
    UNDER_30: entered
      .filter((e) => e.age < 30)
      .map((e) => e.id)
      .sort(),
    FROM_55: entered
      .filter((e) => e.age >= 55)
      .map((e) => e.id)
      .sort(),
    UNEMPLOYED: entered
      .filter((e) => e.entryStatus === 'UNEMPLOYED' || e.entryStatus === 'LONG_TERM_UNEMPLOYED')
      .map((e) => e.id)
      .sort(),
    LEAVERS: left.map((e) => e.id).sort(),
    DROPOUTS: left
      .filter((e) => e.dropout)
      .map((e) => e.id)
      .sort(),
    JOB_SEARCHING_ON_LEAVING: left
      .filter((e) => onLeaving(e) === 'JOB_SEARCHING')
      .map((e) => e.id)
      .sort(),
    IN_EDUCATION_ON_LEAVING: left
      .filter((e) => ['VOCATIONAL_TRAINING', 'EDUCATION_OR_TRAINING'].includes(onLeaving(e) ?? ''))
      .map((e) => e.id)
      .sort(),
    QUALIFICATION_ON_LEAVING: left
      .filter((e) => onLeaving(e) === 'QUALIFICATION_GAINED')
      .map((e) => e.id)
      .sort(),
    EMPLOYED_ON_LEAVING: left
      .filter((e) => EMPLOYED.includes(onLeaving(e)!))
      .map((e) => e.id)
      .sort(),
    INTEGRATED_ON_LEAVING: left
      .filter((e) => INTEGRATION.includes(onLeaving(e)!))
      .map((e) => e.id)
      .sort(),
    EMPLOYED_AFTER_6_MONTHS: sixMonthsIn
      .filter((e) => EMPLOYED.includes(sixMonths(e)!))
      .map((e) => e.id)
      .sort(),
    BETTER_SITUATION_AFTER_6_MONTHS: sixMonthsIn
      .filter((e) => sixMonths(e) !== null && RANK[sixMonths(e)!] > ENTRY_RANK[e.entryStatus])
      .map((e) => e.id)
      .sort(),
    INTEGRATIONS: personMonths(takeUps),
    TRAINING_PLACES_REACHED: persons(
      takeUps.filter((t) => t.type === 'VOCATIONAL_TRAINING' && t.e.track === Track.YOUTH_TRAINING && within(t.date, p)).map((t) => t.e),
    ),
    BENEFIT_RECEIPT_ENDED: persons(
      obs.filter((o) => o.type === 'BENEFIT_RECEIPT_ENDED' && within(o.date, p)).map((o) => episodes.find((e) => e.id === o.episode)!),
    ),
  };
}

// ---- random data ------------------------------------------------------------------------------

const START = '2023-01-01';
const TYPES = Object.values(ObservationType);

const episodeArb = fc.record({
  entryOffset: fc.integer({ min: 0, max: 900 }),
  length: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  comesBack: fc.option(
    fc.record({ gap: fc.integer({ min: 1, max: 200 }), length: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }) }),
    { nil: null },
  ),
  age: fc.integer({ min: 15, max: 64 }),
  entryStatus: fc.constantFrom(...Object.values(LabourStatusAtEntry)),
  track: fc.constantFrom(Track.WOMEN_REENTRY, Track.YOUTH_TRAINING),
  dropout: fc.boolean(),
});
const operationArb = fc.record({
  kind: fc.constantFrom('record', 'record', 'record', 'correct', 'withdraw'),
  episode: fc.nat(),
  target: fc.nat(),
  // Dates cluster around the episode's exit (where the windows are), with some anywhere.
  near: fc.constantFrom('exit', 'exit', 'six-months', 'anywhere'),
  offset: fc.integer({ min: -40, max: 70 }),
  type: fc.constantFrom(...TYPES),
});
const caseArb = fc.record({
  people: fc.array(episodeArb, { minLength: 1, maxLength: 6 }),
  operations: fc.array(operationArb, { maxLength: 40 }),
  window: fc.integer({ min: 0, max: 60 }),
  tolerance: fc.integer({ min: 0, max: 40 }),
  period: fc.record({ from: fc.integer({ min: 0, max: 1400 }), length: fc.integer({ min: 0, max: 500 }) }),
});

describe('counting rules against a reference implementation of the README rules (property)', () => {
  it('agree for random observations, corrections and withdrawals', () => {
    fc.assert(
      fc.property(caseArb, ({ people, operations, window, tolerance, period }) => {
        const episodes: RefEpisode[] = [];
        const rows: ParticipantRow[] = [];
        people.forEach((x, i) => {
          const add = (id: string, entry: string, exit: string | null, previous: string | null, age: number) => {
            episodes.push({
              id,
              person: `p${i}`,
              age,
              entry,
              exit,
              entryStatus: x.entryStatus,
              track: x.track,
              dropout: !!exit && x.dropout,
            });
            rows.push({
              id,
              previousEpisodeId: previous,
              ageAtEntry: age,
              birthYear: 1960,
              gender: Gender.FEMALE,
              entryDate: entry,
              exitDate: exit,
              exitReason: exit ? (x.dropout ? ExitReason.DROPPED_OUT : ExitReason.COMPLETED) : null,
              labourStatusAtEntry: x.entryStatus,
              educationLevel: EducationLevel.ISCED_3_4,
              track: x.track,
            });
          };
          const entry = addDays(START, x.entryOffset);
          const exit = x.length === null ? null : addDays(entry, x.length);
          add(`p${i}`, entry, exit, null, x.age);
          if (exit && x.comesBack) {
            const again = addDays(exit, x.comesBack.gap);
            add(`p${i}e2`, again, x.comesBack.length === null ? null : addDays(again, x.comesBack.length), `p${i}`, x.age + 1);
          }
        });

        // Replay the case worker's operations: the reference keeps what stands; the service's records keep everything.
        const standing: (RefObservation & { id: string })[] = [];
        const records: ObservationRow[] = [];
        const recordNo = new Map<string, number>();
        operations.forEach((op, written) => {
          const next = (episode: string) => {
            recordNo.set(episode, (recordNo.get(episode) ?? 0) + 1);
            return recordNo.get(episode)!;
          };
          const dateFor = (e: RefEpisode) => {
            const anchor = op.near === 'anywhere' || !e.exit ? e.entry : op.near === 'exit' ? e.exit : addMonths(e.exit, 6);
            return addDays(anchor, op.near === 'anywhere' ? Math.abs(op.offset) * 5 : op.offset);
          };
          if (op.kind === 'record' || !standing.length) {
            const e = episodes[op.episode % episodes.length];
            const id = `r${written}`;
            const date = dateFor(e);
            records.push({
              id,
              participantId: e.id,
              recordNo: next(e.id),
              kind: ObservationKind.RECORD,
              observedOn: date,
              type: op.type,
              supersedesId: null,
            });
            standing.push({ id, episode: e.id, date, type: op.type, written });
            return;
          }
          const target = standing[op.target % standing.length];
          standing.splice(standing.indexOf(target), 1);
          const id = `r${written}`;
          if (op.kind === 'withdraw') {
            records.push({
              id,
              participantId: target.episode,
              recordNo: next(target.episode),
              kind: ObservationKind.WITHDRAWAL,
              observedOn: null,
              type: null,
              supersedesId: target.id,
            });
            return;
          }
          const date = dateFor(episodes.find((e) => e.id === target.episode)!);
          records.push({
            id,
            participantId: target.episode,
            recordNo: next(target.episode),
            kind: ObservationKind.CORRECTION,
            observedOn: date,
            type: op.type,
            supersedesId: target.id,
          });
          standing.push({ id, episode: target.episode, date, type: op.type, written });
        });

        const input = toRuleInput(
          { participants: rows, observations: [...records].reverse(), disabled: new Set() },
          { resultWindowDays: window, followUpToleranceDays: tolerance },
        );
        const from = addDays(START, period.from);
        const p = { from, to: addDays(from, period.length) };
        const expected = reference(episodes, standing, window, tolerance, p);
        for (const [rule, want] of Object.entries(expected)) {
          const got =
            rule === 'INTEGRATIONS'
              ? countIntegrations(input, p)
                  .map((i) => `${i.participant.personId} ${i.month}`)
                  .sort()
              : rule === 'TRAINING_PLACES_REACHED' || rule === 'BENEFIT_RECEIPT_ENDED'
                ? COMPUTED_RULES[rule](input, p)
                    .map((e) => e.personId)
                    .sort()
                : COMPUTED_RULES[rule](input, p)
                    .map((e) => e.id)
                    .sort();
          expect({ rule, counted: got }).toEqual({ rule, counted: want });
        }
      }),
      { numRuns: 400, seed: 20261202 },
    );
  });
});
