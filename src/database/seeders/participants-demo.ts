import { addMonths, type LocalDate } from '../../common/dates/local-date.js';
import type { Period } from '../../measures/occupancy.js';
import { newPseudonym } from '../../participants/pseudonym.js';
import { dayNumber, shiftDays } from './day-numbers.js';
import { DEMO_AS_OF, DEMO_MEASURES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, STREETS } from './participants-demo-data.js';

/** mulberry32: a small seeded PRNG, so the demo is the same on every machine and every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoPerson {
  id: string;
  pseudonym: string;
  track: 'WOMEN_REENTRY' | 'YOUTH_TRAINING';
  gender: 'FEMALE' | 'MALE' | 'DIVERSE';
  entryDate: LocalDate;
  livesAlone: boolean;
  childrenInHousehold: number;
  labourStatusAtEntry: string | null;
  monthsOnBenefits: number | null;
  educationLevel: string | null;
  monitoringConsentOn: LocalDate | null;
  evaluationConsentOn: LocalDate | null;
  status: string;
  override: { rules: string[]; justification: string } | null;
  exitDate: LocalDate | null;
  exitReason: string | null;
  identity: {
    firstName: string;
    lastName: string;
    dateOfBirth: LocalDate;
    address: string;
    socialInsuranceNumber: string | null;
    benefitUnitNumber: string;
    phone: string | null;
    email: string | null;
  };
  health: { hasDisability: boolean; disabilityDegree: number | null; healthRestrictions: string | null } | null;
  participations: { measureIndex: number; startDate: LocalDate; endDate: LocalDate | null; exitReason: string | null }[];
  outcomes: { timing: string; observedOn: LocalDate; labourStatus: string; benefitReceiptEnded: boolean; source: string }[];
}

const START = '2022-01-10';
const ENTRY_SPAN_DAYS = 1750; // entries from January 2022 up to about four weeks before DEMO_AS_OF

/**
 * About 700 invented participants of the Wuppertal demo, with participations, exits and outcomes.
 * `capacityScale` widens every measure's capacity (the scale generator's larger projects).
 */
