import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { LabourMarketObservation } from '../measures/entities/observation.entity.js';
import { type ObservationKind, type ObservationType } from '../measures/measures.enums.js';
import { inForce } from '../measures/observations.js';
import { ParticipantIdentity } from '../participants/entities/participant-identity.entity.js';
import { Participant } from '../participants/entities/participant.entity.js';
import type { IdentityVault } from '../participants/identity-vault.js';
import { ExitReason } from '../participants/participants.enums.js';
import type { CountedParticipant, CountingParameters, Observation, RuleInput } from './counting-rules.js';

/**
 * Maps the participants module's rows of one project to the plain shapes of the counting rules.
 * Only pseudonymous fields leave this file; the disability flag (health data, decrypted in memory
 * for counting only) becomes a boolean that is never shown per person.
 *
 * Observations are the labour-market observation records in force (corrections and withdrawals
 * resolved by observations.inForce); what an exit "took up a job" means is already a record of its
 * own (observation-records.recordExitObservation), so the counting reads one source.
 */

/** The pseudonymous fields the rules need, read as plain rows (no entity hydration: a project has about a thousand participants). */
export type ParticipantRow = Pick<
  Participant,
  'id' | 'gender' | 'birthYear' | 'entryDate' | 'exitDate' | 'exitReason' | 'labourStatusAtEntry' | 'educationLevel' | 'track'
> & {
  ageAtEntry: number | null;
  previousEpisodeId: string | null;
};

export interface ObservationRow {
  id: string;
  participantId: string;
  recordNo: number;
  kind: ObservationKind;
  observedOn: LocalDate | null;
  type: ObservationType | null;
  supersedesId: string | null;
}

export interface ParticipantRows {
  participants: ParticipantRow[];
  /** Every record, superseded ones included. */
  observations: ObservationRow[];
  disabled: Set<string>;
}

/** A relation column read without hydration comes back as the id (or, depending on the driver mapping, as a reference). */
export const idOf = (value: unknown): string => (typeof value === 'string' ? value : (value as { id: string }).id);
const idOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : idOf(value));

export async function loadParticipantRows(em: EntityManager, projectId: string, vault: IdentityVault): Promise<ParticipantRows> {
  const where = { project: projectId };
  const [participants, observations, statistics] = await Promise.all([
    em
      .createQueryBuilder(Participant)
      .select([
        'id',
        'gender',
        'birthYear',
        'ageAtEntry',
        'entryDate',
        'exitDate',
        'exitReason',
        'labourStatusAtEntry',
        'educationLevel',
        'track',
        'previousEpisode',
      ])
      .where(where)
      .orderBy({ entryDate: 'asc', id: 'asc' })
      .execute<(Omit<ParticipantRow, 'previousEpisodeId'> & { previousEpisode: unknown })[]>('all', true),
    em
      .createQueryBuilder(LabourMarketObservation)
      .select(['id', 'participant', 'recordNo', 'kind', 'observedOn', 'type', 'supersedes'])
      .where(where)
      .orderBy({ participant: 'asc', recordNo: 'asc' })
      .execute<
        {
          id: string;
          participant: unknown;
          recordNo: number;
          kind: ObservationKind;
          observedOn: LocalDate | null;
          type: ObservationType | null;
          supersedes: unknown;
        }[]
      >('all', true),
    em
      .createQueryBuilder(Participant)
      .select(['id', 'statisticsCipher'])
      .where(where)
      .execute<{ id: string; statisticsCipher: string | null }[]>('all', true),
  ]);
  // The statistical attribute fixed on the pseudonymous record counts; the health record only for
  // rows that have none yet (before the start-up backfill ran), so it is read only for those.
  // Erasure removes the health record, not the attribute.
  const unattributed = statistics.filter((s) => s.statisticsCipher === null).map((s) => s.id);
  const health = unattributed.length
    ? await em
        .createQueryBuilder(ParticipantIdentity)
        .select(['participant', 'healthCipher'])
        .where({ ...where, participant: { $in: unattributed }, healthCipher: { $ne: null } })
        .execute<{ participant: unknown; healthCipher: string }[]>('all', true)
    : [];
  const disabled = new Set([
    ...statistics.filter((s) => s.statisticsCipher !== null && vault.hasDisability(s.id, s.statisticsCipher)).map((s) => s.id),
    ...health.filter((h) => vault.openHealth(idOf(h.participant), h.healthCipher).hasDisability === true).map((h) => idOf(h.participant)),
  ]);
  return {
    participants: participants.map(({ previousEpisode, ...p }) => ({
      ...p,
      ageAtEntry: p.ageAtEntry ?? null,
      previousEpisodeId: idOrNull(previousEpisode),
    })),
    observations: observations.map((o) => ({
      id: o.id,
      participantId: idOf(o.participant),
      recordNo: o.recordNo,
      kind: o.kind,
      observedOn: o.observedOn ?? null,
      type: o.type ?? null,
      supersedesId: idOrNull(o.supersedes),
    })),
    disabled,
  };
}

/**
 * The rows as they stood on `asOf`, by the dates they record (not when they were typed in): persons
 * who had entered by then; exits after it had not happened yet; observations dated after it did
 * not exist. Corrections apply whenever they were made (they correct what was true on the day), so
 * the in-force records are taken first and then cut at `asOf`.
 */
export function rowsAsOf(rows: ParticipantRows, asOf: LocalDate): ParticipantRows {
  const entered = rows.participants.filter((p) => p.entryDate <= asOf);
  const known = new Set(entered.map((p) => p.id));
  return {
    participants: entered.map((p) => (p.exitDate && p.exitDate > asOf ? { ...p, exitDate: null, exitReason: null } : p)),
    observations: inForce(rows.observations).filter((o) => known.has(o.participantId) && o.observedOn! <= asOf),
    disabled: rows.disabled,
  };
}

export function toRuleInput(rows: ParticipantRows, parameters: CountingParameters): RuleInput {
  const previous = new Map(rows.participants.map((p) => [p.id, p.previousEpisodeId]));
  const personOf = (id: string): string => {
    let current = id;
    for (let guard = 0; previous.get(current) && guard < 1000; guard++) current = previous.get(current)!;
    return current;
  };
  // Health data sits with the identity, which moves to a person's newest episode: it describes the person.
  const disabledPersons = new Set([...rows.disabled].map(personOf));
  const participants: CountedParticipant[] = rows.participants.map((p) => ({
    id: p.id,
    personId: personOf(p.id),
    gender: p.gender,
    // Records whose identity was erased before the exact age was kept fall back to the birth year.
    ageAtEntry: p.ageAtEntry ?? Number(p.entryDate.slice(0, 4)) - p.birthYear,
    entryDate: p.entryDate,
    exitDate: p.exitDate ?? null,
    entryStatus: p.labourStatusAtEntry ?? null,
    education: p.educationLevel ?? null,
    track: p.track,
    hasDisability: disabledPersons.has(personOf(p.id)),
    dropout: p.exitReason === ExitReason.DROPPED_OUT,
  }));
  const observations: Observation[] = inForce(rows.observations).map((o) => ({
    participantId: o.participantId,
    observedOn: o.observedOn!,
    recordNo: o.recordNo,
    type: o.type!,
  }));
  return { participants, observations, parameters };
}
