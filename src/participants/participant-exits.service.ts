import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { LocalDate } from '../common/dates/local-date.js';
import { Measure } from '../measures/entities/measure.entity.js';
import { Participation } from '../measures/entities/participation.entity.js';
import { MeasureErrors } from '../measures/measures.errors.js';
import { observationSnapshot, toParticipationModel } from '../measures/measures.mapper.js';
import { observationsInForce, recordExitObservation, withdrawExitObservations } from '../measures/observation-records.js';
import { allowedBeforeExit } from '../measures/observations.js';
import { overlaps, peakOccupancy } from '../measures/occupancy.js';
import { CorrectExitInput, WithdrawExitInput } from './dto/participant.inputs.js';
import { ParticipantExitCorrection } from './entities/participant-exit-correction.entity.js';
import { Participant } from './entities/participant.entity.js';
import { retainUntilFor } from './lifecycle.js';
import { ExitCorrectionModel } from './models/exit-correction.model.js';
import { ParticipantModel } from './models/participant.model.js';
import { PARTICIPANT_WRITERS, requireParticipant } from './participants.access.js';
import { ExitCorrectionKind, ExitReason, ParticipantStatus } from './participants.enums.js';
import { ParticipantErrors } from './participants.errors.js';
import { participantSnapshot, toParticipantModel } from './participants.mapper.js';
import { rulesOf } from './participants.service.js';
import { joinTransaction } from '../database/transactions.js';

/**
 * Corrections and withdrawals of a recorded exit, each with a reason and kept as an append-only
 * record. What depends on the exit follows it: the participations the exit ended, the observation
 * an exit "took up a job" stands for, the retention date; the indicators recount from the data.
 */
