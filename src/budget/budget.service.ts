import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import { checkId } from '../common/errors/app-error.js';
import { sumMoney } from '../common/money/money.js';
import { Project } from '../programs/entities/project.entity.js';
import { projectAuditValues } from '../programs/programs.mapper.js';
import { checkTermsAgainstMoney, projectMoney } from '../programs/project-money.js';
import { BudgetErrors } from './budget.errors.js';
import { toCostCategoryModel, toRevisionModel } from './budget.mapper.js';
import { BudgetPlanArgs } from './dto/budget.args.js';
import { CreateBudgetPlanInput, PlanContentInput, ReviseBudgetPlanInput } from './dto/budget-plan.inputs.js';
import { CreateCostCategoryInput } from './dto/cost-category.input.js';
import { AnnualInstalment } from './entities/annual-instalment.entity.js';
import { BudgetLine } from './entities/budget-line.entity.js';
import { BudgetRevision } from './entities/budget-revision.entity.js';
import { CostCategory } from './entities/cost-category.entity.js';
import { FundingSource } from './entities/funding-source.entity.js';
import { BudgetPlanModel } from './models/budget-plan.model.js';
import { checkPlan, planFingerprint, type PlanContent } from './plan-rules.js';
import { recordPlanChanges } from './plan-audit.js';
import { joinTransaction } from '../database/transactions.js';
import { CATEGORY_ADMINS, PLAN_READERS, PLAN_WRITERS } from './budget.access.js';

/** FINANCE of the project (and ADMIN) keep the plan; these roles read it. */

/** A revision as stored, with the content in the form the rules and the API use. */
interface StoredPlan {
  revision: BudgetRevision;
  content: PlanContent;
  categories: Map<string, CostCategory>;
}

