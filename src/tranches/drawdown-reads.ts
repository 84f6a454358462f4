import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { BudgetTotalsSource } from '../budget/budget-totals.js';
import { checkId } from '../common/errors/app-error.js';
import { todayUtc, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { DrawdownStatus } from './drawdown-lifecycle.js';
import { DrawdownArgs, DrawdownRoomArgs, DrawdownsArgs } from './dto/drawdown.args.js';
import { DrawdownApproval } from './entities/drawdown-approval.entity.js';
import { Drawdown } from './entities/drawdown.entity.js';
import { DrawdownModel, DrawdownRoomModel } from './models/drawdown.model.js';
import { MONEY_READERS } from './money-access.js';
import { instalmentOf, planLines } from '../budget/plan-in-force.js';
import { trancheUses } from './tranche-use.js';
import { toDrawdownModel } from './tranches.mapper.js';
import { CLAIMING_STATUSES, PAID_STATUSES } from './tranches.enums.js';
import { TrancheErrors } from './tranches.errors.js';

/** The drawn figures of the budget overview, recomputed from the raw drawdown rows (for BudgetTotals.check). */
export const drawnTotalsSource: BudgetTotalsSource = {
  name: 'drawdowns',
  async recompute(em, projectId) {
    const rows = await em.execute<{ fiscal_year: number; cost_category_id: string; drawn: string }[]>(
      `select d.fiscal_year, l.cost_category_id, sum(l.amount)::text as drawn
         from drawdown_line l join drawdown d on d.id = l.drawdown_id
        where d.project_id = ? and d.status in (?) group by d.fiscal_year, l.cost_category_id`,
      [projectId, PAID_STATUSES],
    );
    return rows.map((r) => ({
      fiscalYear: r.fiscal_year,
      costCategoryId: r.cost_category_id,
      field: 'drawn' as const,
      amount: new Decimal(r.drawn),
    }));
  },
};

/** Queries on drawdowns: lists with use and interest, one drawdown, and "what can I draw now". */
@Injectable()
export class DrawdownReads {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
  ) {}

  async list(user: AuthUser, args: DrawdownsArgs): Promise<DrawdownModel[]> {
    const em = this.em.fork({ keepTransactionContext: true });
    const project = await this.access.requireProject(em, user, args.projectId, MONEY_READERS);
    const where = args.fiscalYear ? { project, fiscalYear: args.fiscalYear } : { project };
    const drawdowns = await em.find(Drawdown, where, { populate: ['lines.costCategory'], orderBy: { fiscalYear: 'asc', number: 'asc' } });
    return this.toModels(em, project.id, project.program.id, drawdowns, args.asOf ?? todayUtc());
  }

  async byId(user: AuthUser, id: string, asOf: LocalDate = todayUtc()): Promise<DrawdownModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    checkId(id);
    const drawdown = await em.findOne(
      Drawdown,
      { $and: [{ id }, this.access.ownedWhere(user, MONEY_READERS)] },
      { populate: ['lines.costCategory'] },
    );
    if (!drawdown) throw TrancheErrors.drawdownNotFound(id);
    const project = await this.access.requireProject(em, user, drawdown.project.id, MONEY_READERS);
    const [model] = await this.toModels(em, project.id, project.program.id, [drawdown], asOf);
    return model;
  }

  one(user: AuthUser, args: DrawdownArgs) {
    return this.byId(user, args.id, args.asOf ?? todayUtc());
  }

  /** The year's instalment against what is claimed, overall and per cost category of the plan. */
  async room(user: AuthUser, args: DrawdownRoomArgs): Promise<DrawdownRoomModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    const project = await this.access.requireProject(em, user, args.projectId, MONEY_READERS);
    const [instalment, lines, byStatus, byCategory] = await Promise.all([
      instalmentOf(em, project.id, args.fiscalYear, todayUtc()),
      planLines(em, project.id, args.fiscalYear, todayUtc()),
      em.execute<{ status: string; amount: string }[]>(
        'select status, sum(amount)::text as amount from drawdown where project_id = ? and fiscal_year = ? and status in (?) group by status',
        [project.id, args.fiscalYear, CLAIMING_STATUSES],
      ),
      em.execute<{ cost_category_id: string; amount: string }[]>(
        `select l.cost_category_id, sum(l.amount)::text as amount from drawdown_line l join drawdown d on d.id = l.drawdown_id
          where d.project_id = ? and d.fiscal_year = ? and d.status in (?) group by l.cost_category_id`,
        [project.id, args.fiscalYear, CLAIMING_STATUSES],
      ),
    ]);
    const sumOf = (statuses: string[]) => byStatus.filter((r) => statuses.includes(r.status)).reduce((s, r) => s.plus(r.amount), ZERO);
    const requested = sumOf([DrawdownStatus.REQUESTED]);
    const approved = sumOf([DrawdownStatus.APPROVED]);
    const disbursed = sumOf(PAID_STATUSES);
    const yearInstalment = instalment ?? ZERO;
    const available = Decimal.max(yearInstalment.minus(requested).minus(approved).minus(disbursed), ZERO);
    const claimed = new Map(byCategory.map((r) => [r.cost_category_id, new Decimal(r.amount)]));
    return {
      fiscalYear: args.fiscalYear,
      instalment: yearInstalment,
      requested,
      approved,
      disbursed,
      available,
      categories: lines.map((l) => {
        const used = claimed.get(l.costCategoryId) ?? ZERO;
        return {
          costCategoryId: l.costCategoryId,
          costCategoryCode: l.code,
          costCategoryName: l.name,
          planned: l.planned,
          claimed: used,
          available: Decimal.max(Decimal.min(l.planned.minus(used), available), ZERO),
        };
      }),
    };
  }

  /** Approvals and use figures for a set of drawdowns of one project: a fixed number of statements. */
  private async toModels(
    em: EntityManager,
    projectId: string,
    programId: string,
    drawdowns: Drawdown[],
    asOf: LocalDate,
  ): Promise<DrawdownModel[]> {
    if (drawdowns.length === 0) return [];
    const program = await em.findOneOrFail(FundingProgram, programId);
    const [approvals, uses] = await Promise.all([
      em.find(DrawdownApproval, { drawdown: { $in: drawdowns.map((d) => d.id) } }, { populate: ['decidedBy'] }),
      trancheUses(em, projectId, program.drawdownHorizonDays, asOf),
    ]);
    const approvalOf = new Map(approvals.map((a) => [a.drawdown.id, a]));
    return drawdowns.map((d) => toDrawdownModel(d, approvalOf.get(d.id), d.kind === 'TRANCHE' ? uses.get(d.id) : undefined, asOf));
  }
}
