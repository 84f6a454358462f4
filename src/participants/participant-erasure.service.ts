import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { type AuditChange, AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import type { LocalDate } from '../common/dates/local-date.js';
import { ErasureRequestInput } from './dto/participant.inputs.js';
import { ParticipantIdentity } from './entities/participant-identity.entity.js';
import { Participant } from './entities/participant.entity.js';
import { ErasureResultModel } from './models/participant-results.model.js';
import { ParticipantModel } from './models/participant.model.js';
import { PARTICIPANT_WRITERS, requireParticipant } from './participants.access.js';
import { ErasureReason, ParticipantStatus } from './participants.enums.js';
import { ParticipantErrors } from './participants.errors.js';
import { participantSnapshot, toParticipantModel } from './participants.mapper.js';
import { joinTransaction } from '../database/transactions.js';

/**
 * Erasure of identity and health data (docs/domain.md#participants-and-data-protection): the encrypted identity row is deleted, the
 * pseudonymous record stays (status ARCHIVED) so that statistics do not change. Audit entries say
 * that and why data was erased, never what it was.
 */
@Injectable()
export class ParticipantErasureService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  /** A verified erasure request (Art. 17 GDPR) received by a case worker of the project. */
  async eraseOnRequest(user: AuthUser, id: string, input: ErasureRequestInput, today: LocalDate): Promise<ParticipantModel> {
    if (input.requestReceivedOn > today) throw ParticipantErrors.dateInFuture('requestReceivedOn');
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, id, PARTICIPANT_WRITERS, { lock: true });
      if (participant.identityErasedAt) throw ParticipantErrors.erased();
      const changes = await eraseIdentities(em, [participant], ErasureReason.VERIFIED_REQUEST, new Date(), {
        requestReceivedOn: input.requestReceivedOn,
        verification: input.verification,
      });
      changes.forEach((c) => this.audit.record(c));
      return toParticipantModel(participant, participant.project.getEntity().program.id);
    });
  }

  /** Erases every participant of the project whose retain-until date has passed. */
  async eraseExpired(user: AuthUser, projectId: string, today: LocalDate): Promise<ErasureResultModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, projectId, [Role.CASE_WORKER, Role.ADMIN]);
      const due = await em.find(
        Participant,
        { project, retainUntil: { $lt: today }, identityErasedAt: null },
        { orderBy: { pseudonym: 'asc' } },
      );
      const changes = await eraseIdentities(em, due, ErasureReason.RETENTION_EXPIRED, new Date());
      changes.forEach((c) => this.audit.record(c));
      return { erased: due.length, pseudonyms: due.map((p) => p.pseudonym) };
    });
  }
}

/**
 * Deletes the identity rows of `participants` and marks them erased; returns the audit changes
 * (pseudonymous snapshots only). Used by the service and by `npm run participants:erase-expired`.
 */
export async function eraseIdentities(
  em: EntityManager,
  participants: Participant[],
  reason: ErasureReason,
  now: Date,
  request?: { requestReceivedOn: LocalDate; verification: string },
): Promise<AuditChange[]> {
  if (!participants.length) return [];
  await em.nativeDelete(ParticipantIdentity, { participant: { $in: participants.map((p) => p.id) } });
  const changes: AuditChange[] = [];
  for (const participant of participants) {
    const before = participantSnapshot(participant);
    // The free-text justification may describe the person's circumstances; the rule codes stay.
    em.assign(participant, {
      identityErasedAt: now,
      erasureReason: reason,
      status: ParticipantStatus.ARCHIVED,
      overrideJustification: participant.overrideJustification ? '[erased]' : null,
    });
    const projectId = participant.project.id;
    changes.push({ entity: 'Participant', id: participant.id, projectId, before, after: participantSnapshot(participant) });
    changes.push({
      entity: 'ParticipantIdentity',
      id: participant.id,
      projectId,
      before: { identityState: 'held' },
      after: { identityState: 'erased', reason, ...request },
    });
  }
  await em.flush();
  return changes;
}
