import {
  COMPUTED_RULE_NAMES,
  COMPUTED_RULES,
  ageBand,
  countBenefitReceiptEnded,
  countDropouts,
  countImmediateResults,
  countIntegrations,
  countLongerTermResults,
  countOutputs,
  type CountedParticipant,
  type Observation,
  type ObservationType,
  type RuleInput,
} from './counting-rules.js';

const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };
const PARAMETERS = { resultWindowDays: 28, followUpToleranceDays: 28 };

const person = (id: string, overrides: Partial<CountedParticipant> = {}): CountedParticipant => ({
  id,
  personId: id,
  gender: 'FEMALE',
  ageAtEntry: 44,
  entryDate: '2024-02-01',
  exitDate: '2024-08-31',
  entryStatus: 'LONG_TERM_UNEMPLOYED',
  education: 'ISCED_3_4',
  track: 'WOMEN_REENTRY',
  ...overrides,
});

/** Observations numbered in the order given (the recording order). */
const recorded = (...list: [string, string, ObservationType][]): Observation[] =>
  list.map(([participantId, observedOn, type], i) => ({ participantId, observedOn, type, recordNo: i + 1 }));

const input = (participants: CountedParticipant[], observations: Observation[], parameters = PARAMETERS): RuleInput => ({
  participants,
  observations,
  parameters,
});
const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('indicator counting rules (hand-built data, expected figures worked out by hand)', () => {
  it('counts outputs at entry, in the period of entry, with the exact age at entry', () => {
    const people = [
      person('a'), // entered 2024, long-term unemployed → counts as unemployed and LTU
      person('b', { entryStatus: 'INACTIVE' }),
      person('c', { entryDate: '2023-12-31' }), // entered before the period
      person('d', { ageAtEntry: 29 }), // e.g. born 1993-10-01, entered 2023-03-15: 29, not "2023 − 1993 = 30"
      person('e', { ageAtEntry: 55 }),
      person('f', { ageAtEntry: 54 }), // born 1968-12-31, entered 2023-03-15: still 54
    ];
    expect(ids(countOutputs('PARTICIPANTS', people, YEAR_2024))).toEqual(['a', 'b', 'd', 'e', 'f']);
    expect(ids(countOutputs('UNEMPLOYED', people, YEAR_2024))).toEqual(['a', 'd', 'e', 'f']);
    expect(ids(countOutputs('INACTIVE', people, YEAR_2024))).toEqual(['b']);
    expect(ids(countOutputs('UNDER_30', people, YEAR_2024))).toEqual(['d']);
    expect(ids(countOutputs('FROM_55', people, YEAR_2024))).toEqual(['e']);
    expect([ageBand(29), ageBand(30), ageBand(54), ageBand(55)]).toEqual(['UNDER_30', 'FROM_30_TO_54', 'FROM_30_TO_54', 'FROM_55']);
  });

  it('counts the status on leaving only within the result window, and the window is the programme parameter', () => {
    const people = [person('in-window'), person('day-28'), person('day-29')];
    const observations = recorded(
      ['in-window', '2024-09-10', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['day-28', '2024-09-28', 'EMPLOYMENT_SOCIAL_INSURANCE'], // exit 08-31 + 28 days = 09-28: counts
      ['day-29', '2024-09-29', 'EMPLOYMENT_SOCIAL_INSURANCE'], // one day too late: does not count
    );
    expect(ids(countImmediateResults('EMPLOYED_ON_LEAVING', input(people, observations), YEAR_2024))).toEqual(['in-window', 'day-28']);
    const wider = input(people, observations, { resultWindowDays: 35, followUpToleranceDays: 28 });
    expect(ids(countImmediateResults('EMPLOYED_ON_LEAVING', wider, YEAR_2024))).toEqual(['in-window', 'day-28', 'day-29']);
  });

  it('lets only the last status count, so job-searching and employed exclude each other', () => {
    const people = [person('a'), person('b'), person('c')];
    const observations = recorded(
      ['a', '2024-09-05', 'JOB_SEARCHING'],
      ['a', '2024-09-20', 'EMPLOYMENT_SOCIAL_INSURANCE'], // a's last status: employed
      ['b', '2024-09-02', 'SELF_EMPLOYMENT'],
      ['b', '2024-09-15', 'JOB_SEARCHING'], // b's last status: job-searching
      ['c', '2024-09-15', 'JOB_SEARCHING'],
      ['c', '2024-09-15', 'EMPLOYMENT_16I'], // same day: the later record counts
      ['c', '2024-09-16', 'BENEFIT_RECEIPT_ENDED'], // an event, not a status
    );
    const employed = ids(countImmediateResults('EMPLOYED_ON_LEAVING', input(people, observations), YEAR_2024));
    const searching = ids(countImmediateResults('JOB_SEARCHING_ON_LEAVING', input(people, observations), YEAR_2024));
    expect(employed).toEqual(['a', 'c']);
    expect(searching).toEqual(['b']);
  });

  it('counts integrations as jobs and trainings taken up: once per person and month, never § 16i, a continuing job not again', () => {
    const people = [person('a'), person('b'), person('c'), person('d'), person('e'), person('f')];
    const observations = recorded(
      ['a', '2024-03-03', 'EMPLOYMENT_SOCIAL_INSURANCE'], // taken up during the participation: counts in March
      ['a', '2024-03-25', 'JOB_SEARCHING'],
      ['a', '2024-03-28', 'EMPLOYMENT_SOCIAL_INSURANCE'], // a new job, same month: once
      ['a', '2024-05-02', 'JOB_SEARCHING'],
      ['a', '2024-06-02', 'EMPLOYMENT_SOCIAL_INSURANCE'], // another take-up in June: counts again
      ['a', '2024-09-10', 'EMPLOYMENT_SOCIAL_INSURANCE'], // still in that job: continuing, not again
      ['b', '2024-04-10', 'EMPLOYMENT_16I'], // § 16i: never
      ['c', '2024-06-01', 'VOCATIONAL_TRAINING'], // fully qualifying training: counts
      ['d', '2024-06-01', 'EDUCATION_OR_TRAINING'], // not fully qualifying: no
      ['e', '2024-06-01', 'MARGINAL_EMPLOYMENT'], // not subject to social insurance: no
      ['f', '2024-10-16', 'EMPLOYMENT_SOCIAL_INSURANCE'], // 46 days after the exit, outside every window: counts
    );
    expect(countIntegrations(input(people, observations), YEAR_2024).map((i) => `${i.participant.id} ${i.month}`)).toEqual([
      'a 2024-03',
      'c 2024-06',
      'a 2024-06',
      'f 2024-10',
    ]);
  });

  it('counts one integration per person and month across her participation episodes', () => {
    const first = person('first', { exitDate: '2024-03-10' });
    const again = person('again', { personId: 'first', entryDate: '2024-03-20', exitDate: '2024-03-31' });
    const observations = recorded(['first', '2024-03-12', 'EMPLOYMENT_SOCIAL_INSURANCE'], ['again', '2024-03-31', 'VOCATIONAL_TRAINING']);
    expect(countIntegrations(input([first, again], observations), YEAR_2024).map((i) => i.participant.id)).toEqual(['first']);
  });

  it('counts longer-term results by the last status within the follow-up tolerance, in the period in which the six months end', () => {
    const people = [
      person('a', { exitDate: '2024-03-31' }), // + 6 months = 2024-09-30: in 2024
      person('b', { exitDate: '2024-08-31' }), // + 6 months = 2025-02-28: not in 2024
      person('c', { exitDate: '2024-01-31', entryStatus: 'INACTIVE' }),
      person('d', { exitDate: '2024-01-31' }),
    ];
    const observations = recorded(
      ['a', '2024-10-01', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['b', '2025-03-01', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['c', '2024-08-01', 'JOB_SEARCHING'], // inactive → searching: better
      ['d', '2024-09-01', 'EMPLOYMENT_SOCIAL_INSURANCE'], // 2024-07-31 + 32 days: outside the tolerance
    );
    expect(ids(countLongerTermResults('EMPLOYED_AFTER_6_MONTHS', input(people, observations), YEAR_2024))).toEqual(['a']);
    expect(ids(countLongerTermResults('BETTER_SITUATION_AFTER_6_MONTHS', input(people, observations), YEAR_2024))).toEqual(['a', 'c']);
  });

  it('counts ended benefit receipt once per person, and dropouts by exit', () => {
    const observations = recorded(
      ['a', '2024-05-01', 'BENEFIT_RECEIPT_ENDED'],
      ['a', '2024-11-01', 'BENEFIT_RECEIPT_ENDED'],
      ['b', '2025-01-01', 'BENEFIT_RECEIPT_ENDED'],
    );
    expect(ids(countBenefitReceiptEnded(input([person('a'), person('b')], observations), YEAR_2024))).toEqual(['a']);
    expect(ids(countDropouts([person('x', { dropout: true }), person('y')], YEAR_2024))).toEqual(['x']);
  });
});

describe('counting rules added for the indicator catalogue', () => {
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  const youth = (id: string, o: Partial<CountedParticipant> = {}) =>
    person(id, {
      ageAtEntry: 20,
      exitDate: '2024-06-30',
      entryStatus: 'UNEMPLOYED',
      education: 'ISCED_0_2',
      track: 'YOUTH_TRAINING',
      ...o,
    });

  it('counts training places of the youth track once per person, only fully qualifying trainings taken up', () => {
    const people = [youth('a'), youth('b'), youth('c', { track: 'WOMEN_REENTRY' })];
    const observations = recorded(
      ['a', '2024-07-01', 'VOCATIONAL_TRAINING'],
      ['a', '2024-09-01', 'VOCATIONAL_TRAINING'],
      ['b', '2024-07-01', 'EDUCATION_OR_TRAINING'],
      ['c', '2024-07-01', 'VOCATIONAL_TRAINING'],
    );
    expect(ids(COMPUTED_RULES.TRAINING_PLACES_REACHED(input(people, observations), YEAR))).toEqual(['a']);
  });

  it('counts leavers, and a person without entry data in no status indicator', () => {
    const people = [youth('a'), youth('b', { exitDate: null }), youth('c', { entryStatus: null, education: null })];
    expect(ids(COMPUTED_RULES.LEAVERS(input(people, []), YEAR))).toEqual(['a', 'c']);
    expect(ids(COMPUTED_RULES.UNEMPLOYED(input(people, []), YEAR))).toEqual(['a', 'b']);
    expect(COMPUTED_RULES.PARTICIPANTS(input(people, []), YEAR)).toHaveLength(3);
  });

  it('names every rule the demo catalogue uses', () => {
    expect(COMPUTED_RULE_NAMES).toEqual(
      expect.arrayContaining([
        'PARTICIPANTS',
        'EMPLOYED_ON_LEAVING',
        'INTEGRATIONS',
        'BENEFIT_RECEIPT_ENDED',
        'TRAINING_PLACES_REACHED',
        'DROPOUTS',
        'LEAVERS',
      ]),
    );
  });
});

describe('integrated on leaving (the numerator of the integration rate)', () => {
  it('counts a leaver once when the status on leaving is a job subject to social insurance (not § 16i) or a fully qualifying training', () => {
    const YEAR = { from: '2024-01-01', to: '2024-12-31' };
    const people = ['job', 'twice', 'late', 'funded', 'marginal', 'searching-then-job'].map((id) => person(id, { exitDate: '2024-06-30' }));
    const observations = recorded(
      ['job', '2024-07-01', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['twice', '2024-07-01', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['twice', '2024-07-20', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['late', '2024-08-15', 'EMPLOYMENT_SOCIAL_INSURANCE'], // 46 days after exit: an integration, but not on leaving
      ['funded', '2024-07-01', 'EMPLOYMENT_16I'],
      ['marginal', '2024-07-01', 'MARGINAL_EMPLOYMENT'],
      ['searching-then-job', '2024-07-05', 'JOB_SEARCHING'],
      ['searching-then-job', '2024-07-20', 'EMPLOYMENT_SOCIAL_INSURANCE'],
    );
    expect(ids(COMPUTED_RULES.INTEGRATED_ON_LEAVING(input(people, observations), YEAR))).toEqual(['job', 'twice', 'searching-then-job']);
  });
});

describe("the README's worked example", () => {
  const anna = person('anna', { ageAtEntry: 28, entryDate: '2024-01-15', exitDate: '2024-06-30', entryStatus: 'UNEMPLOYED' });
  const Y2024 = { from: '2024-01-01', to: '2024-12-31' };
  const july = { from: '2024-07-01', to: '2024-07-31' };
  const august = { from: '2024-08-01', to: '2024-08-31' };
  const counts = (observations: Observation[]) => {
    const i = input([anna], observations);
    return {
      EECR01: COMPUTED_RULES.JOB_SEARCHING_ON_LEAVING(i, Y2024).length,
      EECR04: COMPUTED_RULES.EMPLOYED_ON_LEAVING(i, Y2024).length,
      PS02: COMPUTED_RULES.INTEGRATED_ON_LEAVING(i, Y2024).length,
      PS01: [
        COMPUTED_RULES.INTEGRATIONS(i, july).length,
        COMPUTED_RULES.INTEGRATIONS(i, august).length,
        COMPUTED_RULES.INTEGRATIONS(i, Y2024).length,
      ],
      EELR04: COMPUTED_RULES.EMPLOYED_AFTER_6_MONTHS(i, Y2024).length,
      EELR05: COMPUTED_RULES.BETTER_SITUATION_AFTER_6_MONTHS(i, Y2024).length,
    };
  };
  const observed: Observation[] = [
    { participantId: 'anna', observedOn: '2024-07-05', recordNo: 1, type: 'JOB_SEARCHING' },
    { participantId: 'anna', observedOn: '2024-07-20', recordNo: 2, type: 'EMPLOYMENT_SOCIAL_INSURANCE' },
    { participantId: 'anna', observedOn: '2024-08-20', recordNo: 3, type: 'EMPLOYMENT_SOCIAL_INSURANCE' },
    { participantId: 'anna', observedOn: '2025-01-03', recordNo: 4, type: 'EMPLOYMENT_SOCIAL_INSURANCE' },
  ];

  it('counts as the README says', () => {
    expect(ageBand(28)).toBe('UNDER_30');
    expect(counts(observed)).toEqual({ EECR01: 0, EECR04: 1, PS02: 1, PS01: [1, 0, 1], EELR04: 1, EELR05: 1 });
  });

  it('counts the § 16i correction as the README says (the July record replaced by its correction, record 5)', () => {
    const corrected = [observed[0], { ...observed[1], recordNo: 5, type: 'EMPLOYMENT_16I' as const }, observed[2], observed[3]];
    expect(counts(corrected)).toEqual({ EECR01: 0, EECR04: 1, PS02: 0, PS01: [0, 1, 1], EELR04: 1, EELR05: 1 });
  });
});
