import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { Measure } from '../measures/entities/measure.entity.js';
import { LabourStatus, MeasureType, OutcomeTiming } from '../measures/measures.enums.js';
import { Outcome } from '../measures/entities/outcome.entity.js';
import { Participation } from '../measures/entities/participation.entity.js';
import { ParticipantIdentity } from '../participants/entities/participant-identity.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import type { IdentityVault } from '../participants/identity-vault.js';
import { ExitReason } from '../participants/participants.enums.js';
import type { CountedParticipant, Observation, RuleInput } from './counting-rules.js';

/**
 * Maps the participants module's rows of one project to the plain shapes of the counting rules.
 * Only pseudonymous fields leave this file; the disability flag (health data, decrypted in memory
 * for counting only) becomes a boolean that is never shown per person.
 *
 * Observations come from two places:
 * - recorded outcomes (at exit, 6 and 12 months after);
 * - a participation ended with "took up a job" or "started training": the case worker's exit
 *   record is an observation of that day (a social-insurance job, resp. a fully qualifying
 *   vocational training, which is what these exit reasons mean in the programme). They come first
 *   so that an outcome recorded for the same day is the later, winning status.
 *
 * § 16i: an observed social-insurance job is the publicly funded § 16i job when the person held a
 * § 16i placement then: one running on that day, or one that lasted until the person's exit and
 * was not left for another job (the § 16i job continues after the project). An observed training
 * is fully qualifying when the person left the project to start a vocational training.
 */
export interface ParticipationRow {
  participantId: string;
  startDate: LocalDate;
  endDate: LocalDate | null;
  exitReason: ExitReason | null;
  measureType: MeasureType;
}

/** The pseudonymous fields the rules need, read as plain rows (no entity hydration: a project has about a thousand participants). */
export type ParticipantRow = Pick<Participant, 'id' | 'gender' | 'birthYear' | 'entryDate' | 'exitDate' | 'exitReason' | 'labourStatusAtEntry' | 'educationLevel' | 'track'>;

export interface OutcomeRow {
  participantId: string;
  timing: OutcomeTiming;
  observedOn: LocalDate;
  labourStatus: LabourStatus;
  benefitReceiptEnded: boolean;
}

export interface ParticipantRows {
  participants: ParticipantRow[];
  participations: ParticipationRow[];
  outcomes: OutcomeRow[];
  disabled: Set<string>;
}

const TIMING: Record<OutcomeTiming, Observation['timing']> = {
  [OutcomeTiming.AT_EXIT]: 'AT_EXIT',
  [OutcomeTiming.SIX_MONTHS]: 'MONTHS_6',
  [OutcomeTiming.TWELVE_MONTHS]: 'MONTHS_12',
};

/** A relation column read without hydration comes back as the id (or, depending on the driver mapping, as a reference). */
export const idOf = (value: unknown): string => (typeof value === 'string' ? value : (value as { id: string }).id);

export async function loadParticipantRows(em: EntityManager, projectId: string, vault: IdentityVault): Promise<ParticipantRows> {
  const where = { project: projectId };
  const [participants, participations, measures, outcomes, health] = await Promise.all([
    em
      .createQueryBuilder(Participant)
      .select(['id', 'gender', 'birthYear', 'entryDate', 'exitDate', 'exitReason', 'labourStatusAtEntry', 'educationLevel', 'track'])
      .where(where)
      .orderBy({ entryDate: 'asc', id: 'asc' })
      .execute<ParticipantRow[]>('all', true),
    em
      .createQueryBuilder(Participation)
      .select(['participant', 'measure', 'startDate', 'endDate', 'exitReason'])
      .where(where)
      .orderBy({ startDate: 'asc', id: 'asc' })
      .execute<{ participant: unknown; measure: unknown; startDate: LocalDate; endDate: LocalDate | null; exitReason: ExitReason | null }[]>('all', true),
    em.createQueryBuilder(Measure).select(['id', 'type']).where(where).execute<{ id: string; type: MeasureType }[]>('all', true),
    em
      .createQueryBuilder(Outcome)
      .select(['participant', 'timing', 'observedOn', 'labourStatus', 'benefitReceiptEnded'])
      .where(where)
      .orderBy({ observedOn: 'asc', id: 'asc' })
      .execute<{ participant: unknown; timing: OutcomeTiming; observedOn: LocalDate; labourStatus: LabourStatus; benefitReceiptEnded: boolean }[]>('all', true),
    em
      .createQueryBuilder(ParticipantIdentity)
      .select(['participant', 'healthCipher'])
      .where({ ...where, healthCipher: { $ne: null } })
      .execute<{ participant: unknown; healthCipher: string }[]>('all', true),
  ]);
  const measureType = new Map(measures.map((m) => [m.id, m.type]));
  const disabled = new Set(
    health.filter((h) => vault.openHealth(idOf(h.participant), h.healthCipher).hasDisability === true).map((h) => idOf(h.participant)),
  );
  return {
    participants,
    participations: participations.map((p) => ({
      participantId: idOf(p.participant),
      startDate: p.startDate,
      endDate: p.endDate ?? null,
      exitReason: p.exitReason ?? null,
      measureType: measureType.get(idOf(p.measure))!,
    })),
    outcomes: outcomes.map((o) => ({ participantId: idOf(o.participant), timing: o.timing, observedOn: o.observedOn, labourStatus: o.labourStatus, benefitReceiptEnded: o.benefitReceiptEnded })),
    disabled,
  };
}

