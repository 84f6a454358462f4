import { type EntityManager, LockMode } from '@mikro-orm/postgresql';

import type { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import { Participant } from './entities/participant.entity.js';
import { ParticipantErrors } from './participants.errors.js';

/**
 * Who sees what of participants (docs/domain.md#participants-and-data-protection):
 * - the pseudonymous record: case workers, analysts, auditors, the grantor and administrators of
 *   the project (FINANCE has no need for person-level data and is left out);
 * - writes (register, entry data, exit and its corrections, enrolment, observations, erasure on request): case workers;
 * - identity and health: case workers holding the role on that very project, nobody else (not a
 *   global administrator, not a programme-wide grant);
 * - the written override justification: those case workers and the project's auditors.
 */
export const PSEUDONYMOUS_READERS = [Role.ADMIN, Role.CASE_WORKER, Role.ANALYST, Role.AUDITOR, Role.GRANTOR];
/**
 * Row-level pseudonymous records are personal data (GDPR recital 26): only roles that need single
 * records get them (case workers for their work, auditors to check, administrators to support).
 * Analysts and the grantor get aggregates only (participantStatistics, indicatorReport).
 */
export const ROW_READERS = [Role.ADMIN, Role.CASE_WORKER, Role.AUDITOR];

/** §16a measures whose participation is itself a health fact (psychosocial care, addiction counselling). */
export const HEALTH_MEASURE_TYPES: readonly string[] = ['MUNICIPAL_PSYCHOSOCIAL_16A', 'MUNICIPAL_ADDICTION_COUNSELLING_16A'];

/**
 * An exit reason as a reader may see it: ILLNESS is a health fact (GDPR Art. 9) and reads as OTHER
 * for everyone but the project's case workers.
 */
export function visibleExitReason<T extends string | null | undefined>(user: AuthUser, projectId: string, reason: T): T {
  return (reason === 'ILLNESS' && !canReadIdentity(user, projectId) ? 'OTHER' : reason) as T;
}
export const PARTICIPANT_WRITERS = [Role.CASE_WORKER];
/** Who reads the clear-text identity and the health record: these roles held on the project itself. */
export const IDENTITY_READERS: readonly Role[] = [Role.CASE_WORKER];
/** Who reads restricted free text (override justification, correction reasons), on the project itself. */
export const JUSTIFICATION_READERS: readonly Role[] = [Role.CASE_WORKER, Role.AUDITOR];

const holdsOnProjectItself = (user: AuthUser, projectId: string, roles: readonly Role[]) =>
  user.grants.some((g) => roles.includes(g.role) && g.projectId === projectId);

export function canReadIdentity(user: AuthUser, projectId: string): boolean {
  return holdsOnProjectItself(user, projectId, IDENTITY_READERS);
}

export function canReadJustification(user: AuthUser, projectId: string): boolean {
  return holdsOnProjectItself(user, projectId, JUSTIFICATION_READERS);
}

/**
 * Loads a participant for an operation needing one of `roles` on its project (project populated).
 * Invisible participants are NOT_FOUND; visible ones the role does not allow are FORBIDDEN.
 */
export async function requireParticipant(
  em: EntityManager,
  access: AccessService,
  user: AuthUser,
  id: string,
  roles: readonly Role[],
  options: { lock?: boolean; field?: string } = {},
): Promise<Participant> {
  checkId(id, options.field ?? 'id');
  const participant = await em.findOne(Participant, { $and: [{ id }, access.ownedWhere(user, roles)] }, { populate: ['project'] });
  if (participant) {
    // Serialises concurrent changes of one participant (exit vs. enrolment, two exits).
    if (options.lock) await em.lock(participant, LockMode.PESSIMISTIC_WRITE);
    return participant;
  }
  const visible = await em.count(Participant, { $and: [{ id }, access.ownedWhere(user, ALL_ROLES)] });
  throw visible ? forbidden('Your role on this project does not allow this.') : ParticipantErrors.participantNotFound(id);
}