@Injectable()
export class ParticipantExitsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async correct(user: AuthUser, id: string, input: CorrectExitInput, today: LocalDate): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const { participant, previousExit, endedByExit, participations } = await this.requireExit(em, user, id);
      if (input.exitDate === previousExit.date && input.exitReason === previousExit.reason) throw ParticipantErrors.exitUnchanged();
      if (input.exitDate > today) throw ParticipantErrors.dateInFuture('exitDate');
      if (input.exitDate < participant.entryDate) throw ParticipantErrors.exitBeforeEntry();
      if (participations.some((p) => p.startDate > input.exitDate)) throw ParticipantErrors.exitBeforeParticipation();
      const lastOtherEnd = participations
        .filter((p) => !endedByExit.includes(p) && p.endDate)
        .reduce<LocalDate | null>((max, p) => (!max || p.endDate! > max ? p.endDate! : max), null);
      if (lastOtherEnd && input.exitDate < lastOtherEnd) throw ParticipantErrors.exitBeforeParticipationEnd(lastOtherEnd);
      await this.refuseStatusesInside(em, participant, input.exitDate);

      const projectId = participant.project.id;
      const reason = input.reason.trim();
      for (const participation of endedByExit) {
        const before = toParticipationModel(participation);
        const measureEnd = participation.measure.getEntity().endDate;
        // A participation the exit ended ends with it, or with its measure if that ended first.
        em.assign(participation, { endDate: input.exitDate < measureEnd ? input.exitDate : measureEnd, exitReason: input.exitReason });
        this.audit.record({
          entity: 'Participation',
          id: participation.id,
          projectId,
          before: { ...before },
          after: { ...toParticipationModel(participation) },
        });
      }
      await this.replaceExitObservations(em, user, participant, previousExit.date, reason, {
        date: input.exitDate,
        reason: input.exitReason,
      });
      const rules = await rulesOf(em, participant.project.getEntity());
      const before = participantSnapshot(participant);
      em.assign(participant, {
        exitDate: input.exitDate,
        exitReason: input.exitReason,
        retainUntil: retainUntilFor(rules, input.exitDate, participant.project.getEntity().approvalEnd),
      });
      await this.keep(em, user, participant, ExitCorrectionKind.CORRECTION, previousExit, reason);
      await em.flush();
      this.audit.record({ entity: 'Participant', id, projectId, before, after: participantSnapshot(participant) });
      return toParticipantModel(participant, participant.project.getEntity().program.id);
    });
  }

  /**
   * The person had not left: the exit goes, the participations it ended run again (if their
   * measure has a place for them), and so does the retention date. Observations of statuses after
   * the exit must be withdrawn or corrected first.
   */
  async withdraw(user: AuthUser, id: string, input: WithdrawExitInput, today: LocalDate): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const { participant, previousExit, endedByExit } = await this.requireExit(em, user, id);
      await this.refuseStatusesInside(em, participant, null);
      const projectId = participant.project.id;
      const reason = input.reason.trim();
      for (const participation of endedByExit) {
        const measure = await em.findOneOrFail(Measure, participation.measure.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const wanted = { start: participation.startDate, end: measure.endDate };
        const others = (await em.find(Participation, { measure, id: { $ne: participation.id } })).map((p) => ({
          start: p.startDate,
          end: p.endDate ?? measure.endDate,
        }));
        if (
          peakOccupancy(
            others.filter((p) => overlaps(p, wanted)),
            wanted,
          ) >= measure.capacity
        )
          throw MeasureErrors.full(measure.capacity);
        const before = toParticipationModel(participation);
        em.assign(participation, { endDate: null, exitReason: null });
        this.audit.record({
          entity: 'Participation',
          id: participation.id,
          projectId,
          before: { ...before },
          after: { ...toParticipationModel(participation) },
        });
      }
      await this.replaceExitObservations(em, user, participant, previousExit.date, reason, null);
      const rules = await rulesOf(em, participant.project.getEntity());
      const before = participantSnapshot(participant);
      const running = endedByExit.length > 0 || (await em.count(Participation, { participant, endDate: null })) > 0;
      em.assign(participant, {
        exitDate: null,
        exitReason: null,
        status: running
          ? endedByExit.some((p) => p.startDate <= today)
            ? ParticipantStatus.ACTIVE
            : ParticipantStatus.ENROLLED
          : ParticipantStatus.ELIGIBLE,
        retainUntil: retainUntilFor(rules, null, participant.project.getEntity().approvalEnd),
      });
      await this.keep(em, user, participant, ExitCorrectionKind.WITHDRAWAL, previousExit, reason);
      await em.flush();
      this.audit.record({ entity: 'Participant', id, projectId, before, after: participantSnapshot(participant) });
      return toParticipantModel(participant, participant.project.getEntity().program.id);
    });
  }

  async correctionsOf(participantIds: readonly string[]): Promise<(ExitCorrectionModel & { participantId: string })[]> {
    const rows = await this.em.find(
      ParticipantExitCorrection,
      { participant: { $in: [...participantIds] } },
      { orderBy: { participant: 'asc', correctionNo: 'asc' } },
    );
    return rows.map((r) => ({
      participantId: r.participant.id,
      id: r.id,
      kind: r.kind,
      previousExitDate: r.previousExitDate,
      previousExitReason: r.previousExitReason,
      exitDate: r.exitDate ?? null,
      exitReason: r.exitReason ?? null,
      reason: r.reason,
      correctedBy: r.correctedBy,
      correctedAt: r.correctedAt,
    }));
  }

  /** The exited participant (locked) with the participations its exit ended: those that ended on the exit day for the exit's reason. */
  private async requireExit(em: EntityManager, user: AuthUser, id: string) {
    const participant = await requireParticipant(em, this.access, user, id, PARTICIPANT_WRITERS, { lock: true });
    if (participant.identityErasedAt) throw ParticipantErrors.erased();
    if (!participant.exitDate || !participant.exitReason) throw ParticipantErrors.notExited();
    if (await em.count(Participant, { previousEpisode: participant })) throw ParticipantErrors.reEnteredSince();
    const previousExit = { date: participant.exitDate, reason: participant.exitReason };
    const participations = await em.find(Participation, { participant }, { populate: ['measure'] });
    const endedByExit = participations.filter((p) => p.endDate === previousExit.date && p.exitReason === previousExit.reason);
    return { participant, previousExit, endedByExit, participations };
  }

  /** Statuses observed after the exit (job-searching, …) cannot end up inside the time in the project. */
  private async refuseStatusesInside(em: EntityManager, participant: Participant, newExitDate: LocalDate | null): Promise<void> {
    const inside = (await observationsInForce(em, participant.id)).filter(
      (o) => o.type && o.observedOn && !allowedBeforeExit(o.type, o.observedOn, newExitDate),
    );
    if (inside.length) throw ParticipantErrors.statusObservedAfterExit(inside.length);
  }

  /** The observation the old exit stood for is withdrawn with the correction's reason; the new exit's is recorded. */
  private async replaceExitObservations(
    em: EntityManager,
    user: AuthUser,
    participant: Participant,
    oldDate: LocalDate,
    reason: string,
    next: { date: LocalDate; reason: ExitReason } | null,
  ) {
    const projectId = participant.project.id;
    const written = [...(await withdrawExitObservations(em, participant, oldDate, reason, user.id))];
    if (next) {
      const observed = await recordExitObservation(em, participant, next.date, next.reason, user.id);
      if (observed) written.push(observed);
    }
    for (const o of written)
      this.audit.record({ entity: 'LabourMarketObservation', id: o.id, projectId, before: null, after: observationSnapshot(o) });
  }

  private async keep(
    em: EntityManager,
    user: AuthUser,
    participant: Participant,
    kind: ExitCorrectionKind,
    previous: { date: LocalDate; reason: ExitReason },
    reason: string,
  ): Promise<void> {
    const earlier = await em.count(ParticipantExitCorrection, { participant });
    const record = em.create(ParticipantExitCorrection, {
      project: participant.project,
      participant,
      correctionNo: earlier + 1,
      kind,
      previousExitDate: previous.date,
      previousExitReason: previous.reason,
      exitDate: participant.exitDate ?? null,
      exitReason: participant.exitReason ?? null,
      reason,
      correctedBy: user.id,
    });
    this.audit.record({
      entity: 'ParticipantExitCorrection',
      id: record.id,
      projectId: participant.project.id,
      before: null,
      after: {
        kind,
        previousExitDate: previous.date,
        previousExitReason: previous.reason,
        exitDate: record.exitDate,
        exitReason: record.exitReason,
        reasonGiven: true,
      },
    });
  }
}
