import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { addDays, type LocalDate } from '../common/dates/local-date.js';
import { badInput, isId } from '../common/errors/app-error.js';
import { checkPageSize, decodeCursor, toConnection } from '../common/pagination/keyset.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { Participation } from '../measures/entities/participation.entity.js';
import { observationSnapshot } from '../measures/measures.mapper.js';
import { recordExitObservation } from '../measures/observation-records.js';
import { inForceSql } from '../measures/observations.js';
import { Project } from '../programs/entities/project.entity.js';
import {
  EntryDataInput,
  ParticipantHealthInput,
  ParticipantIdentityInput,
  RegisterParticipantInput,
  UpdateIdentityInput,
} from './dto/register-participant.input.js';
import { ExitParticipantInput, ParticipantsArgs } from './dto/participant.inputs.js';
import { ageOn, checkEligibility } from './eligibility.js';
import { type HealthData, type IdentityData, ParticipantIdentity } from './entities/participant-identity.entity.js';
import { ParticipantRules } from './entities/participant-rules.entity.js';
import { Participant } from './entities/participant.entity.js';
import { IdentityVault } from './identity-vault.js';
import { overdueFor, recordedTimingsOf, retainUntilFor } from './lifecycle.js';
import { ParticipantIdentityModel, ParticipantHealthModel, ParticipantModel } from './models/participant.model.js';
import { OverdueItemModel, ParticipantStatisticsModel } from './models/participant-results.model.js';
import { canReadIdentity, PARTICIPANT_WRITERS, PSEUDONYMOUS_READERS, requireParticipant, ROW_READERS } from './participants.access.js';
import { ParticipantErrors } from './participants.errors.js';
import { participantSnapshot, toParticipantModel } from './participants.mapper.js';
import { ParticipantStatus } from './participants.enums.js';
import { participantPageRows } from './participant-rows.js';
import { newPseudonym } from './pseudonym.js';
import { loadStatisticsRows, tallyParticipants } from './statistics.js';
import { entryDataComplete } from './entry-data.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

const PARTICIPANT_ORDER = ['entryDate', 'id'] as const;
/** Registrations may be prepared ahead of the entry, but not arbitrarily far. */
const MAX_DAYS_AHEAD = 90;

