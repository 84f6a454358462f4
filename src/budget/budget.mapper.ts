import type { CategoryRef, Figures, Overview } from './overview.js';
import type { LoadedOverview, RevisionHeader } from './overview-data.js';
import type { ProgramProjectHeader } from './program-overview-data.js';
import type { ProjectSummary } from './project-summary.js';
import {
  type BudgetFiguresModel,
  type BudgetOverviewModel,
  type BudgetSummaryFields,
  type ProjectBudgetSummaryModel,
} from './models/budget-overview.model.js';
import { type BudgetRevisionModel } from './models/budget-plan.model.js';
import { type CostCategoryModel } from './models/cost-category.model.js';
import { BudgetRevision } from './entities/budget-revision.entity.js';
import { type CostCategory } from './entities/cost-category.entity.js';

export function toCostCategoryModel(category: CostCategory | CategoryRef): CostCategoryModel {
  return { id: category.id, code: category.code, name: category.name, sortOrder: category.sortOrder };
}

export function toRevisionModel(revision: BudgetRevision | RevisionHeader): BudgetRevisionModel {
  const isEntity = revision instanceof BudgetRevision;
  return {
    id: revision.id,
    projectId: isEntity ? revision.project.id : revision.projectId,
    number: revision.number,
    reason: revision.reason,
    referenceNumber: revision.referenceNumber,
    referenceDate: revision.referenceDate,
    effectiveDate: revision.effectiveDate,
    authorId: isEntity ? (revision.author?.id ?? null) : revision.authorId,
    createdAt: revision.createdAt,
  };
}

/**
 * The answer's figures are the figures themselves (a category reference has the cost category's
 * fields): no copy, and the deviation percent stays computed only when the answer asks for it
 * (figures.ts).
 */
export function toFiguresModel(f: Figures): BudgetFiguresModel {
  return f;
}

export function toSummaryFields(summary: ProjectSummary): BudgetSummaryFields {
  return {
    total: toFiguresModel(summary.total),
    status: summary.status,
    burnRate: { ...summary.burnRate },
    forecast: { ...summary.forecast },
    lapsing: { ...summary.lapsing },
  };
}

export function toOverviewModel(loaded: LoadedOverview, overview: Overview): BudgetOverviewModel {
  return {
    ...toSummaryFields(overview),
    projectId: loaded.project.id,
    asOf: loaded.input.asOf,
    revision: loaded.revision ? toRevisionModel(loaded.revision) : null,
    financingType: loaded.input.financingType,
    lineOverrunPercent: loaded.input.lineOverrunPercent,
    years: overview.years.map((y) => ({
      fiscalYear: y.fiscalYear,
      instalment: y.instalment,
      lines: y.lines.map(toFiguresModel),
      total: toFiguresModel(y.total),
    })),
    categories: overview.categories.map(toFiguresModel),
  };
}

/** `fields` from toSummaryFields (the programme view caches them). */
export function toProjectSummaryModel(header: ProgramProjectHeader, fields: BudgetSummaryFields): ProjectBudgetSummaryModel {
  return {
    ...fields,
    projectId: header.project.id,
    fileNumber: header.project.fileNumber,
    title: header.project.title,
    grantee: header.project.grantee,
    revisionNumber: header.revisionNumber,
  };
}
