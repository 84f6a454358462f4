import { DEMO_PARTICIPANT_RULES } from '../database/seeders/participants-demo-data.js';
import { ageOn, checkEligibility, type EligibilityFacts, type EligibilityRule } from './eligibility.js';
import { Gender, Track } from './participants.enums.js';

const rules = DEMO_PARTICIPANT_RULES.eligibility as unknown as EligibilityRule[];
const woman: EligibilityFacts = {
  gender: Gender.FEMALE,
  dateOfBirth: '1985-06-15',
  entryDate: '2024-03-01',
  livesAlone: true,
  receivesSgb2Benefits: true,
  track: Track.WOMEN_REENTRY,
};

describe('eligibility rules of the demo programme', () => {
  it('admits a woman aged 18–59 who lives alone and receives SGB II benefits', () => {
    expect(checkEligibility(rules, woman)).toEqual([]);
  });

  it('names every failed rule, in rule order', () => {
    const failed = checkEligibility(rules, {
      ...woman,
      gender: Gender.MALE,
      livesAlone: false,
      receivesSgb2Benefits: false,
      dateOfBirth: '1960-01-01',
    });
    expect(failed.map((f) => f.code)).toEqual(['FEMALE', 'AGE_18_59', 'LIVES_ALONE', 'SGB2_BENEFITS']);
    expect(failed[1].message).toBe('age at entry must be 18–59 (is 64)');
  });

  it('counts age on the entry day: the 60th birthday on entry fails, the day before passes', () => {
    expect(checkEligibility(rules, { ...woman, dateOfBirth: '1964-03-01' }).map((f) => f.code)).toEqual(['AGE_18_59']);
    expect(checkEligibility(rules, { ...woman, dateOfBirth: '1964-03-02' })).toEqual([]);
    expect(checkEligibility(rules, { ...woman, dateOfBirth: '2006-03-02' }).map((f) => f.code)).toEqual(['AGE_18_59']);
  });

  it('applies track-specific rules only to their track', () => {
    const youth = { ...woman, track: Track.YOUTH_TRAINING, gender: Gender.MALE, livesAlone: false, dateOfBirth: '2005-05-05' };
    expect(checkEligibility(rules, youth)).toEqual([]);
    expect(checkEligibility(rules, { ...youth, dateOfBirth: '1990-05-05' }).map((f) => f.code)).toEqual(['AGE_15_24']);
  });

  it('computes completed years, with 29 February birthdays', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('1990-12-31', '2024-12-30')).toBe(33);
  });
});
