import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { EligibilityRuleInput, ParticipantRulesInput } from './dto/participant-rules.input.js';
import type { EligibilityRule } from './eligibility.js';
import { DEFAULT_MIN_CELL_SIZE, ParticipantRules } from './entities/participant-rules.entity.js';
import { ParticipantRulesModel } from './models/participant-rules.model.js';
import { ParticipantErrors } from './participants.errors.js';
import { toParticipantRulesModel } from './participants.mapper.js';
import { joinTransaction } from '../database/transactions.js';

/** A programme's participant rules (eligibility, retention, deadlines), kept as data. */
@Injectable()
export class ParticipantRulesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async get(user: AuthUser, programId: string): Promise<ParticipantRulesModel | null> {
    await this.access.requireProgram(this.em, user, programId);
    const rules = await this.em.findOne(ParticipantRules, { program: programId });
    return rules ? toParticipantRulesModel(rules) : null;
  }

  /** The programme's small-cell threshold (the default while it has no participant rules). */
  async minCellSize(em: EntityManager, programId: string): Promise<number> {
    const rules = await em.findOne(ParticipantRules, { program: programId }, { fields: ['minCellSize'] });
    return rules?.minCellSize ?? DEFAULT_MIN_CELL_SIZE;
  }

  /**
   * Sets only the small-cell threshold, in the caller's transaction (the indicator settings offer it
   * too). The caller has checked that the user administers the programme.
   */
  async setMinCellSize(em: EntityManager, programId: string, minCellSize: number): Promise<{ id: string; before: number } | null> {
    const rules = await em.findOne(ParticipantRules, { program: programId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!rules) return null;
    const before = rules.minCellSize;
    rules.minCellSize = minCellSize;
    await em.flush();
    this.audit.record({ entity: 'ParticipantRules', id: rules.id, before: { minCellSize: before }, after: { programId, minCellSize } });
    return { id: rules.id, before };
  }

  /** Only an administrator of the programme (or a global one) sets them; replaces the whole rule set. */
  async set(user: AuthUser, input: ParticipantRulesInput): Promise<ParticipantRulesModel> {
    const eligibility = input.eligibility.map(toRule);
    return joinTransaction(this.em, async (em) => {
      const program = await this.access.requireProgram(em, user, input.programId);
      if (!this.access.holdsOnProgram(user, program.id, [Role.ADMIN])) throw ParticipantErrors.rulesForbidden();
      const existing = await em.findOne(ParticipantRules, { program });
      const before = existing ? toParticipantRulesModel(existing) : null;
      const values = {
        eligibility,
        retentionMonthsAfterExit: input.retentionMonthsAfterExit,
        entryDataDueDays: input.entryDataDueDays,
        exitDataDueDays: input.exitDataDueDays,
        minCellSize: input.minCellSize,
      };
      const rules = existing ? em.assign(existing, values) : em.create(ParticipantRules, { program, ...values });
      await em.flush();
      const after = toParticipantRulesModel(rules);
      this.audit.record({ entity: 'ParticipantRules', id: rules.id, before: before as never, after: after as never });
      return after;
    });
  }
}

function toRule(input: EligibilityRuleInput, index: number, all: EligibilityRuleInput[]): EligibilityRule {
  // The validation pipe does not descend into lists of inputs; GraphQL has already checked enums and Ints.
  if (!/^[A-Z][A-Z0-9_]{1,39}$/.test(input.code))
    throw ParticipantErrors.ruleInvalid(index, 'A rule code must be 2–40 capitals, digits or underscores.');
  if (all.findIndex((r) => r.code === input.code) !== index)
    throw ParticipantErrors.ruleInvalid(index, `The rule code ${input.code} is used twice.`);
  const base = { code: input.code, ...(input.tracks?.length ? { tracks: input.tracks } : {}) };
  switch (input.kind) {
    case 'GENDER_IN':
      if (!input.genders?.length) throw ParticipantErrors.ruleInvalid(index, `Rule ${input.code}: GENDER_IN needs at least one gender.`);
      return { ...base, kind: 'GENDER_IN', genders: input.genders };
    case 'AGE_AT_ENTRY':
      if (input.minAge == null || input.maxAge == null || input.minAge < 0 || input.maxAge > 120 || input.minAge > input.maxAge) {
        throw ParticipantErrors.ruleInvalid(index, `Rule ${input.code}: AGE_AT_ENTRY needs minAge and maxAge with minAge ≤ maxAge.`);
      }
      return { ...base, kind: 'AGE_AT_ENTRY', min: input.minAge, max: input.maxAge };
    case 'LIVES_ALONE':
      return { ...base, kind: 'LIVES_ALONE' };
    case 'RECEIVES_SGB2_BENEFITS':
      return { ...base, kind: 'RECEIVES_SGB2_BENEFITS' };
    default:
      throw ParticipantErrors.ruleInvalid(index, `Unknown rule kind ${String(input.kind satisfies never)}.`);
  }
}
