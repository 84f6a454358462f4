import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES } from '../auth/role.enum.js';
import type { LocalDate } from '../common/dates/local-date.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import type { Participant } from '../participants/entities/participant.entity.js';
import { outcomeWindow } from '../participants/lifecycle.js';
import { PARTICIPANT_WRITERS, requireParticipant } from '../participants/participants.access.js';
import { ParticipantStatus } from '../participants/participants.enums.js';
import { ParticipantErrors } from '../participants/participants.errors.js';
import { participantSnapshot } from '../participants/participants.mapper.js';
import { rulesOf } from '../participants/participants.service.js';
import { CorrectObservationInput, RecordObservationInput, WithdrawObservationInput } from './dto/measure.inputs.js';
import { LabourMarketObservation } from './entities/observation.entity.js';
import { ObservationKind, type ObservationType } from './measures.enums.js';
import { MeasureErrors } from './measures.errors.js';
import { observationSnapshot, toObservationModel } from './measures.mapper.js';
import { ObservationModel } from './models/measure.model.js';
import { appendObservation, observationRecordsOf } from './observation-records.js';
import { allowedBeforeExit, STATUS_TYPES } from './observations.js';
import { joinTransaction } from '../database/transactions.js';

/**
 * Labour-market observations: recorded, corrected and withdrawn by case workers, never edited.
 * What counts is decided by the counting rules (src/indicators/counting-rules.ts), which read the
 * records in force.
 */
@Injectable()
export class ObservationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async record(user: AuthUser, input: RecordObservationInput, today: LocalDate): Promise<ObservationModel> {
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, input.participantId, PARTICIPANT_WRITERS, {
        lock: true,
        field: 'participantId',
      });
      checkObservation(participant, input, today);
      const record = await appendObservation(em, participant, {
        kind: ObservationKind.RECORD,
        observedOn: input.observedOn,
        type: input.type,
        source: input.source,
        recordedBy: user.id,
      });
      await this.followUp(em, participant, record);
      return toObservationModel(record);
    });
  }

  async correct(user: AuthUser, input: CorrectObservationInput, today: LocalDate): Promise<ObservationModel> {
    return joinTransaction(this.em, async (em) => {
      const { earlier, participant } = await this.requireInForce(em, user, input.observationId);
      checkObservation(participant, input, today);
      const record = await appendObservation(em, participant, {
        kind: ObservationKind.CORRECTION,
        observedOn: input.observedOn,
        type: input.type,
        source: input.source,
        supersedes: earlier,
        reason: input.reason.trim(),
        recordedBy: user.id,
      });
      await this.followUp(em, participant, record);
      return toObservationModel(record);
    });
  }

  async withdraw(user: AuthUser, input: WithdrawObservationInput): Promise<ObservationModel> {
    return joinTransaction(this.em, async (em) => {
      const { earlier, participant } = await this.requireInForce(em, user, input.observationId);
      const record = await appendObservation(em, participant, {
        kind: ObservationKind.WITHDRAWAL,
        observedOn: null,
        type: null,
        source: null,
        supersedes: earlier,
        reason: input.reason.trim(),
        recordedBy: user.id,
      });
      this.audit.record({
        entity: 'LabourMarketObservation',
        id: record.id,
        projectId: participant.project.id,
        before: null,
        after: observationSnapshot(record),
      });
      return toObservationModel(record);
    });
  }

  /** Observations of many participants in one query (for the per-request loader); all records, or those in force. */
  async observationsOf(participantIds: readonly string[], includeSuperseded: boolean): Promise<ObservationModel[]> {
    const records = await observationRecordsOf(this.em, participantIds);
    const supersededBy = new Map(records.flatMap((r) => (r.supersedes ? [[r.supersedes.id, r.id] as const] : [])));
    const models = records.map((r) => toObservationModel(r, supersededBy.get(r.id) ?? null));
    return includeSuperseded ? models : models.filter((m) => m.inForce);
  }

  /** The observation to supersede, which must be in force, with its participant locked. */
  private async requireInForce(
    em: EntityManager,
    user: AuthUser,
    id: string,
  ): Promise<{ earlier: LabourMarketObservation; participant: Participant }> {
    checkId(id, 'observationId');
    const earlier = await em.findOne(LabourMarketObservation, { $and: [{ id }, this.access.ownedWhere(user, PARTICIPANT_WRITERS)] });
    if (!earlier) {
      const visible = await em.count(LabourMarketObservation, { $and: [{ id }, this.access.ownedWhere(user, ALL_ROLES)] });
      throw visible ? forbidden('Your role on this project does not allow this.') : MeasureErrors.observationNotFound(id);
    }
    const participant = await requireParticipant(em, this.access, user, earlier.participant.id, PARTICIPANT_WRITERS, {
      lock: true,
      field: 'observationId',
    });
    if (participant.identityErasedAt) throw ParticipantErrors.erased();
    if (earlier.kind === ObservationKind.WITHDRAWAL) throw MeasureErrors.withdrawalFinal();
    const later = await em.findOne(LabourMarketObservation, { supersedes: earlier });
    if (later) throw MeasureErrors.alreadySuperseded(later.recordNo);
    return { earlier, participant };
  }

  /** Audits the record; a status in a 6- or 12-month follow-up window marks an exited participant FOLLOWED_UP. */
  private async followUp(em: EntityManager, participant: Participant, record: LabourMarketObservation): Promise<void> {
    const projectId = participant.project.id;
    this.audit.record({ entity: 'LabourMarketObservation', id: record.id, projectId, before: null, after: observationSnapshot(record) });
    if (participant.status !== ParticipantStatus.EXITED || !participant.exitDate || !record.type || !STATUS_TYPES.includes(record.type))
      return;
    const rules = await rulesOf(em, participant.project.getEntity());
    const inWindow = (['SIX_MONTHS', 'TWELVE_MONTHS'] as const).some((timing) => {
      const window = outcomeWindow(timing, participant.exitDate!, rules.exitDataDueDays);
      return record.observedOn! >= window.from && record.observedOn! <= window.to;
    });
    if (!inWindow) return;
    const before = participantSnapshot(participant);
    participant.status = ParticipantStatus.FOLLOWED_UP;
    await em.flush();
    this.audit.record({ entity: 'Participant', id: participant.id, projectId, before, after: participantSnapshot(participant) });
  }
}

/** Dated within the person's time in the project or after it, not in the future, a status only after the exit. */
function checkObservation(participant: Participant, input: { observedOn: LocalDate; type: ObservationType }, today: LocalDate): void {
  if (participant.identityErasedAt) throw ParticipantErrors.erased();
  if (input.observedOn > today) throw ParticipantErrors.dateInFuture('observedOn');
  if (input.observedOn < participant.entryDate) throw MeasureErrors.observedBeforeEntry();
  if (!allowedBeforeExit(input.type, input.observedOn, participant.exitDate)) throw MeasureErrors.statusBeforeExit(input.type);
}
