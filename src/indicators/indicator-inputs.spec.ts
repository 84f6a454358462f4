import { ObservationKind, ObservationType } from '../measures/measures.enums.js';
import { EducationLevel, ExitReason, Gender, LabourStatusAtEntry, Track } from '../participants/participants.enums.js';
import { countDropouts, countImmediateResults, countIntegrations, countLeavers, countOutputs } from './counting-rules.js';
import { type ObservationRow, type ParticipantRow, rowsAsOf, toRuleInput } from './indicator-inputs.js';

const PARAMETERS = { resultWindowDays: 28, followUpToleranceDays: 28 };
const YEAR = { from: '2024-01-01', to: '2024-12-31' };

const participant = (
  id: string,
  exitDate: string | null,
  exitReason: ExitReason | null,
  o: Partial<ParticipantRow> = {},
): ParticipantRow => ({
  id,
  birthYear: 1980,
  ageAtEntry: 43,
  previousEpisodeId: null,
  gender: Gender.FEMALE,
  entryDate: '2024-01-15',
  track: Track.WOMEN_REENTRY,
  labourStatusAtEntry: LabourStatusAtEntry.UNEMPLOYED,
  educationLevel: EducationLevel.ISCED_3_4,
  exitDate,
  exitReason,
  ...o,
});

let n = 0;
const record = (participantId: string, recordNo: number, observedOn: string, type: ObservationType): ObservationRow => ({
  id: `o${++n}`,
  participantId,
  recordNo,
  kind: ObservationKind.RECORD,
  observedOn,
  type,
  supersedesId: null,
});
const correction = (of: ObservationRow, recordNo: number, observedOn: string, type: ObservationType): ObservationRow => ({
  ...record(of.participantId, recordNo, observedOn, type),
  kind: ObservationKind.CORRECTION,
  supersedesId: of.id,
});
const withdrawal = (of: ObservationRow, recordNo: number): ObservationRow => ({
  id: `o${++n}`,
  participantId: of.participantId,
  recordNo,
  kind: ObservationKind.WITHDRAWAL,
  observedOn: null,
  type: null,
  supersedesId: of.id,
});

describe('mapping participant rows to counting-rule inputs', () => {
  it('counts the records in force only: a correction replaces what it supersedes, a withdrawal removes it', () => {
    const searching = record('p', 1, '2024-07-05', ObservationType.JOB_SEARCHING);
    const wrongJob = record('q', 1, '2024-07-05', ObservationType.EMPLOYMENT_SOCIAL_INSURANCE);
    const rows = {
      participants: [participant('p', '2024-06-30', ExitReason.COMPLETED), participant('q', '2024-06-30', ExitReason.COMPLETED)],
      observations: [
        searching,
        correction(searching, 2, '2024-07-20', ObservationType.EMPLOYMENT_SOCIAL_INSURANCE),
        wrongJob,
        withdrawal(wrongJob, 2),
      ],
      disabled: new Set<string>(),
    };
    const input = toRuleInput(rows, PARAMETERS);
    expect(input.observations.map((o) => [o.participantId, o.observedOn, o.type])).toEqual([
      ['p', '2024-07-20', 'EMPLOYMENT_SOCIAL_INSURANCE'],
    ]);
    expect(countImmediateResults('EMPLOYED_ON_LEAVING', input, YEAR).map((p) => p.id)).toEqual(['p']);
    expect(countImmediateResults('JOB_SEARCHING_ON_LEAVING', input, YEAR)).toHaveLength(0);
  });

  it("links a person's episodes, keeps the exact age at entry, falls back to the birth year only without one, and flags disability per person", () => {
    const rows = {
      participants: [
        participant('first', '2024-03-31', ExitReason.COMPLETED, { ageAtEntry: 29, birthYear: 1994 }),
        participant('again', null, null, { entryDate: '2024-06-01', previousEpisodeId: 'first', ageAtEntry: 30, birthYear: 1994 }),
        participant('erased', null, null, { ageAtEntry: null, birthYear: 1994 }),
      ],
      observations: [],
      disabled: new Set(['again']), // the identity (with the health data) moved to the newest episode
    };
    const input = toRuleInput(rows, PARAMETERS);
    expect(input.participants.map((p) => [p.id, p.personId, p.ageAtEntry, p.hasDisability])).toEqual([
      ['first', 'first', 29, true],
      ['again', 'first', 30, true],
      ['erased', 'erased', 30, false],
    ]);
  });

  it('keeps only what had happened by an as-of date: later entries, exits and observations are not there yet; corrections apply', () => {
    const early = record('early', 1, '2024-07-01', ObservationType.JOB_SEARCHING);
    const rows = {
      participants: [
        participant('early', '2024-06-30', ExitReason.TOOK_UP_JOB),
        participant('dropout', '2024-09-30', ExitReason.DROPPED_OUT),
        participant('late', '2024-12-01', ExitReason.COMPLETED, { entryDate: '2024-08-01' }),
      ],
      observations: [
        record('early', 0, '2024-06-30', ObservationType.EMPLOYMENT_SOCIAL_INSURANCE),
        early,
        correction(early, 2, '2024-07-01', ObservationType.EMPLOYMENT_SOCIAL_INSURANCE), // corrected in December; true on 1 July
        record('dropout', 1, '2024-10-02', ObservationType.JOB_SEARCHING),
      ],
      disabled: new Set<string>(),
    };
    const asOf = rowsAsOf(rows, '2024-07-15');
    expect(asOf.participants.map((p) => [p.id, p.exitDate, p.exitReason])).toEqual([
      ['early', '2024-06-30', ExitReason.TOOK_UP_JOB],
      ['dropout', null, null], // left only in September
    ]);
    expect(asOf.observations.map((o) => [o.participantId, o.observedOn, o.type])).toEqual([
      ['early', '2024-06-30', 'EMPLOYMENT_SOCIAL_INSURANCE'],
      ['early', '2024-07-01', 'EMPLOYMENT_SOCIAL_INSURANCE'],
    ]);
    const then = toRuleInput(asOf, PARAMETERS);
    expect(countOutputs('PARTICIPANTS', then.participants, YEAR)).toHaveLength(2);
    expect(countLeavers(then.participants, YEAR).map((p) => p.id)).toEqual(['early']);
    expect(countDropouts(then.participants, YEAR)).toHaveLength(0);
    // the job of the exit record continues on 1 July: one integration, in June
    expect(countIntegrations(then, YEAR).map((i) => `${i.participant.id} ${i.month}`)).toEqual(['early 2024-06']);
  });
});