/** Participants: registration with eligibility and duplicate check, entry data, exit, views. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly vault: IdentityVault,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Registers an eligible person (status ELIGIBLE). Failed eligibility rules refuse the
   * registration, all of them named, unless the case worker gives a written justification.
   * A person registered before who has left the project comes back as a new participation episode
   * (a new pseudonymous record linked to the previous one, which hands over the identity); a
   * person still taking part is a duplicate.
   */
  async register(user: AuthUser, input: RegisterParticipantInput, today: LocalDate): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, PARTICIPANT_WRITERS);
      const rules = await rulesOf(em, project);
      checkRegistration(input, project, today);
      const failed = checkEligibility(rules.eligibility, { ...input, dateOfBirth: input.identity.dateOfBirth });
      if (failed.length && !input.eligibilityOverride) throw ParticipantErrors.notEligible(failed);

      const hashes = this.hashesOf(input.identity);
      const previous = await this.previousEpisode(em, project.id, hashes, input.entryDate);
      const participant = em.create(Participant, {
        project,
        pseudonym: newPseudonym(),
        birthYear: Number(input.identity.dateOfBirth.slice(0, 4)),
        ageAtEntry: ageOn(input.identity.dateOfBirth, input.entryDate),
        episode: previous ? previous.episode + 1 : 1,
        previousEpisode: previous,
        gender: input.gender,
        entryDate: input.entryDate,
        track: input.track,
        livesAlone: input.livesAlone,
        childrenInHousehold: input.childrenInHousehold,
        receivesSgb2Benefits: input.receivesSgb2Benefits,
        ...entryFields(input.entryData),
        status: ParticipantStatus.ELIGIBLE,
        overriddenRules: failed.length ? failed.map((f) => f.code) : null,
        overrideJustification: failed.length ? input.eligibilityOverride!.justification : null,
        overrideBy: failed.length ? user.id : null,
        retainUntil: retainUntilFor(rules, null, project.approvalEnd),
      });
      participant.statisticsCipher = this.vault.sealStatistics(participant.id, { hasDisability: input.health?.hasDisability === true });
      // The identity moves to the newest episode (the unique hashes allow one row per person).
      if (previous) await em.nativeDelete(ParticipantIdentity, { participant: previous.id });
      em.create(ParticipantIdentity, {
        participant,
        project,
        identityCipher: this.vault.sealIdentity(participant.id, identityData(input.identity)),
        healthCipher: input.health ? this.vault.sealHealth(participant.id, healthData(input.health)) : null,
        ...hashes,
      });
      await flushIdentity(em);
      this.audit.record({
        entity: 'Participant',
        id: participant.id,
        projectId: project.id,
        before: null,
        after: participantSnapshot(participant),
      });
      this.audit.record({
        entity: 'ParticipantIdentity',
        id: participant.id,
        projectId: project.id,
        before: null,
        after: { identityState: 'recorded' },
      });
      if (previous)
        this.audit.record({
          entity: 'ParticipantIdentity',
          id: previous.id,
          projectId: project.id,
          before: { identityState: 'held' },
          after: { identityState: 'moved to the next episode', episodeId: participant.id },
        });
      return toParticipantModel(participant, project.program.id);
    });
  }

  /** Completes or corrects the entry data (labour status, education, benefits, consents). */
  async recordEntryData(user: AuthUser, id: string, input: EntryDataInput, today: LocalDate): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, id, PARTICIPANT_WRITERS, { lock: true });
      if (participant.identityErasedAt) throw ParticipantErrors.erased();
      checkConsents(input, today, '');
      const before = participantSnapshot(participant);
      em.assign(participant, Object.fromEntries(Object.entries(entryFields(input)).filter(([, v]) => v !== undefined)));
      await em.flush();
      this.audit.record({ entity: 'Participant', id, projectId: participant.project.id, before, after: participantSnapshot(participant) });
      return toParticipantModel(participant, participant.project.getEntity().program.id);
    });
  }

  /**
   * Replaces identity and health data (corrections, a new address). The registration's eligibility
   * decision stands; a changed date of birth updates the birth year and the age at entry.
   */
  async updateIdentity(user: AuthUser, id: string, input: UpdateIdentityInput): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, id, PARTICIPANT_WRITERS, { lock: true });
      if (participant.identityErasedAt) throw ParticipantErrors.erased();
      if (input.identity.dateOfBirth >= participant.entryDate) throw ParticipantErrors.bornAfterEntry();
      if (input.health?.disabilityDegree != null && input.health.disabilityDegree % 10 !== 0)
        throw ParticipantErrors.disabilityDegreeStep();
      const hashes = this.hashesOf(input.identity);
      await this.refuseDuplicate(em, participant.project.id, hashes, participant.id);
      const row = await em.findOne(ParticipantIdentity, { participant });
      if (!row) throw ParticipantErrors.identityWithLaterEpisode();
      const before = participantSnapshot(participant);
      em.assign(row, {
        identityCipher: this.vault.sealIdentity(participant.id, identityData(input.identity)),
        healthCipher: input.health ? this.vault.sealHealth(participant.id, healthData(input.health)) : null,
        ...hashes,
      });
      participant.statisticsCipher = this.vault.sealStatistics(participant.id, { hasDisability: input.health?.hasDisability === true });
      participant.birthYear = Number(input.identity.dateOfBirth.slice(0, 4));
      participant.ageAtEntry = ageOn(input.identity.dateOfBirth, participant.entryDate);
      await flushIdentity(em);
      const projectId = participant.project.id;
      this.audit.record({
        entity: 'ParticipantIdentity',
        id,
        projectId,
        before: { identityState: 'held' },
        after: { identityState: 'replaced' },
      });
      if (before.birthYear !== participant.birthYear || before.ageAtEntry !== participant.ageAtEntry)
        this.audit.record({ entity: 'Participant', id, projectId, before, after: participantSnapshot(participant) });
      return toParticipantModel(participant, participant.project.getEntity().program.id);
    });
  }

  /**
   * Records the exit from the project; open participations end on the same day for the same reason.
   * The exit cannot lie before the end of a participation that has already ended (what happened
   * in it happened before the exit). "Took up a job" / "started training" is an observation of the day.
   */
  async exit(user: AuthUser, id: string, input: ExitParticipantInput, today: LocalDate): Promise<ParticipantModel> {
    return joinTransaction(this.em, async (em) => {
      const participant = await requireParticipant(em, this.access, user, id, PARTICIPANT_WRITERS, { lock: true });
      if (participant.identityErasedAt) throw ParticipantErrors.erased();
      if (participant.exitDate) throw ParticipantErrors.alreadyExited();
      if (input.exitDate > today) throw ParticipantErrors.dateInFuture('exitDate');
      if (input.exitDate < participant.entryDate) throw ParticipantErrors.exitBeforeEntry();
      const project = participant.project.getEntity();
      const rules = await rulesOf(em, project);
      const participations = await em.find(Participation, { participant });
      const open = participations.filter((p) => !p.endDate);
      if (open.some((p) => p.startDate > input.exitDate)) throw ParticipantErrors.exitBeforeParticipation();
      const lastEnd = participations.reduce<LocalDate | null>((max, p) => (p.endDate && (!max || p.endDate > max) ? p.endDate : max), null);
      if (lastEnd && input.exitDate < lastEnd) throw ParticipantErrors.exitBeforeParticipationEnd(lastEnd);
      const before = participantSnapshot(participant);
      for (const participation of open) {
        em.assign(participation, { endDate: input.exitDate, exitReason: input.exitReason });
        this.audit.record({
          entity: 'Participation',
          id: participation.id,
          projectId: project.id,
          before: { endDate: null, exitReason: null },
          after: { endDate: input.exitDate, exitReason: input.exitReason },
        });
      }
      em.assign(participant, {
        exitDate: input.exitDate,
        exitReason: input.exitReason,
        status: ParticipantStatus.EXITED,
        retainUntil: retainUntilFor(rules, input.exitDate, project.approvalEnd),
      });
      await em.flush();
      this.audit.record({ entity: 'Participant', id, projectId: project.id, before, after: participantSnapshot(participant) });
      const observed = await recordExitObservation(em, participant, input.exitDate, input.exitReason, user.id);
      if (observed)
        this.audit.record({
          entity: 'LabourMarketObservation',
          id: observed.id,
          projectId: project.id,
          before: null,
          after: observationSnapshot(observed),
        });
      return toParticipantModel(participant, project.program.id);
    });
  }

  /** The page as plain rows (participant-rows.ts); who may list is decided here, before any row is read. */
  async list(user: AuthUser, args: ParticipantsArgs) {
    checkPageSize(args.first, this.config.maxPageSize);
    const projectId = await this.access.requireProjectId(this.em, user, args.projectId, ROW_READERS);
    const cursor = args.after ? (decodeCursor(args.after, PARTICIPANT_ORDER) as [string, string]) : undefined;
    if (
      cursor &&
      !(typeof cursor[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cursor[0]) && typeof cursor[1] === 'string' && isId(cursor[1]))
    ) {
      throw badInput('after', 'This cursor is not valid here; use the endCursor of the previous page.');
    }
    const { rows, totalCount } = await participantPageRows(this.em, projectId, args, cursor, args.first + 1);
    return toConnection(rows, args.first, totalCount, PARTICIPANT_ORDER, (row) => row);
  }

  async get(user: AuthUser, id: string): Promise<ParticipantModel> {
    const participant = await requireParticipant(this.em, this.access, user, id, ROW_READERS);
    return toParticipantModel(participant, participant.project.getEntity().program.id);
  }

  /**
   * Identity of many participants at once (one query), for the per-request loader. The caller has
   * checked canReadIdentity for each participant's project; erased identities come back as null.
   */
  async identitiesOf(participantIds: readonly string[]): Promise<Map<string, ParticipantIdentity>> {
    const rows = await this.em.find(ParticipantIdentity, { participant: { $in: [...participantIds] } });
    return new Map(rows.map((row) => [row.participant.id, row]));
  }

  /** Access is checked before anything is loaded, so no ciphertext is fetched for a reader who may not see it. */
  async readIdentity(
    user: AuthUser,
    participant: ParticipantModel,
    load: () => Promise<ParticipantIdentity | undefined>,
  ): Promise<ParticipantIdentityModel | null> {
    if (!canReadIdentity(user, participant.projectId)) throw ParticipantErrors.identityForbidden();
    const row = participant.identityErasedAt ? undefined : await load();
    return row ? this.vault.openIdentity(participant.id, row.identityCipher) : null;
  }

  async readHealth(
    user: AuthUser,
    participant: ParticipantModel,
    load: () => Promise<ParticipantIdentity | undefined>,
  ): Promise<ParticipantHealthModel | null> {
    if (!canReadIdentity(user, participant.projectId)) throw ParticipantErrors.identityForbidden();
    const row = participant.identityErasedAt ? undefined : await load();
    return row?.healthCipher ? this.vault.openHealth(participant.id, row.healthCipher) : null;
  }

  /** Entry data, exit data and follow-ups not recorded by their deadline on `asOf`. */
  async overdue(user: AuthUser, projectId: string, asOf: LocalDate): Promise<OverdueItemModel[]> {
    const project = await this.access.requireProject(this.em, user, projectId, ROW_READERS);
    const rules = await rulesOf(this.em, project);
    const candidates = await this.em.find(
      Participant,
      {
        project,
        identityErasedAt: null,
        $or: [
          { labourStatusAtEntry: null },
          { monthsOnBenefits: null },
          { educationLevel: null },
          { monitoringConsentOn: null },
          { exitDate: { $ne: null } },
        ],
      },
      { orderBy: { entryDate: 'asc', id: 'asc' } },
    );
    // A follow-up is recorded when a status in force was observed within its window.
    const statusDates = await this.em.getConnection().execute<{ participantId: string; observedOn: LocalDate }[]>(
      `select o.participant_id as "participantId", to_char(o.observed_on, 'YYYY-MM-DD') as "observedOn"
         from labour_market_observation o
        where o.project_id = ? and o.type <> 'BENEFIT_RECEIPT_ENDED' and ${inForceSql('o')}`,
      [project.id],
    );
    const datesOf = new Map<string, LocalDate[]>();
    for (const o of statusDates) datesOf.set(o.participantId, [...(datesOf.get(o.participantId) ?? []), o.observedOn]);
    return candidates.flatMap((p) =>
      overdueFor(
        {
          entryDate: p.entryDate,
          entryDataComplete: entryDataComplete(p),
          exitDate: p.exitDate ?? null,
          recordedTimings: p.exitDate ? recordedTimingsOf(p.exitDate, datesOf.get(p.id) ?? [], rules.exitDataDueDays) : new Set(),
        },
        rules,
        asOf,
      ).map((entry) => ({ ...entry, participant: toParticipantModel(p, project.program.id) })),
    );
  }

  /** Pseudonymous counts; small cells lose their count for everyone but the project's case workers. */
  async statistics(user: AuthUser, projectId: string): Promise<ParticipantStatisticsModel> {
    const project = await this.access.requireProject(this.em, user, projectId, PSEUDONYMOUS_READERS);
    const rules = await rulesOf(this.em, project);
    const rows = await loadStatisticsRows(this.em, project.id);
    return {
      total: rows.length,
      minCellSize: rules.minCellSize,
      cells: tallyParticipants(rows, rules.minCellSize, !canReadIdentity(user, project.id)),
    };
  }

  private hashesOf(identity: ParticipantIdentityInput) {
    return {
      nameDobHash: this.vault.hasher.nameAndBirthDate(identity.firstName, identity.lastName, identity.dateOfBirth),
      socialInsuranceHash: identity.socialInsuranceNumber ? this.vault.hasher.socialInsuranceNumber(identity.socialInsuranceNumber) : null,
    };
  }

  /**
   * The friendly check before the insert (the unique indexes decide races between concurrent
   * registrations): the same person registered in the project is a duplicate while she takes part,
   * and her previous episode (locked) when she has left and comes back after the exit.
   */
  private async previousEpisode(
    em: EntityManager,
    projectId: string,
    hashes: { nameDobHash: string; socialInsuranceHash: string | null },
    entryDate: LocalDate,
  ): Promise<Participant | null> {
    const or: object[] = [{ nameDobHash: hashes.nameDobHash }];
    if (hashes.socialInsuranceHash) or.push({ socialInsuranceHash: hashes.socialInsuranceHash });
    const rows = await em
      .createQueryBuilder(ParticipantIdentity)
      .select(['participant'])
      .where({ project: projectId, $or: or })
      .execute<{ participant: unknown }[]>('all', true);
    const ids = [...new Set(rows.map((r) => (typeof r.participant === 'string' ? r.participant : (r.participant as { id: string }).id)))];
    if (!ids.length) return null;
    const found = await em.find(Participant, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
    const person = found.length === 1 ? found[0] : null;
    if (!person || !person.exitDate) throw ParticipantErrors.duplicate(found.map((p) => p.pseudonym).join(', '));
    if (entryDate <= person.exitDate) throw ParticipantErrors.reEntryBeforeExit(person.pseudonym, person.exitDate);
    return person;
  }

  /** The friendly check before an identity change; the unique indexes decide races. */
  private async refuseDuplicate(
    em: EntityManager,
    projectId: string,
    hashes: { nameDobHash: string; socialInsuranceHash: string | null },
    self: string,
  ) {
    const or: object[] = [{ nameDobHash: hashes.nameDobHash }];
    if (hashes.socialInsuranceHash) or.push({ socialInsuranceHash: hashes.socialInsuranceHash });
    const existing = await em.findOne(
      ParticipantIdentity,
      { project: projectId, $or: or, participant: { $ne: self } },
      { populate: ['participant'] },
    );
    if (existing) throw ParticipantErrors.duplicate(existing.participant.getEntity().pseudonym);
  }
}