/**
 * The rows as they stood on `asOf`, by the dates they record (not when they were typed in): persons
 * who had entered by then; exits and ends of participation after it had not happened yet (the
 * person, the participation, was still running); outcomes observed after it did not exist. So a
 * report as of an earlier date does not change when later events are recorded.
 */
export function rowsAsOf(rows: ParticipantRows, asOf: LocalDate): ParticipantRows {
  const entered = rows.participants.filter((p) => p.entryDate <= asOf);
  const known = new Set(entered.map((p) => p.id));
  return {
    participants: entered.map((p) => (p.exitDate && p.exitDate > asOf ? { ...p, exitDate: null, exitReason: null } : p)),
    participations: rows.participations
      .filter((p) => known.has(p.participantId) && p.startDate <= asOf)
      .map((p) => (p.endDate && p.endDate > asOf ? { ...p, endDate: null, exitReason: null } : p)),
    outcomes: rows.outcomes.filter((o) => known.has(o.participantId) && o.observedOn <= asOf),
    disabled: rows.disabled,
  };
}

export function toRuleInput(rows: ParticipantRows): RuleInput {
  const participants: CountedParticipant[] = rows.participants.map((p) => ({
    id: p.id,
    gender: p.gender,
    birthYear: p.birthYear,
    entryDate: p.entryDate,
    exitDate: p.exitDate ?? null,
    entryStatus: p.labourStatusAtEntry ?? null,
    education: p.educationLevel ?? null,
    track: p.track,
    hasDisability: rows.disabled.has(p.id),
    dropout: p.exitReason === ExitReason.DROPPED_OUT,
  }));
  const byId = new Map(rows.participants.map((p) => [p.id, p]));
  const placements16i = new Map<string, { start: LocalDate; end: LocalDate | null; reason: ExitReason | null }[]>();
  for (const p of rows.participations) {
    if (p.measureType !== MeasureType.LABOUR_MARKET_PARTICIPATION_16I) continue;
    const list = placements16i.get(p.participantId) ?? [];
    list.push({ start: p.startDate, end: p.endDate, reason: p.exitReason });
    placements16i.set(p.participantId, list);
  }
  const held16i = (participantId: string, on: LocalDate) => {
    const exitDate = byId.get(participantId)?.exitDate;
    return (placements16i.get(participantId) ?? []).some(
      (s) => s.start <= on && (s.end === null || s.end >= on || (s.end === exitDate && s.reason !== ExitReason.TOOK_UP_JOB)),
    );
  };

  const fromExits: Observation[] = rows.participations.flatMap((p): Observation[] => {
    if (!p.endDate) return [];
    if (p.exitReason === ExitReason.TOOK_UP_JOB) {
      return [{ participantId: p.participantId, observedOn: p.endDate, timing: 'AT_EXIT', status: 'EMPLOYED_SOCIAL_INSURANCE', publiclyFunded16i: false }];
    }
    if (p.exitReason === ExitReason.STARTED_TRAINING) {
      return [{ participantId: p.participantId, observedOn: p.endDate, timing: 'AT_EXIT', status: 'IN_EDUCATION_OR_TRAINING', fullyQualifyingTraining: true }];
    }
    return [];
  });
  const fromOutcomes: Observation[] = rows.outcomes.map((o) => ({
    participantId: o.participantId,
    observedOn: o.observedOn,
    timing: TIMING[o.timing],
    status: o.labourStatus,
    benefitReceiptEnded: o.benefitReceiptEnded,
    publiclyFunded16i: o.labourStatus === 'EMPLOYED_SOCIAL_INSURANCE' && held16i(o.participantId, o.observedOn),
    fullyQualifyingTraining: o.labourStatus === 'IN_EDUCATION_OR_TRAINING' && byId.get(o.participantId)?.exitReason === ExitReason.STARTED_TRAINING,
  }));
  // Stable sort by date in the rules keeps exit records before outcomes of the same day.
  return { participants, observations: [...fromExits, ...fromOutcomes] };
}
