import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import { paginate } from '../common/pagination/paginate.js';
import { PaginationArgs } from '../common/pagination/pagination.args.js';
import { FundingProgram } from './entities/funding-program.entity.js';
import { Project } from './entities/project.entity.js';
import { CreateFundingProgramInput, ProgramRulesInput, UpdateFundingProgramInput } from './dto/program.inputs.js';
import { CreateProjectInput, UpdateProjectInput } from './dto/project.inputs.js';
import { FinancingType } from './programs.enums.js';
import { ProgramErrors } from './programs.errors.js';
import { checkTermsAgainstMoney, ProjectMoneyErrors, projectMoney } from './project-money.js';
import { programAuditValues, projectAuditValues, toFundingProgramModel, toProjectModel } from './programs.mapper.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

const PROGRAM_ORDER = ['code', 'id'] as const;
const PROJECT_ORDER = ['fileNumber', 'id'] as const;

/** Funding programmes and their projects: the rules of creating and changing them. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  /** Programmes in which the user holds any role (all of them for a global admin). */
  async listPrograms(user: AuthUser, args: PaginationArgs) {
    const where = await this.access.programWhere(this.em, user, ALL_ROLES);
    return paginate(this.em, FundingProgram, {
      where,
      key: PROGRAM_ORDER,
      args,
      maxPageSize: this.config.maxPageSize,
      toNode: toFundingProgramModel,
    });
  }

  async getProgram(user: AuthUser, id: string) {
    return toFundingProgramModel(await this.findProgram(this.em, user, id));
  }

  /** Only a global administrator creates programmes. */
  async createProgram(user: AuthUser, input: CreateFundingProgramInput) {
    if (!this.access.isGlobalAdmin(user)) {
      throw forbidden('Only a global administrator can create funding programmes.');
    }
    checkRules(input.rules);
    return joinTransaction(this.em, async (em) => {
      if (await em.count(FundingProgram, { code: input.code })) throw ProgramErrors.programCodeTaken(input.code);
      const program = em.create(FundingProgram, {
        code: input.code,
        name: input.name,
        legalBasis: input.legalBasis,
        grantor: input.grantor,
        ...input.rules,
      });
      await flushUnique(em, () => ProgramErrors.programCodeTaken(input.code));
      this.audit.record({ entity: 'FundingProgram', id: program.id, before: null, after: programAuditValues(program) });
      return toFundingProgramModel(program);
    });
  }

  async updateProgram(user: AuthUser, id: string, input: UpdateFundingProgramInput) {
    return joinTransaction(this.em, async (em) => {
      const program = await this.findProgram(em, user, id);
      this.requireProgramAdmin(user, program.id);
      const before = programAuditValues(program);
      const { rules, ...fields } = input;
      em.assign(program, stripUndefined({ ...fields, ...rules }));
      checkRules(program);
      await em.flush();
      this.audit.record({ entity: 'FundingProgram', id: program.id, before, after: programAuditValues(program) });
      return toFundingProgramModel(program);
    });
  }

  /** Projects the user holds any role on, optionally of one programme. */
  listProjects(user: AuthUser, programId: string | undefined, args: PaginationArgs) {
    const scope = this.access.projectWhere(user, ALL_ROLES);
    const where = programId ? { $and: [scope, { program: checkId(programId, 'programId') }] } : scope;
    return paginate(this.em, Project, { where, key: PROJECT_ORDER, args, maxPageSize: this.config.maxPageSize, toNode: toProjectModel });
  }

  async getProject(user: AuthUser, id: string) {
    return toProjectModel(await this.access.requireProject(this.em, user, id, ALL_ROLES, 'id'));
  }

  /** Programmes by id, for the loader behind Project.program (the project was already visible). */
  async programsByIds(ids: readonly string[]) {
    const programs = await this.em.find(FundingProgram, { id: { $in: [...ids] } });
    return programs.map(toFundingProgramModel);
  }

  /** The user's visible projects of the given programmes, for the per-request loader (one query for many parents). */
  async projectsByProgramIds(user: AuthUser, programIds: readonly string[]) {
    const where = { $and: [this.access.projectWhere(user, ALL_ROLES), { program: { $in: [...programIds] } }] };
    const projects = await this.em.find(Project, where, { orderBy: { fileNumber: 'asc', id: 'asc' } });
    return projects.map(toProjectModel);
  }

  /** A global administrator or an administrator of the programme creates its projects. */
  async createProject(user: AuthUser, input: CreateProjectInput) {
    return joinTransaction(this.em, async (em) => {
      const program = await this.findProgram(em, user, input.programId, 'programId');
      this.requireProgramAdmin(user, program.id);
      checkProject(input, program);
      if (await em.count(Project, { program, fileNumber: input.fileNumber })) throw ProgramErrors.fileNumberTaken(input.fileNumber);
      const { programId: _programId, ...terms } = input;
      const project = em.create(Project, { ...terms, program });
      await flushUnique(em, () => ProgramErrors.fileNumberTaken(input.fileNumber));
      this.audit.record({ entity: 'Project', id: project.id, projectId: project.id, before: null, after: projectAuditValues(project) });
      return toProjectModel(project);
    });
  }

  async updateProject(user: AuthUser, id: string, input: UpdateProjectInput) {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, id, ALL_ROLES, 'id');
      this.requireProgramAdmin(user, project.program.id);
      const program = await em.findOneOrFail(FundingProgram, project.program.id);
      const before = projectAuditValues(project);
      em.assign(project, stripUndefined(input));
      checkProject(project, program);
      if (input.approvedTotal !== undefined || input.approvalStart !== undefined || input.approvalEnd !== undefined) {
        // Locked, so no tranche or receipt slips in between the check and the commit.
        await em.execute('select id from project where id = ? for update', [project.id]);
        const money = await projectMoney(em, project.id);
        checkTermsAgainstMoney(money, project);
        if (money.planTotal && !money.planTotal.eq(project.approvedTotal))
          throw ProjectMoneyErrors.totalDiffersFromPlan(project.approvedTotal, money.planTotal);
      }
      if (input.fileNumber !== undefined) {
        const clash = await em.count(Project, { program, fileNumber: input.fileNumber, id: { $ne: id } });
        if (clash) throw ProgramErrors.fileNumberTaken(input.fileNumber);
      }
      await flushUnique(em, () => ProgramErrors.fileNumberTaken(project.fileNumber));
      this.audit.record({ entity: 'Project', id: project.id, projectId: project.id, before, after: projectAuditValues(project) });
      return toProjectModel(project);
    });
  }

  private requireProgramAdmin(user: AuthUser, programId: string): void {
    if (!this.access.holdsOnProgram(user, programId, [Role.ADMIN])) {
      throw forbidden('Only an administrator of this programme can do this.');
    }
  }

  /** A programme the user can see; NOT_FOUND otherwise (existence is not revealed). */
  private async findProgram(em: EntityManager, user: AuthUser, id: string, field = 'id') {
    const program = await this.access.requireProgram(em, user, id, { field });
    return program;
  }
}

