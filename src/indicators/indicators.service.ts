import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { checkId } from '../common/errors/app-error.js';
import { fiscalYearOf } from '../common/dates/local-date.js';
import { ParticipantRulesService } from '../participants/participant-rules.service.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import type { Project } from '../programs/entities/project.entity.js';
import { CreateIndicatorDefinitionInput, SetIndicatorSettingsInput, SetIndicatorTargetsInput } from './dto/indicator.inputs.js';
import { COMPUTED_RULES } from './counting-rules.js';
import { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { DEFAULT_SPECIAL_CATEGORY_MIN_CELL_SIZE, IndicatorSettings } from './entities/indicator-settings.entity.js';
import { IndicatorTarget, WHOLE_PERIOD } from './entities/indicator-target.entity.js';
import { INDICATOR_MANAGERS, INDICATOR_READERS } from './indicators.access.js';
import { ActualSource, IndicatorUnit } from './indicators.enums.js';
import { IndicatorErrors } from './indicators.errors.js';
import { targetSnapshot, toIndicatorDefinitionModel, toIndicatorTargetsModel } from './indicators.mapper.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/** The indicator catalogue of a programme, a programme's settings, and a project's targets. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly participantRules: ParticipantRulesService,
  ) {}

  /** The catalogue of a programme the user can see, in report order. */
  async catalogue(user: AuthUser, programId: string) {
    const program = await this.access.requireProgram(this.em, user, programId);
    const rows = await this.em.find(IndicatorDefinition, { program }, { orderBy: { sortOrder: 'asc', code: 'asc' } });
    return rows.map(toIndicatorDefinitionModel);
  }

  /** A global administrator or an administrator of the programme extends its catalogue. */
  async createDefinition(user: AuthUser, input: CreateIndicatorDefinitionInput) {
    checkDefinition(input);
    return joinTransaction(this.em, async (em) => {
      const program = await this.adminProgram(em, user, input.programId);
      if (await em.count(IndicatorDefinition, { program, code: input.code })) throw IndicatorErrors.codeTaken(input.code);
      const last = await em.findOne(IndicatorDefinition, { program }, { orderBy: { sortOrder: 'desc' } });
      const { programId: _programId, ...fields } = input;
      const definition = em.create(IndicatorDefinition, {
        ...fields,
        program,
        rule: input.rule ?? null,
        denominatorRule: input.denominatorRule ?? null,
        sortOrder: (last?.sortOrder ?? 0) + 1,
      });
      await flushUnique(em, () => IndicatorErrors.codeTaken(input.code));
      const model = toIndicatorDefinitionModel(definition);
      this.audit.record({ entity: 'IndicatorDefinition', id: definition.id, before: null, after: { ...model } });
      return model;
    });
  }

  private async adminProgram(em: EntityManager, user: AuthUser, programId: string): Promise<FundingProgram> {
    const program = await this.access.requireProgram(em, user, programId);
    if (!this.access.holdsOnProgram(user, program.id, [Role.ADMIN])) throw IndicatorErrors.notProgramAdmin();
    return program;
  }

  /**
   * A global administrator or an administrator of the programme sets its small-cell threshold. It
   * is kept in the participant rules (one threshold for every aggregate), so a programme needs them first.
   */
  async setSettings(user: AuthUser, input: SetIndicatorSettingsInput) {
    return joinTransaction(this.em, async (em) => {
      const program = await this.adminProgram(em, user, input.programId);
      const changed = await this.participantRules.setMinCellSize(em, program.id, input.minCellSize);
      if (!changed) throw IndicatorErrors.noParticipantRules();
      return { programId: program.id, minCellSize: input.minCellSize };
    });
  }

  async specialCategoryMinCellSize(em: EntityManager, programId: string): Promise<number> {
    const settings = await em.findOne(IndicatorSettings, { program: programId });
    return settings?.specialCategoryMinCellSize ?? DEFAULT_SPECIAL_CATEGORY_MIN_CELL_SIZE;
  }

  /** The programme's small-cell threshold, from its owner (the participant rules). */
  minCellSize(em: EntityManager, programId: string): Promise<number> {
    return this.participantRules.minCellSize(em, programId);
  }

  async targets(user: AuthUser, projectId: string) {
    const project = await this.access.requireProject(this.em, user, projectId, INDICATOR_READERS);
    const [definitions, rows] = await Promise.all([
      this.em.find(IndicatorDefinition, { program: project.program.id }, { orderBy: { sortOrder: 'asc', code: 'asc' } }),
      this.em.find(IndicatorTarget, { project }),
    ]);
    return definitions
      .filter((d) => rows.some((r) => r.indicator.id === d.id))
      .map((d) =>
        toIndicatorTargetsModel(
          project.id,
          d,
          rows.filter((r) => r.indicator.id === d.id),
        ),
      );
  }

  /** Replaces the whole target set of one indicator for one project (whole period and years). */
  async setTargets(user: AuthUser, input: SetIndicatorTargetsInput) {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, INDICATOR_MANAGERS);
      const indicator = await this.indicatorOf(em, project, input.indicatorId);
      checkTargets(input, indicator.unit, project);
      // Serialises concurrent edits of the same target set: the indicator row is the lock.
      await em.lock(indicator, LockMode.PESSIMISTIC_WRITE);
      const existing = await em.find(IndicatorTarget, { project, indicator });
      const before = existing.map(targetSnapshot);
      existing.forEach((row) => em.remove(row));
      await em.flush();
      const rows = [
        em.create(IndicatorTarget, {
          project,
          indicator,
          year: WHOLE_PERIOD,
          baseline: input.baseline ?? null,
          milestone: input.milestone ?? null,
          target: input.target,
        }),
        ...input.years.map((y) =>
          em.create(IndicatorTarget, { project, indicator, year: y.year, milestone: y.milestone ?? null, target: y.target }),
        ),
      ];
      await flushUnique(em, () => IndicatorErrors.duplicateYear(0));
      this.audit.record({
        entity: 'IndicatorTarget',
        id: indicator.id,
        projectId: project.id,
        before: { targets: before },
        after: { targets: rows.map(targetSnapshot) },
      });
      return toIndicatorTargetsModel(project.id, indicator, rows);
    });
  }

  /** An indicator of the project's programme (NOT_FOUND otherwise). */
  async indicatorOf(em: EntityManager, project: Project, indicatorId: string, field = 'indicatorId'): Promise<IndicatorDefinition> {
    checkId(indicatorId, field);
    const indicator = await em.findOne(IndicatorDefinition, { id: indicatorId });
    if (!indicator) throw IndicatorErrors.indicatorNotFound(indicatorId);
    if (indicator.program.id !== project.program.id) throw IndicatorErrors.indicatorOfOtherProgramme();
    return indicator;
  }
}

