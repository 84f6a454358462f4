import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { type ObservationKind, type ObservationType } from '../measures/measures.enums.js';
import { type ObservationRow, observationRowsOfProject } from '../measures/observation-rows.js';
import { inForce } from '../measures/observations.js';
import { type Participant } from '../participants/entities/participant.entity.js';
import { episodeCountingRows } from '../participants/counting-rows.js';
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

/** The pseudonymous fields the rules need, read as plain rows (no entity hydration: a project has a few thousand participants). */
export type ParticipantRow = Pick<
  Participant,
  'id' | 'gender' | 'birthYear' | 'entryDate' | 'exitDate' | 'exitReason' | 'labourStatusAtEntry' | 'educationLevel' | 'track'
> & {
  ageAtEntry: number | null;
  previousEpisodeId: string | null;
};

export type { ObservationRow } from '../measures/observation-rows.js';

export interface ParticipantRows {
  participants: ParticipantRow[];
  /** Every record, superseded ones included (unless `observationsInForce`). */
  observations: ObservationRow[];
  /** Set when `observations` holds the records in force only (rowsAsOf). */
  observationsInForce?: boolean;
  disabled: Set<string>;
}

/** A relation column read without hydration comes back as the id (or, depending on the driver mapping, as a reference). */
export const idOf = (value: unknown): string => (typeof value === 'string' ? value : (value as { id: string }).id);

/**
 * The project's rows from their owners' plain statements (episodes from the participants module,
 * observation records from the measures module): one report reads every episode and observation of
 * its project. The statistical attribute (the disability flag) fixed on the pseudonymous record
 * counts; the health record only for rows that have none yet (before the start-up backfill ran).
 */
export async function loadParticipantRows(em: EntityManager, projectId: string, vault: IdentityVault): Promise<ParticipantRows> {
  const [rows, observations] = await Promise.all([episodeCountingRows(em, projectId), observationRowsOfProject(em, projectId)]);
  const participants: ParticipantRow[] = [];
  const disabled = new Set<string>();
  for (const r of rows) {
    participants.push({
      id: r.id,
      gender: r.gender,
      birthYear: r.birthYear,
      ageAtEntry: r.ageAtEntry ?? null,
      entryDate: r.entryDate,
      exitDate: r.exitDate,
      exitReason: r.exitReason,
      labourStatusAtEntry: r.labourStatusAtEntry,
      educationLevel: r.educationLevel,
      track: r.track,
      previousEpisodeId: r.previousEpisodeId ?? null,
    });
    const flag =
      r.statisticsCipher !== null
        ? vault.hasDisability(r.id, r.statisticsCipher)
        : r.healthCipher !== null && vault.openHealth(r.id, r.healthCipher).hasDisability === true;
    if (flag) disabled.add(r.id);
  }
  return { participants, observations, disabled };
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
    observationsInForce: true,
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
  const participants: CountedParticipant[] = rows.participants.map((p) => {
    const personId = personOf(p.id);
    return {
      id: p.id,
      personId,
      gender: p.gender,
      // Records whose identity was erased before the exact age was kept fall back to the birth year.
      ageAtEntry: p.ageAtEntry ?? Number(p.entryDate.slice(0, 4)) - p.birthYear,
      entryDate: p.entryDate,
      exitDate: p.exitDate ?? null,
      entryStatus: p.labourStatusAtEntry ?? null,
      education: p.educationLevel ?? null,
      track: p.track,
      hasDisability: disabledPersons.has(personId),
      dropout: p.exitReason === ExitReason.DROPPED_OUT,
    };
  });
  // rowsAsOf has resolved them already (inForce of records in force is the same records).
  const standing = rows.observationsInForce ? rows.observations : inForce(rows.observations);
  const observations: Observation[] = standing.map((o) => ({
    participantId: o.participantId,
    observedOn: o.observedOn!,
    recordNo: o.recordNo,
    type: o.type!,
  }));
  return { participants, observations, parameters };
}