/** The financing plan: revision 0 and its amendments, the only way the plan changes. */
@Injectable()
export class BudgetService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async costCategories(user: AuthUser, programId: string) {
    await this.access.requireProgram(this.em, user, programId);
    const categories = await this.em.find(CostCategory, { program: programId }, { orderBy: { sortOrder: 'asc', code: 'asc' } });
    return categories.map(toCostCategoryModel);
  }

  /** An administrator of the programme (or a global one) adds a cost category; codes are unique per programme. */
  async createCostCategory(user: AuthUser, input: CreateCostCategoryInput) {
    return joinTransaction(this.em, async (em) => {
      await this.access.requireProgram(em, user, input.programId, {
        roles: CATEGORY_ADMINS,
        forbidden: 'Only an administrator of the programme can add cost categories.',
      });
      await em.execute('select id from funding_program where id = ? for update', [input.programId]);
      const existing = await em.find(CostCategory, { program: input.programId });
      if (existing.some((c) => c.code === input.code)) throw BudgetErrors.categoryCodeTaken(input.code);
      const sortOrder = input.sortOrder ?? Math.max(-1, ...existing.map((c) => c.sortOrder)) + 1;
      const category = em.create(CostCategory, { program: input.programId, code: input.code, name: input.name, sortOrder });
      await em.flush();
      this.audit.record({
        entity: 'CostCategory',
        id: category.id,
        before: null,
        after: { programId: input.programId, code: category.code, name: category.name, sortOrder },
      });
      return toCostCategoryModel(category);
    });
  }

  async revisions(user: AuthUser, projectId: string) {
    const project = await this.access.requireProject(this.em, user, projectId, PLAN_READERS);
    const revisions = await this.em.find(BudgetRevision, { project }, { orderBy: { number: 'asc' } });
    return revisions.map(toRevisionModel);
  }

  /** The plan of one revision: by number, in force on a date, or the latest; null when there is none. */
  async plan(user: AuthUser, args: BudgetPlanArgs): Promise<BudgetPlanModel | null> {
    if (args.revision !== undefined && args.revision !== null && args.asOf) throw BudgetErrors.revisionAndDate();
    const project = await this.access.requireProject(this.em, user, args.projectId, PLAN_READERS);
    let revision: BudgetRevision | null;
    if (args.revision !== undefined && args.revision !== null) {
      revision = await this.em.findOne(BudgetRevision, { project, number: args.revision });
      if (!revision) throw BudgetErrors.revisionNotFound(project.id, args.revision);
    } else {
      const where = args.asOf ? { project, effectiveDate: { $lte: args.asOf } } : { project };
      revision = await this.em.findOne(BudgetRevision, where, { orderBy: { number: 'desc' } });
    }
    return revision ? toPlanModel(await this.loadPlan(this.em, revision)) : null;
  }

  /** Revision 0: the original plan of the grant decision. Refused when the project has a plan already. */
  async createPlan(user: AuthUser, input: CreateBudgetPlanInput): Promise<BudgetPlanModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.lockProject(em, user, input.projectId);
      if (await this.latestRevision(em, project)) throw BudgetErrors.planExists();
      return this.writeRevision(em, user, project, null, input.reason ?? 'Ursprünglicher Finanzierungsplan', input);
    });
  }

  /**
   * A new revision based on `baseRevision`. The project row is locked first, so of two revisions
   * based on the same revision exactly one wins; the other sees a newer latest revision: CONFLICT.
   */
  async revisePlan(user: AuthUser, input: ReviseBudgetPlanInput): Promise<BudgetPlanModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.lockProject(em, user, input.projectId);
      const latest = await this.latestRevision(em, project);
      if (!latest) throw BudgetErrors.noPlan(project.id);
      if (latest.number !== input.baseRevision) throw BudgetErrors.staleRevision(input.baseRevision, latest.number);
      if (input.effectiveDate < latest.effectiveDate) throw BudgetErrors.effectiveBeforeBase(latest.effectiveDate);
      const base = await this.loadPlan(em, latest);
      const totalChanges = input.approvedTotal !== undefined && !input.approvedTotal.eq(project.approvedTotal);
      if (!totalChanges && planFingerprint(toContent(input)) === planFingerprint(base.content)) throw BudgetErrors.nothingChanged();
      // The revision may not leave the grant below the money already moved.
      const before = projectAuditValues(project);
      if (input.approvedTotal !== undefined) project.approvedTotal = input.approvedTotal;
      checkTermsAgainstMoney(await projectMoney(em, project.id), project, input.instalments);
      const plan = await this.writeRevision(em, user, project, base, input.reason, input);
      if (totalChanges)
        this.audit.record({ entity: 'Project', id: project.id, projectId: project.id, before, after: projectAuditValues(project) });
      return plan;
    });
  }

  /** Locks the project row first, so the grant terms read next are the latest and stay so until commit. */
  private async lockProject(em: EntityManager, user: AuthUser, projectId: string): Promise<Project> {
    await em.execute('select id from project where id = ? for update', [checkId(projectId, 'projectId')]);
    return this.access.requireProject(em, user, projectId, PLAN_WRITERS);
  }

  private latestRevision(em: EntityManager, project: Project) {
    return em.findOne(BudgetRevision, { project }, { orderBy: { number: 'desc' } });
  }

  private async writeRevision(
    em: EntityManager,
    user: AuthUser,
    project: Project,
    base: StoredPlan | null,
    reason: string,
    input: PlanContentInput,
  ): Promise<BudgetPlanModel> {
    const categories = await em.find(CostCategory, { program: project.program.id });
    const byCode = new Map(categories.map((c) => [c.code, c]));
    const content = toContent(input);
    checkPlan(content, {
      approvalStart: project.approvalStart,
      approvalEnd: project.approvalEnd,
      approvedTotal: project.approvedTotal,
      categoryCodes: new Set(byCode.keys()),
    });

    const revision = em.create(BudgetRevision, {
      project,
      number: base ? base.revision.number + 1 : 0,
      reason,
      referenceNumber: input.referenceNumber,
      referenceDate: input.referenceDate,
      effectiveDate: input.effectiveDate,
      author: em.getReference(AppUser, user.id),
    });
    const lines = content.lines.map((l) =>
      em.create(BudgetLine, { project, revision, costCategory: byCode.get(l.costCategory)!, fiscalYear: l.fiscalYear, planned: l.planned }),
    );
    const instalments = content.instalments.map((i) =>
      em.create(AnnualInstalment, { project, revision, fiscalYear: i.fiscalYear, amount: i.amount }),
    );
    const sources = content.fundingSources.map((s) =>
      em.create(FundingSource, { project, revision, kind: s.kind, fiscalYear: s.fiscalYear, amount: s.amount }),
    );
    await em.flush();

    const stored: StoredPlan = { revision, content, categories: new Map(categories.map((c) => [c.id, c])) };
    recordPlanChanges(this.audit, project.id, base, { ...stored, rows: { lines, instalments, sources } });
    return toPlanModel(stored);
  }

  private async loadPlan(em: EntityManager, revision: BudgetRevision): Promise<StoredPlan> {
    const [lines, instalments, sources] = await Promise.all([
      em.find(BudgetLine, { project: revision.project, revision }, { populate: ['costCategory'] }),
      em.find(AnnualInstalment, { project: revision.project, revision }),
      em.find(FundingSource, { project: revision.project, revision }),
    ]);
    const categories = new Map(lines.map((l) => [l.costCategory.id, l.costCategory.getEntity()]));
    return {
      revision,
      categories,
      content: {
        lines: lines.map((l) => ({ costCategory: l.costCategory.getEntity().code, fiscalYear: l.fiscalYear, planned: l.planned })),
        instalments: instalments.map((i) => ({ fiscalYear: i.fiscalYear, amount: i.amount })),
        fundingSources: sources.map((s) => ({ kind: s.kind, fiscalYear: s.fiscalYear, amount: s.amount })),
      },
    };
  }
}

function toContent(input: PlanContentInput): PlanContent {
  return {
    lines: input.lines.map((l) => ({ costCategory: l.costCategory, fiscalYear: l.fiscalYear, planned: l.planned })),
    instalments: input.instalments.map((i) => ({ fiscalYear: i.fiscalYear, amount: i.amount })),
    fundingSources: input.fundingSources.map((s) => ({ kind: s.kind, fiscalYear: s.fiscalYear, amount: s.amount })),
  };
}

function toPlanModel(plan: StoredPlan): BudgetPlanModel {
  const byCode = new Map([...plan.categories.values()].map((c) => [c.code, c]));
  const lines = plan.content.lines
    .map((l) => ({ costCategory: toCostCategoryModel(byCode.get(l.costCategory)!), fiscalYear: l.fiscalYear, planned: l.planned }))
    .sort((a, b) => a.fiscalYear - b.fiscalYear || a.costCategory.sortOrder - b.costCategory.sortOrder);
  const instalments = [...plan.content.instalments].sort((a, b) => a.fiscalYear - b.fiscalYear);
  const fundingSources = [...plan.content.fundingSources].sort((a, b) => a.fiscalYear - b.fiscalYear || a.kind.localeCompare(b.kind));
  return {
    projectId: plan.revision.project.id,
    revision: toRevisionModel(plan.revision),
    lines,
    instalments,
    fundingSources,
    plannedTotal: sumMoney(lines.map((l) => l.planned)),
    fundingTotal: sumMoney(fundingSources.map((s) => s.amount)),
    instalmentTotal: sumMoney(instalments.map((i) => i.amount)),
  };
}
