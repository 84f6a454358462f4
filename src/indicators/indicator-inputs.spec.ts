import { LabourStatus, MeasureType, OutcomeTiming } from '../measures/measures.enums.js';
import { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, Track } from '../participants/participants.enums.js';
import { countDropouts, countImmediateResults, countIntegrations, countLeavers, countOutputs } from './counting-rules.js';
import { type OutcomeRow, type ParticipantRow, type ParticipationRow, rowsAsOf, toRuleInput } from './indicator-inputs.js';

const participant = (id: string, exitDate: string, exitReason: ExitReason): ParticipantRow => ({
  id,
  birthYear: 1980,
  gender: Gender.FEMALE,
  entryDate: '2024-01-15',
  track: Track.WOMEN_REENTRY,
  labourStatusAtEntry: LabourStatusAtEntry.UNEMPLOYED,
  educationLevel: EducationLevel.ISCED_3_4,
  exitDate,
  exitReason,
});

const outcome = (participantId: string, observedOn: string, labourStatus: LabourStatus, timing = OutcomeTiming.AT_EXIT): OutcomeRow => ({
  participantId,
  observedOn,
  labourStatus,
  timing,
  benefitReceiptEnded: false,
});

const stay = (participantId: string, measureType: MeasureType, startDate: string, endDate: string | null, exitReason: ExitReason | null): ParticipationRow => ({
  participantId,
  measureType,
  startDate,
  endDate,
  exitReason,
});

const YEAR = { from: '2024-01-01', to: '2024-12-31' };

describe('mapping participant rows to counting-rule inputs', () => {
  it('treats a job held in a § 16i placement (running, or kept after the exit) as publicly funded, and a job left it for as regular', () => {
    const rows = {
      participants: [participant('kept', '2024-06-30', ExitReason.COMPLETED), participant('left', '2024-06-30', ExitReason.TOOK_UP_JOB), participant('plain', '2024-06-30', ExitReason.COMPLETED)],
      participations: [
        stay('kept', MeasureType.LABOUR_MARKET_PARTICIPATION_16I, '2024-02-01', '2024-06-30', ExitReason.COMPLETED),
        stay('left', MeasureType.LABOUR_MARKET_PARTICIPATION_16I, '2024-02-01', '2024-06-30', ExitReason.TOOK_UP_JOB),
      ],
      outcomes: [outcome('kept', '2024-07-05', LabourStatus.EMPLOYED_SOCIAL_INSURANCE), outcome('left', '2024-07-05', LabourStatus.EMPLOYED_SOCIAL_INSURANCE), outcome('plain', '2024-07-05', LabourStatus.EMPLOYED_SOCIAL_INSURANCE)],
      disabled: new Set<string>(),
    };
    const input = toRuleInput(rows);
    // "left" has two observations in June/July: the exit record (June) and the outcome (July).
    expect(countIntegrations(input.observations, YEAR).map((i) => `${i.participantId} ${i.month}`).sort()).toEqual(['left 2024-06', 'left 2024-07', 'plain 2024-07']);
  });

  it('turns an exit "took up a job" into an observation that a later outcome in the window overrides (the last status wins)', () => {
    const rows = {
      participants: [participant('p', '2024-06-30', ExitReason.TOOK_UP_JOB)],
      participations: [stay('p', MeasureType.HOLISTIC_COACHING_16K, '2024-02-01', '2024-06-30', ExitReason.TOOK_UP_JOB)],
      outcomes: [outcome('p', '2024-06-30', LabourStatus.JOB_SEARCHING)],
      disabled: new Set<string>(),
    };
    const input = toRuleInput(rows);
    expect(countImmediateResults('EMPLOYED_ON_LEAVING', input.participants, input.observations, YEAR)).toHaveLength(0);
    expect(countImmediateResults('JOB_SEARCHING_ON_LEAVING', input.participants, input.observations, YEAR)).toHaveLength(1);
  });

  it('counts a training as fully qualifying only for people who left to start a vocational training, and flags disability only as a boolean', () => {
    const rows = {
      participants: [participant('trainee', '2024-08-31', ExitReason.STARTED_TRAINING), participant('school', '2024-08-31', ExitReason.COMPLETED)],
      participations: [],
      outcomes: [outcome('trainee', '2024-09-02', LabourStatus.IN_EDUCATION_OR_TRAINING), outcome('school', '2024-09-02', LabourStatus.IN_EDUCATION_OR_TRAINING)],
      disabled: new Set(['school']),
    };
    const input = toRuleInput(rows);
    expect(countIntegrations(input.observations, YEAR).map((i) => i.participantId)).toEqual(['trainee']);
    expect(input.participants.map((p) => [p.id, p.hasDisability])).toEqual([
      ['trainee', false],
      ['school', true],
    ]);
  });

  it('keeps only what had happened by an as-of date: later entries, exits, ends of participation and outcomes are not there yet', () => {
    const rows = {
      participants: [
        participant('early', '2024-06-30', ExitReason.TOOK_UP_JOB),
        participant('dropout', '2024-09-30', ExitReason.DROPPED_OUT),
        { ...participant('late', '2024-12-01', ExitReason.COMPLETED), entryDate: '2024-08-01' },
      ],
      participations: [
        stay('early', MeasureType.HOLISTIC_COACHING_16K, '2024-02-01', '2024-06-30', ExitReason.TOOK_UP_JOB),
        stay('dropout', MeasureType.HOLISTIC_COACHING_16K, '2024-02-01', '2024-09-30', ExitReason.DROPPED_OUT),
        stay('late', MeasureType.HOLISTIC_COACHING_16K, '2024-08-01', '2024-12-01', ExitReason.COMPLETED),
      ],
      outcomes: [outcome('early', '2024-07-01', LabourStatus.EMPLOYED_SOCIAL_INSURANCE), outcome('dropout', '2024-10-02', LabourStatus.JOB_SEARCHING)],
      disabled: new Set<string>(),
    };
    const asOf = rowsAsOf(rows, '2024-07-15');
    expect(asOf.participants.map((p) => [p.id, p.exitDate, p.exitReason])).toEqual([
      ['early', '2024-06-30', ExitReason.TOOK_UP_JOB],
      ['dropout', null, null], // left only in September
    ]);
    expect(asOf.participations.map((p) => [p.participantId, p.endDate, p.exitReason])).toEqual([
      ['early', '2024-06-30', ExitReason.TOOK_UP_JOB],
      ['dropout', null, null],
    ]);
    expect(asOf.outcomes.map((o) => o.participantId)).toEqual(['early']);
    const then = toRuleInput(asOf);
    expect(countOutputs('PARTICIPANTS', then.participants, YEAR)).toHaveLength(2);
    expect(countLeavers(then.participants, YEAR).map((p) => p.id)).toEqual(['early']);
    expect(countDropouts(then.participants, YEAR)).toHaveLength(0);
    expect(countIntegrations(then.observations, YEAR).map((i) => `${i.participantId} ${i.month}`)).toEqual(['early 2024-06', 'early 2024-07']);
    // on the last day everything had happened: the rows are the same as without a date
    expect(rowsAsOf(rows, '2024-12-31')).toEqual(rows);
  });
});
