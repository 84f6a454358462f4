import { type Participant } from './entities/participant.entity.js';
import { type ParticipantRules } from './entities/participant-rules.entity.js';
import { type ParticipantModel } from './models/participant.model.js';
import { type ParticipantRulesModel } from './models/participant-rules.model.js';
import { type EligibilityRuleKind } from './dto/participant-rules.input.js';

/**
 * The pseudonymous record, declared once: the API model and the audit snapshot both spread it, so a
 * field added here is returned and audited alike. Identity and health are not on this entity.
 */
function pseudonymousRecord(p: Participant) {
  return {
    pseudonym: p.pseudonym,
    birthYear: p.birthYear,
    gender: p.gender,
    entryDate: p.entryDate,
    episode: p.episode,
    previousEpisodeId: p.previousEpisode?.id ?? null,
    track: p.track,
    livesAlone: p.livesAlone,
    childrenInHousehold: p.childrenInHousehold,
    receivesSgb2Benefits: p.receivesSgb2Benefits,
    labourStatusAtEntry: p.labourStatusAtEntry ?? null,
    monthsOnBenefits: p.monthsOnBenefits ?? null,
    educationLevel: p.educationLevel ?? null,
    monitoringConsentOn: p.monitoringConsentOn ?? null,
    evaluationConsentOn: p.evaluationConsentOn ?? null,
    status: p.status,
    overrideJustification: p.overrideJustification ?? null,
    exitDate: p.exitDate ?? null,
    exitReason: p.exitReason ?? null,
    retainUntil: p.retainUntil,
    identityErasedAt: p.identityErasedAt ?? null,
    erasureReason: p.erasureReason ?? null,
  };
}

/** The participant's project must be loaded or its programme id known: identity access depends on it. */
export function toParticipantModel(p: Participant, programId: string): ParticipantModel {
  return {
    id: p.id,
    projectId: p.project.id,
    programId,
    ...pseudonymousRecord(p),
    eligibilityOverride: p.overriddenRules ? { overriddenRules: p.overriddenRules, overriddenBy: p.overrideBy ?? null } : null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** What the audit trail may hold about a participant: the pseudonymous record, with the age at entry and the overridden rules. */
export function participantSnapshot(p: Participant): Record<string, unknown> {
  return { ...pseudonymousRecord(p), ageAtEntry: p.ageAtEntry ?? null, overriddenRules: p.overriddenRules ?? null };
}

export function toParticipantRulesModel(rules: ParticipantRules): ParticipantRulesModel {
  return {
    programId: rules.program.id,
    eligibility: rules.eligibility.map((r) => ({
      code: r.code,
      kind: r.kind as EligibilityRuleKind,
      tracks: r.tracks ?? null,
      genders: r.kind === 'GENDER_IN' ? r.genders : null,
      minAge: r.kind === 'AGE_AT_ENTRY' ? r.min : null,
      maxAge: r.kind === 'AGE_AT_ENTRY' ? r.max : null,
    })),
    retentionMonthsAfterExit: rules.retentionMonthsAfterExit,
    entryDataDueDays: rules.entryDataDueDays,
    exitDataDueDays: rules.exitDataDueDays,
    minCellSize: rules.minCellSize,
  };
}
