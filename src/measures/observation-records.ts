import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import type { Participant } from '../participants/entities/participant.entity.js';
import type { ExitReason } from '../participants/participants.enums.js';
import { LabourMarketObservation } from './entities/observation.entity.js';
import { ObservationKind, ObservationSource, type ObservationType } from './measures.enums.js';
import { exitObservationType, inForce } from './observations.js';

/**
 * Writing observation records, shared by the observation mutations and by the exit records of the
 * participants module (an exit "took up a job" is an observation). Callers hold the participant's
 * row lock, so record numbers are assigned one after the other; the unique key catches the rest.
 */
export interface NewObservation {
  kind: ObservationKind;
  observedOn: LocalDate | null;
  type: ObservationType | null;
  source: ObservationSource | null;
  supersedes?: LabourMarketObservation | null;
  reason?: string | null;
  recordedBy: string | null;
}

export async function appendObservation(
  em: EntityManager,
  participant: Participant,
  fields: NewObservation,
): Promise<LabourMarketObservation> {
  const [{ next }] = await em
    .getConnection()
    .execute<{ next: number }[]>('select coalesce(max(record_no), 0) + 1 as next from labour_market_observation where participant_id = ?', [
      participant.id,
    ]);
  const record = em.create(LabourMarketObservation, {
    project: participant.project,
    participant,
    recordNo: Number(next),
    kind: fields.kind,
    observedOn: fields.observedOn,
    type: fields.type,
    source: fields.source,
    supersedes: fields.supersedes ?? null,
    reason: fields.reason ?? null,
    recordedBy: fields.recordedBy,
  });
  await em.flush();
  return record;
}

/** Every record of these participants, in recording order. */
export function observationRecordsOf(em: EntityManager, participantIds: readonly string[]): Promise<LabourMarketObservation[]> {
  return em.find(
    LabourMarketObservation,
    { participant: { $in: [...participantIds] } },
    { orderBy: { participant: 'asc', recordNo: 'asc' } },
  );
}

/** The records of one participant in force, in recording order. */
export async function observationsInForce(em: EntityManager, participantId: string): Promise<LabourMarketObservation[]> {
  const records = await observationRecordsOf(em, [participantId]);
  return inForce(records.map((r) => ({ record: r, id: r.id, kind: r.kind, supersedesId: r.supersedes?.id ?? null }))).map((r) => r.record);
}

/**
 * The observation an exit record stands for ("took up a job" on that day), unless one of the same
 * type and day is already in force. Returns the new record, if any.
 */
export async function recordExitObservation(
  em: EntityManager,
  participant: Participant,
  date: LocalDate,
  reason: ExitReason,
  recordedBy: string | null,
): Promise<LabourMarketObservation | null> {
  const type = exitObservationType(reason);
  if (!type) return null;
  const existing = await observationsInForce(em, participant.id);
  if (existing.some((o) => o.type === type && o.observedOn === date)) return null;
  return appendObservation(em, participant, {
    kind: ObservationKind.RECORD,
    observedOn: date,
    type,
    source: ObservationSource.EXIT_RECORD,
    recordedBy,
  });
}

/** Withdraws the observations an exit record wrote for its day (when the exit is corrected or withdrawn). */
export async function withdrawExitObservations(
  em: EntityManager,
  participant: Participant,
  date: LocalDate,
  reason: string,
  recordedBy: string | null,
): Promise<LabourMarketObservation[]> {
  const written = (await observationsInForce(em, participant.id)).filter(
    (o) => o.source === ObservationSource.EXIT_RECORD && o.observedOn === date,
  );
  const withdrawals: LabourMarketObservation[] = [];
  for (const o of written) {
    withdrawals.push(
      await appendObservation(em, participant, {
        kind: ObservationKind.WITHDRAWAL,
        observedOn: null,
        type: null,
        source: null,
        supersedes: o,
        reason,
        recordedBy,
      }),
    );
  }
  return withdrawals;
}
