import { EntityManager, type FilterQuery, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { addDays, type LocalDate } from '../common/dates/local-date.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import { HEALTH_MEASURE_TYPES, PARTICIPANT_WRITERS, requireParticipant } from '../participants/participants.access.js';
import { readConnection } from '../database/read-preference.js';
import { type ExitReason, ParticipantStatus } from '../participants/participants.enums.js';
import { ParticipantErrors } from '../participants/participants.errors.js';
import { participantSnapshot } from '../participants/participants.mapper.js';
import { EndParticipationInput, EnrolInput } from './dto/measure.inputs.js';
import { Measure } from './entities/measure.entity.js';
import { Participation } from './entities/participation.entity.js';
import { MeasureErrors } from './measures.errors.js';
import { measureColumns, measureFromRow, observationSnapshot, toParticipationModel } from './measures.mapper.js';
import { ParticipationModel } from './models/measure.model.js';
import { recordExitObservation } from './observation-records.js';
import { overlaps, peakOccupancy } from './occupancy.js';
import { joinTransaction } from '../database/transactions.js';

/** Enrolments can be prepared ahead, but not arbitrarily far. */
const MAX_DAYS_AHEAD = 90;

/** Enrolments in measures and their end. Case workers write. */
@Injectable()
export class ParticipationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Enrols a participant. The measure row is locked for the transaction, so concurrent enrolments
   * in one measure queue up and the capacity and overlap checks see every earlier enrolment.
   */
  async enrol(user: AuthUser, input: EnrolInput, today: LocalDate): Promise<ParticipationModel> {
    checkId(input.measureId, 'measureId');
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, input.participantId, PARTICIPANT_WRITERS, {
        lock: true,
        field: 'participantId',
      });
      const measure = await em.findOne(
        Measure,
        { id: input.measureId, project: participant.project.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!measure) throw MeasureErrors.measureNotFound(input.measureId);
      if (participant.identityErasedAt) throw ParticipantErrors.erased();
      if (participant.exitDate) throw ParticipantErrors.alreadyExited();
      if (measure.track !== participant.track) throw MeasureErrors.trackMismatch(measure.track, participant.track);
      if (input.startDate < participant.entryDate) throw MeasureErrors.startBeforeEntry();
      if (input.startDate < measure.startDate || input.startDate > measure.endDate) throw MeasureErrors.startOutsideMeasure();
      if (input.startDate > addDays(today, MAX_DAYS_AHEAD)) throw MeasureErrors.startTooFarAhead();

      const wanted = { start: input.startDate, end: measure.endDate };
      const existing = await em.find(Participation, { measure });
      const periodOf = (p: Participation) => ({ start: p.startDate, end: p.endDate ?? measure.endDate });
      if (existing.some((p) => p.participant.id === participant.id && overlaps(periodOf(p), wanted))) throw MeasureErrors.alreadyEnrolled();
      if (peakOccupancy(existing.map(periodOf), wanted) >= measure.capacity) throw MeasureErrors.full(measure.capacity);

      const participation = em.create(Participation, { project: measure.project, measure, participant, startDate: input.startDate });
      const before = participantSnapshot(participant);
      if (participant.status === ParticipantStatus.ELIGIBLE || participant.status === ParticipantStatus.ENROLLED) {
        participant.status = input.startDate <= today ? ParticipantStatus.ACTIVE : ParticipantStatus.ENROLLED;
      }
      await em.flush();
      const projectId = measure.project.id;
      this.audit.record({ entity: 'Participation', id: participation.id, projectId, before: null, after: snapshot(participation) });
      if (before.status !== participant.status)
        this.audit.record({ entity: 'Participant', id: participant.id, projectId, before, after: participantSnapshot(participant) });
      return toParticipationModel(participation);
    });
  }

  /** Ends a participation (the participant stays in the project; see exitParticipant for leaving it). */
  async end(user: AuthUser, id: string, input: EndParticipationInput, today: LocalDate): Promise<ParticipationModel> {
    checkId(id);
    return joinTransaction(this.em, async (em) => {
      const participation = await em.findOne(
        Participation,
        { $and: [{ id }, this.access.ownedWhere(user, PARTICIPANT_WRITERS)] },
        { populate: ['measure'] },
      );
      if (!participation) {
        const visible = await em.count(Participation, { $and: [{ id }, this.access.ownedWhere(user, ALL_ROLES)] });
        throw visible ? forbidden('Your role on this project does not allow this.') : MeasureErrors.participationNotFound(id);
      }
      // The participant's lock first (as exit does), so an exit and this end cannot interleave.
      const participant = await requireParticipant(em, this.access, user, participation.participant.id, PARTICIPANT_WRITERS, {
        lock: true,
      });
      await em.lock(participation, LockMode.PESSIMISTIC_WRITE);
      if (participation.endDate) throw MeasureErrors.participationEnded();
      if (input.endDate < participation.startDate) throw MeasureErrors.endBeforeStart();
      if (input.endDate > participation.measure.getEntity().endDate) throw MeasureErrors.endAfterMeasure();
      if (input.endDate > today) throw ParticipantErrors.dateInFuture('endDate');
      const before = snapshot(participation);
      em.assign(participation, { endDate: input.endDate, exitReason: input.exitReason });
      await em.flush();
      const projectId = participation.project.id;
      this.audit.record({ entity: 'Participation', id, projectId, before, after: snapshot(participation) });
      // "Took up a job" / "started training" is an observation of that day (the person may stay in other measures).
      const observed = await recordExitObservation(em, participant, input.endDate, input.exitReason, user.id);
      if (observed)
        this.audit.record({
          entity: 'LabourMarketObservation',
          id: observed.id,
          projectId,
          before: null,
          after: observationSnapshot(observed),
        });
      return toParticipationModel(participation);
    });
  }

  /**
   * Participations of many participants in one query (for the per-request loader), each with its
   * measure from the same statement: a participant page that shows measures needs no statement more.
   */
  async participationsOf(user: AuthUser, participantIds: readonly string[]): Promise<ParticipationModel[]> {
    // Plain rows: a participant page asks for these on every request; entities bought nothing here.
    // Participations in health measures (§ 16a psychosocial, addiction) are health facts: only the
    // project's case workers see them.
    const own = caseWorkerProjects(user);
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select x.id, x.project_id, x.participant_id, x.start_date::text as start_date, x.end_date::text as end_date, x.exit_reason, ${measureColumns('measure_')}
         from participation x join measure m on m.id = x.measure_id
        where x.participant_id in (?) and (m.type not in (?)${own.length ? ' or x.project_id in (?)' : ''})
        order by x.start_date, x.id`,
      [[...participantIds], [...HEALTH_MEASURE_TYPES], ...(own.length ? [own] : [])],
      { connectionType: readConnection() },
    );
    return rows.map((r) => {
      const measure = measureFromRow(r, 'measure_');
      return {
        id: r.id as string,
        projectId: r.project_id as string,
        participantId: r.participant_id as string,
        measureId: measure.id,
        startDate: r.start_date as string,
        endDate: r.end_date as string | null,
        exitReason: r.exit_reason as ExitReason | null,
        measure,
      };
    });
  }

  /** Participations of many measures in one query, restricted to readers of participant data. */
  async participationsOfMeasures(
    user: AuthUser,
    measureIds: readonly string[],
    roles: Parameters<AccessService['ownedWhere']>[1],
  ): Promise<ParticipationModel[]> {
    const rows = await this.em.find(
      Participation,
      { $and: [{ measure: { $in: [...measureIds] } }, this.access.ownedWhere(user, roles), healthFactsVisible(user)] },
      {
        orderBy: { startDate: 'asc', id: 'asc' },
      },
    );
    return rows.map(toParticipationModel);
  }
}

/**
 * Taking part in psychosocial care or addiction counselling (§16a) is a health fact: such
 * participations are left out for everyone but the case workers of the participant's project.
 */
/** The projects whose health facts this user may see: those where it is a case worker. */
export function caseWorkerProjects(user: AuthUser): string[] {
  return user.grants.flatMap((g) => (g.role === Role.CASE_WORKER && g.projectId ? [g.projectId] : []));
}

function healthFactsVisible(user: AuthUser): FilterQuery<Participation> {
  const own = caseWorkerProjects(user);
  return { $or: [{ measure: { type: { $nin: [...HEALTH_MEASURE_TYPES] } } }, { project: { $in: own } }] } as FilterQuery<Participation>;
}

function snapshot(p: Participation): Record<string, unknown> {
  return { ...toParticipationModel(p) };
}