interface ProjectTerms {
  approvalStart: string;
  approvalEnd: string;
  approvedTotal: Decimal;
  financingType: FinancingType;
  fundingRate: Decimal;
}

/** Cross-field rules of a project; single fields are checked by the scalars and the DTO. */
function checkProject(project: ProjectTerms, program: FundingProgram): void {
  if (project.approvalEnd <= project.approvalStart) throw ProgramErrors.periodEndsBeforeStart();
  if (project.approvedTotal.lte(0)) throw ProgramErrors.totalNotPositive();
  if (project.fundingRate.lte(0) || project.fundingRate.gt(100)) throw ProgramErrors.fundingRateOutOfRange();
  if (project.financingType === FinancingType.FULL && !project.fundingRate.eq(100)) throw ProgramErrors.fullFinancingNeeds100();
  if (!program.allowedFinancingTypes.includes(project.financingType)) throw ProgramErrors.financingTypeNotAllowed(project.financingType);
}

function checkRules(rules: Pick<ProgramRulesInput, 'lineOverrunPercent' | 'interimProofDueMonth' | 'interimProofDueDay'>): void {
  if (rules.lineOverrunPercent.lt(0) || rules.lineOverrunPercent.gt(100)) throw ProgramErrors.overrunPercentOutOfRange();
  // A leap year (2024) so that 29 February counts as a day that exists.
  const probe = new Date(Date.UTC(2024, rules.interimProofDueMonth - 1, rules.interimProofDueDay));
  if (probe.getUTCMonth() !== rules.interimProofDueMonth - 1) throw ProgramErrors.dueDayInvalid();
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