/** Flushes identity rows; a concurrent write of the same person's hashes surfaces as the duplicate error. */
const flushIdentity = (em: EntityManager) => flushUnique(em, () => ParticipantErrors.duplicate(null), /participant_identity_/);

/** The programme's participant rules; a project whose programme has none cannot register anyone. */
export async function rulesOf(em: EntityManager, project: Project): Promise<ParticipantRules> {
  const rules = await em.findOne(ParticipantRules, { program: project.program.id });
  if (!rules) throw ParticipantErrors.noRules();
  return rules;
}

function checkRegistration(input: RegisterParticipantInput, project: Project, today: LocalDate): void {
  if (input.entryDate < project.approvalStart || input.entryDate > project.approvalEnd) throw ParticipantErrors.entryOutsideProject();
  if (input.entryDate > addDays(today, MAX_DAYS_AHEAD)) throw ParticipantErrors.entryInFuture();
  if (input.identity.dateOfBirth >= input.entryDate) throw ParticipantErrors.bornAfterEntry();
  if (input.identity.dateOfBirth < '1900-01-01') throw ParticipantErrors.bornTooEarly();
  if (input.health?.disabilityDegree != null && input.health.disabilityDegree % 10 !== 0) throw ParticipantErrors.disabilityDegreeStep();
  if (input.entryData) checkConsents(input.entryData, today, 'entryData');
}

