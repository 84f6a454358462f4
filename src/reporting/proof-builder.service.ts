import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import type { AuthUser } from '../auth/auth-user.js';
import { IndicatorReportService } from '../indicators/indicator-report.service.js';
import { rulesOf } from '../participants/participants.service.js';
import type { Project } from '../programs/entities/project.entity.js';
import { preflightProblems } from './preflight.js';
import { renderProofFiles, type ProofFileSet, setNeeds } from './proof-files.js';
import { ALL_SECTIONS, loaded, type PreflightProblem, type ProofData, type ProofSection } from './proof-data.js';
import { loadProofData, type ProofScope } from './proof-loader.js';
import { readSnapshot } from '../database/transactions.js';

/**
 * Builds a proof from the live data: figures, pre-flight problems, and every file. Reads in one
 * REPEATABLE READ snapshot so that all parts agree with each other. Nothing is kept between
 * requests: a request loads what its files need, and only that.
 */
@Injectable()
export class ProofBuilder {
  constructor(
    private readonly em: EntityManager,
    private readonly indicators: IndicatorReportService,
  ) {}

  /** The sections of the proof data in `needs` (all by default); the others stay undefined. */
  async data(
    user: AuthUser,
    project: Project,
    scope: ProofScope,
    needs: ReadonlySet<ProofSection> = new Set(ALL_SECTIONS),
  ): Promise<ProofData> {
    // The indicator module applies its own access and suppression rules for this user, and the as-of date.
    const indicatorReport = needs.has('indicators')
      ? await this.indicators.report(user, { projectId: project.id, period: { from: scope.periodFrom, to: scope.periodTo } }, scope.asOf)
      : null;
    // A fork: the proof is computed from committed data in a snapshot of its own, also when a
    // submission calls it inside its mutation (the frozen files are what was committed then).
    return readSnapshot(this.em.fork(), async (tx) => {
      const rules = await rulesOf(tx, project);
      const { data, uses } = await loadProofData(tx, scope, needs, indicatorReport, rules.minCellSize);
      if (!needs.has('problems')) return data;
      return { ...data, problems: await preflightProblems(tx, scope, loaded(data, 'planVsActual'), uses!, rules) };
    });
  }

  async problems(user: AuthUser, project: Project, scope: ProofScope): Promise<PreflightProblem[]> {
    return loaded(await this.data(user, project, scope, new Set(['problems'])), 'problems');
  }

  async files(user: AuthUser, project: Project, scope: ProofScope, aggregatedOnly: boolean): Promise<ProofFileSet> {
    return renderProofFiles(await this.data(user, project, scope, setNeeds(scope.kind, scope.fiscalYear, aggregatedOnly)), aggregatedOnly);
  }
}
