import { IsolationLevel } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import type { AuthUser } from '../auth/auth-user.js';
import { IndicatorReportService } from '../indicators/indicator-report.service.js';
import { rulesOf } from '../participants/participants.service.js';
import type { Project } from '../programs/entities/project.entity.js';
import type { ChartYear } from './pdf/spending-chart.js';
import { preflightProblems } from './preflight.js';
import { renderProofFiles, type ProofFileSet } from './proof-files.js';
import type { ProofData, PreflightProblem } from './proof-data.js';
import { loadProofData, type ProofScope } from './proof-loader.js';

/**
 * Builds a proof from the live data: figures, pre-flight problems, and every file. Reads in one
 * REPEATABLE READ snapshot so that all parts agree with each other.
 */
@Injectable()
export class ProofBuilder {
  constructor(
    private readonly em: EntityManager,
    private readonly indicators: IndicatorReportService,
  ) {}

  async data(user: AuthUser, project: Project, scope: ProofScope): Promise<{ data: ProofData; chart: ChartYear[] }> {
    // The indicator module applies its own access and suppression rules for this user.
    const indicatorReport = await this.indicators.report(user, { projectId: project.id, period: { from: scope.periodFrom, to: scope.periodTo } });
    return this.em.fork().transactional(
      async (tx) => {
        const rules = await rulesOf(tx, project);
        const { data, chart, uses } = await loadProofData(tx, scope, indicatorReport, rules.minCellSize);
        const problems = await preflightProblems(tx, scope, data.planVsActual, uses, rules);
        return { data: { ...data, problems }, chart };
      },
      { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
    );
  }

  async problems(user: AuthUser, project: Project, scope: ProofScope): Promise<PreflightProblem[]> {
    return (await this.data(user, project, scope)).data.problems;
  }

  async files(user: AuthUser, project: Project, scope: ProofScope, aggregatedOnly: boolean): Promise<ProofFileSet> {
    const { data, chart } = await this.data(user, project, scope);
    return renderProofFiles(data, chart, aggregatedOnly);
  }
}