function checkDefinition(input: CreateIndicatorDefinitionInput): void {
  if (input.source === ActualSource.MANUAL) {
    if (input.rule) throw IndicatorErrors.ruleOnManual();
    if (input.denominatorRule) throw IndicatorErrors.denominatorNotPercent();
    return;
  }
  if (!input.rule) throw IndicatorErrors.ruleMissing();
  if (!COMPUTED_RULES[input.rule]) throw IndicatorErrors.unknownRule('rule', input.rule);
  if (input.unit === IndicatorUnit.PERCENT) {
    if (!input.denominatorRule) throw IndicatorErrors.denominatorMissing();
    if (!COMPUTED_RULES[input.denominatorRule]) throw IndicatorErrors.unknownRule('denominatorRule', input.denominatorRule);
  } else if (input.denominatorRule) throw IndicatorErrors.denominatorNotPercent();
}

function checkTargets(input: SetIndicatorTargetsInput, unit: IndicatorUnit, project: Project): void {
  const values: [string, Decimal | null | undefined][] = [
    ['baseline', input.baseline],
    ['milestone', input.milestone],
    ['target', input.target],
    ...input.years.flatMap((y, i): [string, Decimal | null | undefined][] => [
      [`years.${i}.milestone`, y.milestone],
      [`years.${i}.target`, y.target],
    ]),
  ];
  for (const [field, value] of values) {
    if (!value) continue;
    if (value.isNegative()) throw IndicatorErrors.targetNegative(field);
    if (unit === IndicatorUnit.PERCENT && value.gt(100)) throw IndicatorErrors.percentAbove100(field);
    if (unit === IndicatorUnit.PERSONS && !value.isInteger()) throw IndicatorErrors.wholePersons(field);
  }
  const seen = new Set<number>();
  for (const { year } of input.years) {
    if (seen.has(year)) throw IndicatorErrors.duplicateYear(year);
    seen.add(year);
    if (year < fiscalYearOf(project.approvalStart) || year > fiscalYearOf(project.approvalEnd))
      throw IndicatorErrors.yearOutsideProject(year);
  }
}
