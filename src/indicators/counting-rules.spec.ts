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
} from './counting-rules.js';

const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

const person = (id: string, overrides: Partial<CountedParticipant> = {}): CountedParticipant => ({
  id,
  gender: 'FEMALE',
  birthYear: 1980,
  entryDate: '2024-02-01',
  exitDate: '2024-08-31',
  entryStatus: 'LONG_TERM_UNEMPLOYED',
  education: 'ISCED_3_4',
  track: 'WOMEN_REENTRY',
  ...overrides,
});

const seen = (participantId: string, observedOn: string, status: Observation['status'], extra: Partial<Observation> = {}): Observation => ({
  participantId,
  observedOn,
  timing: 'AT_EXIT',
  status,
  ...extra,
});

describe('indicator counting rules (hand-built data, expected figures worked out by hand)', () => {
  it('counts outputs at entry, in the period of entry', () => {
    const people = [
      person('a'), // entered 2024, long-term unemployed → counts as unemployed and LTU
      person('b', { entryStatus: 'INACTIVE' }),
      person('c', { entryDate: '2023-12-31' }), // entered before the period
      person('d', { birthYear: 1996 }), // 28 at entry (2024 − 1996) → under 30
      person('e', { birthYear: 1969 }), // 55 at entry → 55 and over
    ];
    expect(countOutputs('PARTICIPANTS', people, YEAR_2024).map((p) => p.id)).toEqual(['a', 'b', 'd', 'e']);
    expect(countOutputs('UNEMPLOYED', people, YEAR_2024).map((p) => p.id)).toEqual(['a', 'd', 'e']);
    expect(countOutputs('INACTIVE', people, YEAR_2024).map((p) => p.id)).toEqual(['b']);
    expect(countOutputs('UNDER_30', people, YEAR_2024).map((p) => p.id)).toEqual(['d']);
    expect(countOutputs('FROM_55', people, YEAR_2024).map((p) => p.id)).toEqual(['e']);
    expect(ageBand(1995, '2024-06-01')).toBe('UNDER_30');
  });

  it('counts the status on leaving only within 28 days of exit', () => {
    const people = [person('in-window'), person('day-28'), person('day-29')];
    const observations = [
      seen('in-window', '2024-09-10', 'EMPLOYED_SOCIAL_INSURANCE'),
      seen('day-28', '2024-09-28', 'EMPLOYED_SOCIAL_INSURANCE'), // exit 08-31 + 28 days = 09-28: counts
      seen('day-29', '2024-09-29', 'EMPLOYED_SOCIAL_INSURANCE'), // one day too late: does not count
    ];
    expect(countImmediateResults('EMPLOYED_ON_LEAVING', people, observations, YEAR_2024).map((p) => p.id)).toEqual(['in-window', 'day-28']);
  });

  it('lets only the last status count, so job-searching and employed exclude each other', () => {
    const people = [person('a'), person('b')];
    const observations = [
      seen('a', '2024-09-01', 'JOB_SEARCHING'),
      seen('a', '2024-09-20', 'EMPLOYED_SOCIAL_INSURANCE'), // a's last status: employed
      seen('b', '2024-09-02', 'SELF_EMPLOYED'),
      seen('b', '2024-09-15', 'JOB_SEARCHING'), // b's last status: job-searching
    ];
    const employed = countImmediateResults('EMPLOYED_ON_LEAVING', people, observations, YEAR_2024).map((p) => p.id);
    const searching = countImmediateResults('JOB_SEARCHING_ON_LEAVING', people, observations, YEAR_2024).map((p) => p.id);
    expect(employed).toEqual(['a']);
    expect(searching).toEqual(['b']);
    expect(employed.filter((id) => searching.includes(id))).toEqual([]);
  });

  it('counts at most one integration per person per month and never a § 16i job', () => {
    const observations = [
      seen('a', '2024-03-03', 'EMPLOYED_SOCIAL_INSURANCE'),
      seen('a', '2024-03-25', 'EMPLOYED_SOCIAL_INSURANCE'), // same person, same month: once
      seen('a', '2024-05-02', 'EMPLOYED_SOCIAL_INSURANCE'), // another month: counts again
      seen('b', '2024-04-10', 'EMPLOYED_SOCIAL_INSURANCE', { publiclyFunded16i: true }), // § 16i: never
      seen('c', '2024-06-01', 'IN_EDUCATION_OR_TRAINING', { fullyQualifyingTraining: true }), // vocational training: counts
      seen('d', '2024-06-01', 'IN_EDUCATION_OR_TRAINING'), // not fully qualifying: no
      seen('e', '2024-06-01', 'MARGINAL_JOB'), // not subject to social insurance: no
    ];
    const integrations = countIntegrations(observations, YEAR_2024);
    expect(integrations).toEqual([
      { participantId: 'a', month: '2024-03' },
      { participantId: 'a', month: '2024-05' },
      { participantId: 'c', month: '2024-06' },
    ]);
  });

  it('counts longer-term results in the period in which the six months end', () => {
    const people = [
      person('a', { exitDate: '2024-03-31' }), // + 6 months = 2024-09-30: in 2024
      person('b', { exitDate: '2024-08-31' }), // + 6 months = 2025-02-28: not in 2024
      person('c', { exitDate: '2024-01-31', entryStatus: 'INACTIVE' }),
    ];
    const observations: Observation[] = [
      { participantId: 'a', observedOn: '2024-10-01', timing: 'MONTHS_6', status: 'EMPLOYED_SOCIAL_INSURANCE' },
      { participantId: 'b', observedOn: '2025-03-01', timing: 'MONTHS_6', status: 'EMPLOYED_SOCIAL_INSURANCE' },
      { participantId: 'c', observedOn: '2024-08-01', timing: 'MONTHS_6', status: 'JOB_SEARCHING' }, // inactive → searching: better
    ];
    expect(countLongerTermResults('EMPLOYED_AFTER_6_MONTHS', people, observations, YEAR_2024).map((p) => p.id)).toEqual(['a']);
    expect(countLongerTermResults('BETTER_SITUATION_AFTER_6_MONTHS', people, observations, YEAR_2024).map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('counts ended benefit receipt once per person, and dropouts by exit', () => {
    const observations = [
      seen('a', '2024-05-01', 'EMPLOYED_SOCIAL_INSURANCE', { benefitReceiptEnded: true }),
      seen('a', '2024-11-01', 'EMPLOYED_SOCIAL_INSURANCE', { benefitReceiptEnded: true }),
      seen('b', '2025-01-01', 'EMPLOYED_SOCIAL_INSURANCE', { benefitReceiptEnded: true }),
    ];
    expect(countBenefitReceiptEnded(observations, YEAR_2024)).toEqual(['a']);
    expect(countDropouts([person('x', { dropout: true }), person('y')], YEAR_2024).map((p) => p.id)).toEqual(['x']);
  });
});

describe('counting rules added for the indicator catalogue', () => {
  const YEAR = { from: '2024-01-01', to: '2024-12-31' };
  const p = (id: string, o: Partial<CountedParticipant> = {}): CountedParticipant => ({
    id,
    gender: 'FEMALE',
    birthYear: 2004,
    entryDate: '2024-02-01',
    exitDate: '2024-06-30',
    entryStatus: 'UNEMPLOYED',
    education: 'ISCED_0_2',
    track: 'YOUTH_TRAINING',
    ...o,
  });
  const training = (participantId: string, observedOn: string, fullyQualifyingTraining: boolean): Observation => ({
    participantId,
    observedOn,
    timing: 'AT_EXIT',
    status: 'IN_EDUCATION_OR_TRAINING',
    fullyQualifyingTraining,
  });

  it('counts training places of the youth track once per person, only fully qualifying trainings', () => {
    const people = [p('a'), p('b'), p('c', { track: 'WOMEN_REENTRY' })];
    const observations = [training('a', '2024-07-01', true), training('a', '2024-09-01', true), training('b', '2024-07-01', false), training('c', '2024-07-01', true)];
    expect(COMPUTED_RULES.TRAINING_PLACES_REACHED({ participants: people, observations }, YEAR).map((x) => x.id)).toEqual(['a']);
  });

  it('counts leavers, and a person without entry data in no status indicator', () => {
    const people = [p('a'), p('b', { exitDate: null }), p('c', { entryStatus: null, education: null })];
    expect(COMPUTED_RULES.LEAVERS({ participants: people, observations: [] }, YEAR).map((x) => x.id)).toEqual(['a', 'c']);
    expect(COMPUTED_RULES.UNEMPLOYED({ participants: people, observations: [] }, YEAR).map((x) => x.id)).toEqual(['a', 'b']);
    expect(COMPUTED_RULES.PARTICIPANTS({ participants: people, observations: [] }, YEAR)).toHaveLength(3);
  });

  it('names every rule the demo catalogue uses', () => {
    expect(COMPUTED_RULE_NAMES).toEqual(expect.arrayContaining(['PARTICIPANTS', 'EMPLOYED_ON_LEAVING', 'INTEGRATIONS', 'BENEFIT_RECEIPT_ENDED', 'TRAINING_PLACES_REACHED', 'DROPOUTS', 'LEAVERS']));
  });
});

describe('integrated on leaving (the numerator of the integration rate)', () => {
  it('counts a leaver once when the status on leaving is a job subject to social insurance (not § 16i) or a fully qualifying training', () => {
    const YEAR = { from: '2024-01-01', to: '2024-12-31' };
    const leaver = (id: string): CountedParticipant => ({ id, gender: 'FEMALE', birthYear: 1980, entryDate: '2024-01-10', exitDate: '2024-06-30', entryStatus: 'UNEMPLOYED', education: 'ISCED_3_4', track: 'WOMEN_REENTRY' });
    const at = (participantId: string, observedOn: string, status: Observation['status'], extra: Partial<Observation> = {}): Observation => ({ participantId, observedOn, timing: 'AT_EXIT', status, ...extra });
    const people = ['job', 'twice', 'late', 'funded', 'marginal'].map(leaver);
    const observations = [
      at('job', '2024-07-01', 'EMPLOYED_SOCIAL_INSURANCE'),
      at('twice', '2024-07-01', 'EMPLOYED_SOCIAL_INSURANCE'),
      at('twice', '2024-07-20', 'EMPLOYED_SOCIAL_INSURANCE'),
      at('late', '2024-08-15', 'EMPLOYED_SOCIAL_INSURANCE'), // 46 days after exit
      at('funded', '2024-07-01', 'EMPLOYED_SOCIAL_INSURANCE', { publiclyFunded16i: true }),
      at('marginal', '2024-07-01', 'MARGINAL_JOB'),
    ];
    expect(COMPUTED_RULES.INTEGRATED_ON_LEAVING({ participants: people, observations }, YEAR).map((p) => p.id)).toEqual(['job', 'twice']);
  });
});
