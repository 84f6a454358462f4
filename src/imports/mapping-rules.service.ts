import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { todayUtc } from '../common/dates/local-date.js';
import { AccessService } from '../auth/access.service.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AuditTrail } from '../audit/audit-trail.js';
import type { Project } from '../programs/entities/project.entity.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { planLines } from '../budget/plan-in-force.js';
import { type CreateImportProfileInput, type SetMappingRulesInput, validateRuleInputs } from './dto/imports.inputs.js';
import { badInput } from '../common/errors/app-error.js';
import { ImportProfile } from './entities/import-profile.entity.js';
import { MappingRuleSet } from './entities/mapping-rule-set.entity.js';
import { MappingAction } from './imports.enums.js';
import { ImportErrors } from './imports.errors.js';
import type { MappingRule } from './mapping-rules.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/** Import profiles (how a source writes its CSV) and the versioned mapping rules of a project. */
@Injectable()
export class MappingRulesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  latest(em: EntityManager, projectId: string): Promise<MappingRuleSet | null> {
    return em.findOne(MappingRuleSet, { project: projectId }, { orderBy: { version: 'desc' } });
  }

  /** Cost category id by code, over every fiscal year of the project's plan in force. */
  async categoryIdsByCode(em: EntityManager, project: Project): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const first = Number(project.approvalStart.slice(0, 4));
    const last = Number(project.approvalEnd.slice(0, 4));
    for (let year = first; year <= last; year++)
      for (const line of await planLines(em, project.id, year, todayUtc())) result.set(line.code, line.costCategoryId);
    return result;
  }

  async rules(user: AuthUser, projectId: string, version?: number | null): Promise<MappingRuleSet | null> {
    const em = this.em.fork({ keepTransactionContext: true });
    const id = await this.access.requireProjectId(em, user, projectId, MONEY_READERS);
    return version ? em.findOne(MappingRuleSet, { project: id, version }) : this.latest(em, id);
  }

  /** A new version of the whole rule set; `baseVersion` must be the latest (else CONFLICT, as budget revisions). */
  setRules(user: AuthUser, input: SetMappingRulesInput): Promise<MappingRuleSet> {
    return joinTransaction(this.em, (em) => this.setRulesIn(em, user, input));
  }

  private async setRulesIn(em: EntityManager, user: AuthUser, input: SetMappingRulesInput): Promise<MappingRuleSet> {
    const project = await this.access.requireProject(em, user, input.projectId, MONEY_WRITERS);
    const [invalid] = validateRuleInputs(input.rules);
    if (invalid)
      throw badInput(invalid.field, `Please check ${invalid.field}: ${invalid.message}.`, { problems: validateRuleInputs(input.rules) });
    const current = (await this.latest(em, project.id))?.version ?? 0;
    if (current !== (input.baseVersion ?? 0)) throw ImportErrors.rulesChanged(current, input.baseVersion ?? null);
    const categories = await this.categoryIdsByCode(em, project);
    const rules: MappingRule[] = input.rules.map((rule, i) => {
      if (rule.action === MappingAction.BOOK && !rule.costCategoryCode) throw ImportErrors.bookNeedsCategory(i);
      if (rule.action === MappingAction.IGNORE && rule.costCategoryCode) throw ImportErrors.ignoreHasCategory(i);
      if (rule.costCategoryCode && !categories.has(rule.costCategoryCode)) throw ImportErrors.unknownCategory(i, rule.costCategoryCode);
      return {
        description: rule.description?.trim() || null,
        format: rule.format ?? null,
        account: rule.account?.trim() || null,
        contraAccount: rule.contraAccount?.trim() || null,
        costCentre: rule.costCentre?.trim() || null,
        textContains: rule.textContains?.trim() || null,
        action: rule.action,
        costCategoryCode: rule.costCategoryCode ?? null,
        measureId: rule.measureId ?? null,
      };
    });
    const set = em.create(MappingRuleSet, {
      project,
      version: current + 1,
      rules,
      note: input.note?.trim() || null,
      createdBy: em.getReference(AppUser, user.id),
    });
    await flushUnique(em, () => ImportErrors.rulesChanged(current + 1, input.baseVersion ?? null));
    this.audit.record({
      entity: 'MappingRuleSet',
      id: set.id,
      projectId: project.id,
      before: null,
      after: { version: set.version, rules, note: set.note },
    });
    return set;
  }

  async profiles(user: AuthUser, projectId: string): Promise<ImportProfile[]> {
    const em = this.em.fork({ keepTransactionContext: true });
    const id = await this.access.requireProjectId(em, user, projectId, MONEY_READERS);
    return em.find(ImportProfile, { project: id }, { orderBy: { name: 'asc' } });
  }

  createProfile(user: AuthUser, input: CreateImportProfileInput): Promise<ImportProfile> {
    return joinTransaction(this.em, (em) => this.createProfileIn(em, user, input));
  }

  private async createProfileIn(em: EntityManager, user: AuthUser, input: CreateImportProfileInput): Promise<ImportProfile> {
    const project = await this.access.requireProject(em, user, input.projectId, MONEY_WRITERS);
    if (!input.columns.amount?.trim()) throw ImportErrors.noAmountColumn();
    const columns = Object.fromEntries(
      Object.entries(input.columns)
        .filter(([, header]) => typeof header === 'string' && header.trim())
        .map(([field, header]) => [field, (header as string).trim()]),
    );
    const profile = em.create(ImportProfile, {
      project,
      name: input.name.trim(),
      delimiter: input.delimiter,
      encoding: input.encoding,
      decimalSeparator: input.decimalSeparator,
      thousandsSeparator: input.thousandsSeparator ?? '',
      dateFormat: input.dateFormat,
      columns: columns as unknown as ImportProfile['columns'],
      createdBy: em.getReference(AppUser, user.id),
    });
    await flushUnique(em, () => ImportErrors.profileNameTaken(profile.name));
    this.audit.record({
      entity: 'ImportProfile',
      id: profile.id,
      projectId: project.id,
      before: null,
      after: {
        name: profile.name,
        delimiter: profile.delimiter,
        encoding: profile.encoding,
        decimalSeparator: profile.decimalSeparator,
        thousandsSeparator: profile.thousandsSeparator,
        dateFormat: profile.dateFormat,
        columns,
      },
    });
    return profile;
  }
}