/** `prefix` is where the entry data sits in the mutation's input ('' when it is the input). */
function checkConsents(input: EntryDataInput, today: LocalDate, prefix: string): void {
  const field = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (input.monitoringConsentOn && input.monitoringConsentOn > today) throw ParticipantErrors.consentInFuture(field('monitoringConsentOn'));
  if (input.evaluationConsentOn && input.evaluationConsentOn > today) throw ParticipantErrors.consentInFuture(field('evaluationConsentOn'));
}

function entryFields(input: EntryDataInput | null | undefined) {
  return {
    labourStatusAtEntry: input?.labourStatusAtEntry,
    monthsOnBenefits: input?.monthsOnBenefits,
    educationLevel: input?.educationLevel,
    monitoringConsentOn: input?.monitoringConsentOn,
    evaluationConsentOn: input?.evaluationConsentOn,
  };
}

function identityData(input: ParticipantIdentityInput): IdentityData {
  return {
    firstName: input.firstName.trim(),
    lastName: input.lastName.trim(),
    dateOfBirth: input.dateOfBirth,
    address: input.address ?? null,
    socialInsuranceNumber: input.socialInsuranceNumber ?? null,
    benefitUnitNumber: input.benefitUnitNumber ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
  };
}

function healthData(input: ParticipantHealthInput): HealthData {
  return {
    hasDisability: input.hasDisability ?? null,
    disabilityDegree: input.disabilityDegree ?? null,
    healthRestrictions: input.healthRestrictions ?? null,
  };
}
