import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { todayUtc } from '../common/dates/local-date.js';
import { checkId } from '../common/errors/app-error.js';
import { BudgetTotals } from './budget-totals.js';
import { toFiguresModel, toOverviewModel, toProjectSummaryModel, toSummaryFields } from './budget.mapper.js';
import { PLAN_READERS, PROGRAM_OVERVIEW_ROLES, TOTALS_CHECKERS } from './budget.access.js';
import { BudgetOverviewArgs, ProgramOverviewArgs } from './dto/budget.args.js';
import { BudgetOverviewModel, ProgramBudgetOverviewModel } from './models/budget-overview.model.js';
import { BudgetTotalsCheckModel } from './models/budget-totals-check.model.js';
import { computeOverview, sumFigures } from './overview.js';
import { loadOverviews } from './overview-data.js';
import { loadAggregates, loadProgramHeaders } from './program-overview-data.js';
import { ProjectSummaryCache } from './summary-cache.js';
import { summarizeAggregated } from './project-summary.js';
import { readSnapshot } from '../database/transactions.js';

/** Read side of the budget: overviews from maintained totals, and their consistency check. */
@Injectable()
export class BudgetOverviewService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly totals: BudgetTotals,
    private readonly cache: ProjectSummaryCache,
  ) {}

  async overview(user: AuthUser, args: BudgetOverviewArgs): Promise<BudgetOverviewModel> {
    const projectId = await this.access.requireProjectId(this.em, user, args.projectId, PLAN_READERS);
    const [loaded] = await loadOverviews(this.em, [projectId], args.asOf ?? todayUtc());
    return toOverviewModel(loaded, computeOverview(loaded.input));
  }

  /** Every project of the programme the user may see in this view, computed exactly as `overview` does. */
  async programOverview(user: AuthUser, args: ProgramOverviewArgs): Promise<ProgramBudgetOverviewModel> {
    const programId = checkId(args.programId, 'programId');
    const projectIds = await this.access.projectIdsOfProgram(this.em, user, programId, PROGRAM_OVERVIEW_ROLES);
    if (projectIds.length === 0) await this.explainEmpty(user, programId);
    const asOf = args.asOf ?? todayUtc();
    const summaries = await readSnapshot(this.em, async (tx) => {
      const headers = await loadProgramHeaders(tx, projectIds, asOf);
      // Looked up once: a concurrent request may replace an entry while this one queries.
      const cached = headers.map((h) => this.cache.get(h.project.id, h.cacheKey));
      const inputs = await loadAggregates(
        tx,
        headers.filter((_, i) => !cached[i]),
        asOf,
      );
      return headers.map((header, i) => {
        let fields = cached[i];
        if (!fields) {
          fields = toSummaryFields(summarizeAggregated(inputs.get(header.project.id)!));
          this.cache.set(header.project.id, header.cacheKey, fields);
        }
        return toProjectSummaryModel(header, fields);
      });
    });
    return { programId, asOf, projects: summaries, total: toFiguresModel(sumFigures(summaries.map((s) => s.total))) };
  }

  async checkTotals(user: AuthUser, projectId: string): Promise<BudgetTotalsCheckModel> {
    const project = await this.access.requireProject(this.em, user, projectId, TOTALS_CHECKERS);
    const differences = await this.totals.check(this.em, project.id);
    return {
      projectId: project.id,
      sources: this.totals.sourceNames(),
      consistent: differences.length === 0,
      differences: differences.map((d) => ({ ...d })),
    };
  }

  /** No visible project: an empty view for the programme's grantor, otherwise NOT_FOUND or FORBIDDEN. */
  private async explainEmpty(user: AuthUser, programId: string): Promise<void> {
    await this.access.requireProgram(this.em, user, programId, {
      roles: PROGRAM_OVERVIEW_ROLES,
      forbidden: 'Your role does not allow the programme overview.',
    });
  }
}