export function generateDemoParticipants(count = 700, seed = 20220101, capacityScale = 1): DemoPerson[] {
  const rnd = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const weighted = <T extends string>(table: [T, number][]): T => {
    let r = rnd() * table.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of table) if ((r -= w) < 0) return value;
    return table[table.length - 1][0];
  };
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const occupancy = DEMO_MEASURES.map((m) => new PlacesPerDay(m.startDate, m.endDate));
  const seen = new Set<string>();
  const people: DemoPerson[] = [];

  for (let i = 0; i < count; i++) {
    const track = rnd() < 0.75 ? 'WOMEN_REENTRY' : 'YOUTH_TRAINING';
    const entryDate = shiftDays(START, Math.floor((i / count) * ENTRY_SPAN_DAYS) + int(0, 2));
    const youth = track === 'YOUTH_TRAINING';
    const gender = youth
      ? weighted<DemoPerson['gender']>([
          ['MALE', 55],
          ['FEMALE', 43],
          ['DIVERSE', 2],
        ])
      : 'FEMALE';
    const age = youth ? int(15, 24) : Math.min(59, Math.max(18, Math.round(22 + rnd() * 25 + rnd() * 12)));
    let identity: DemoPerson['identity'];
    do {
      const firstName = pick(
        gender === 'MALE' ? MALE_FIRST_NAMES : gender === 'FEMALE' ? FEMALE_FIRST_NAMES : [...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES],
      );
      const lastName = pick(LAST_NAMES);
      const dateOfBirth = shiftDays(addMonths(entryDate, -12 * age), -int(1, 360));
      const dob = dateOfBirth.split('-');
      identity = {
        firstName,
        lastName,
        dateOfBirth,
        address: `${pick(STREETS)} ${int(1, 180)}, 421${int(0, 4)}${int(0, 9)} Wuppertal`,
        socialInsuranceNumber:
          rnd() < 0.85
            ? `${int(10, 65)} ${dob[2]}${dob[1]}${dob[0].slice(2)} ${lastName.normalize('NFKD')[0].toUpperCase()} ${String(i).padStart(3, '0').slice(-3)}`
            : null,
        benefitUnitNumber: `36702//${String(int(1000000, 9999999))}`,
        phone: rnd() < 0.8 ? `0202 ${int(200000, 999999)}` : null,
        email:
          rnd() < 0.5
            ? `${firstName}.${lastName}${int(1, 99)}@example.org`
                .toLowerCase()
                .normalize('NFKD')
                .replace(/[^a-z0-9.@-]/g, '')
            : null,
      };
    } while (seen.has(`${identity.firstName}|${identity.lastName}|${identity.dateOfBirth}`));
    seen.add(`${identity.firstName}|${identity.lastName}|${identity.dateOfBirth}`);

    // A few women do not live alone and were admitted by a case worker's written override.
    const overridden = !youth && rnd() < 0.02;
    const recent = entryDate > shiftDays(DEMO_AS_OF, -40);
    const entryComplete = !(recent && rnd() < 0.3) && rnd() > 0.01;
    const labourStatus = youth
      ? weighted([
          ['UNEMPLOYED', 40],
          ['INACTIVE', 50],
          ['EMPLOYED', 10],
        ])
      : weighted([
          ['LONG_TERM_UNEMPLOYED', 45],
          ['UNEMPLOYED', 30],
          ['INACTIVE', 20],
          ['EMPLOYED', 5],
        ]);
    const person: DemoPerson = {
      id: uuid(),
      pseudonym: newPseudonym((max) => Math.floor(rnd() * max)),
      track,
      gender,
      entryDate,
      livesAlone: youth ? rnd() < 0.15 : !overridden,
      childrenInHousehold: 0,
      labourStatusAtEntry: entryComplete ? labourStatus : null,
      monthsOnBenefits: entryComplete ? (labourStatus === 'LONG_TERM_UNEMPLOYED' ? int(12, 96) : int(1, 30)) : null,
      educationLevel: entryComplete
        ? youth
          ? weighted([
              ['ISCED_0_2', 65],
              ['ISCED_3_4', 35],
            ])
          : weighted([
              ['ISCED_0_2', 35],
              ['ISCED_3_4', 50],
              ['ISCED_5_8', 15],
            ])
        : null,
      monitoringConsentOn: entryComplete ? shiftDays(entryDate, int(0, 5)) : null,
      evaluationConsentOn: entryComplete && rnd() < 0.8 ? shiftDays(entryDate, int(0, 5)) : null,
      status: 'ELIGIBLE',
      override: overridden
        ? {
            rules: ['LIVES_ALONE'],
            justification: 'Lebt vorübergehend bei der Schwester nach Wohnungsverlust; Bedarfslage entspricht der Zielgruppe.',
          }
        : null,
      exitDate: null,
      exitReason: null,
      identity,
      health: rnd() < 0.12 ? { hasDisability: true, disabilityDegree: 10 * int(3, 8), healthRestrictions: null } : null,
      participations: [],
      outcomes: [],
    };
    enrol(person);
    people.push(person);
  }
  return people;

  function enrol(person: DemoPerson): void {
    if (person.entryDate > shiftDays(DEMO_AS_OF, -10) && rnd() < 0.5) return; // registered, not yet placed
    const options = DEMO_MEASURES.map((m, index) => ({ m, index })).filter(({ m }) => m.track === person.track);
    const stayMonths = int(4, 18);
    const plannedExit = addMonths(person.entryDate, stayMonths);
    let start = shiftDays(person.entryDate, int(0, 21));
    for (let n = 0; n < int(1, 3) && start < plannedExit; n++) {
      const choice = weighted(options.map((o) => [String(o.index), o.m.weight] as [string, number]));
      const measure = DEMO_MEASURES[Number(choice)];
      if (start < measure.startDate || start > measure.endDate || start > DEMO_AS_OF) continue;
      if (person.participations.some((p) => p.measureIndex === Number(choice))) continue;
      let end = addMonths(start, int(2, 9));
      if (end > plannedExit) end = plannedExit;
      if (end > measure.endDate) end = measure.endDate;
      const period = { start, end: end <= DEMO_AS_OF ? end : measure.endDate };
      if (occupancy[Number(choice)].peak(period) >= Math.round(measure.capacity * capacityScale)) continue;
      occupancy[Number(choice)].take(period);
      const ended = end <= DEMO_AS_OF;
      person.participations.push({
        measureIndex: Number(choice),
        startDate: start,
        endDate: ended ? end : null,
        exitReason: ended ? 'COMPLETED' : null,
      });
      start = shiftDays(end, int(1, 20));
    }
    if (!person.participations.length) return;
    person.status = 'ACTIVE';
    const lastEnd = person.participations.reduce<LocalDate | null>(
      (max, p) => (p.endDate && (!max || p.endDate > max) ? p.endDate : max),
      null,
    );
    if (plannedExit > DEMO_AS_OF || person.participations.some((p) => !p.endDate) || !lastEnd) return;
    exit(person, lastEnd);
  }

  function exit(person: DemoPerson, exitDate: LocalDate): void {
    const youth = person.track === 'YOUTH_TRAINING';
    person.exitDate = exitDate;
    person.exitReason = weighted(
      youth
        ? [
            ['STARTED_TRAINING', 45],
            ['COMPLETED', 30],
            ['DROPPED_OUT', 20],
            ['MOVED_AWAY', 5],
          ]
        : [
            ['TOOK_UP_JOB', 35],
            ['COMPLETED', 40],
            ['DROPPED_OUT', 15],
            ['ILLNESS', 7],
            ['MOVED_AWAY', 3],
          ],
    );
    person.status = 'EXITED';
    const last = person.participations[person.participations.length - 1];
    last.exitReason = person.exitReason;
    const statusAt = () =>
      person.exitReason === 'TOOK_UP_JOB'
        ? weighted([
            ['EMPLOYED_SOCIAL_INSURANCE', 75],
            ['MARGINAL_JOB', 20],
            ['SELF_EMPLOYED', 5],
          ])
        : person.exitReason === 'STARTED_TRAINING'
          ? 'IN_EDUCATION_OR_TRAINING'
          : weighted([
              ['JOB_SEARCHING', 45],
              ['QUALIFICATION_GAINED', 15],
              ['EMPLOYED_SOCIAL_INSURANCE', 15],
              ['MARGINAL_JOB', 8],
              ['INACTIVE', 12],
              ['UNKNOWN', 5],
            ]);
    const source = () =>
      weighted([
        ['CASE_FILE', 50],
        ['SELF_REPORT', 25],
        ['SURVEY', 15],
        ['SOCIAL_INSURANCE_DATA', 10],
      ]);
    const observe = (timing: string, centre: LocalDate, share: number) => {
      const observedOn = shiftDays(centre, int(0, 20));
      if (observedOn > DEMO_AS_OF || rnd() > share) return;
      const labourStatus = statusAt();
      person.outcomes.push({
        timing,
        observedOn,
        labourStatus,
        benefitReceiptEnded: labourStatus === 'EMPLOYED_SOCIAL_INSURANCE' && rnd() < 0.6,
        source: source(),
      });
    };
    observe('AT_EXIT', exitDate, 0.93);
    observe('SIX_MONTHS', addMonths(exitDate, 6), 0.75);
    observe('TWELVE_MONTHS', addMonths(exitDate, 12), 0.65);
    if (person.outcomes.some((o) => o.timing !== 'AT_EXIT')) person.status = 'FOLLOWED_UP';
  }
}

/**
 * Places taken on each day of one measure: the capacity check reads the days of the new period
 * (at most a few hundred) instead of walking every earlier period, which grew quadratic with the
 * scale generator's thousands of participants. Same answer as peakOccupancy over the periods taken.
 */
class PlacesPerDay {
  private readonly first: number;
  private readonly taken: Int32Array;

  constructor(start: LocalDate, end: LocalDate) {
    this.first = dayNumber(start);
    this.taken = new Int32Array(dayNumber(end) - this.first + 1);
  }

  peak(period: Period): number {
    let peak = 0;
    for (let d = this.index(period.start), last = this.index(period.end); d <= last; d++) if (this.taken[d] > peak) peak = this.taken[d];
    return peak;
  }

  take(period: Period): void {
    for (let d = this.index(period.start), last = this.index(period.end); d <= last; d++) this.taken[d]++;
  }

  /** Periods lie within the measure (enrol checks start and caps the end); clamped all the same. */
  private index(date: LocalDate): number {
    return Math.min(this.taken.length - 1, Math.max(0, dayNumber(date) - this.first));
  }
}
