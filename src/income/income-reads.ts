import type { FilterQuery } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { FundingSourceKind } from '../budget/budget.enums.js';
import type { BudgetOverviewModel } from '../budget/models/budget-overview.model.js';
import { checkId } from '../common/errors/app-error.js';
import { afterCursor, checkPageSize, decodeCursor, toConnection } from '../common/pagination/keyset.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { MONEY_READERS } from '../tranches/money-access.js';
import { IncomesArgs } from './dto/income.inputs.js';
import { Income } from './entities/income.entity.js';
import { fundingOverview, type SourceAmount } from './funding-figures.js';
import { IncomeErrors } from './income.errors.js';
import { toIncomeModel } from './income.mapper.js';
import { IncomeTotals } from './income-totals.js';
import type { BudgetFundingModel, IncomeModel, IncomeTotalsCheckModel } from './models/income.model.js';

const LEDGER_KEY = ['paymentDate', 'id'] as const;

/** Queries on the income ledger: pages, single rows, the totals check and the Einnahmen of the budget overview. */
@Injectable()
export class IncomeReads {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly totals: IncomeTotals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, args: IncomesArgs) {
    const em = this.em.fork({ keepTransactionContext: true });
    checkPageSize(args.first, this.config.maxPageSize);
    const projectId = await this.access.requireProjectId(em, user, args.projectId, MONEY_READERS);
    const and: FilterQuery<Income>[] = [{ project: projectId }];
    if (args.fiscalYear) and.push({ fiscalYear: args.fiscalYear });
    if (args.fundingSource) and.push({ fundingSource: args.fundingSource });
    if (args.type) and.push({ type: args.type });
    if (args.kind) and.push({ kind: args.kind });
    const where = { $and: and };
    const pageWhere = args.after ? { $and: [where, afterCursor(decodeCursor(args.after, LEDGER_KEY), LEDGER_KEY)] } : where;
    const [rows, totalCount] = await Promise.all([
      em.find(Income, pageWhere as FilterQuery<Income>, {
        populate: ['costCategory'],
        orderBy: { paymentDate: 'asc', id: 'asc' },
        limit: args.first + 1,
      }),
      em.count(Income, where),
    ]);
    const reversedBy = await this.reversalsOf(
      em,
      rows.slice(0, args.first).map((r) => r.id),
    );
    return toConnection(rows, args.first, totalCount, LEDGER_KEY, (row) => toIncomeModel(row, reversedBy.get(row.id) ?? null));
  }

  async byId(user: AuthUser, id: string): Promise<IncomeModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    checkId(id);
    const row = await em.findOne(Income, { $and: [{ id }, this.access.ownedWhere(user, MONEY_READERS)] }, { populate: ['costCategory'] });
    if (!row) throw IncomeErrors.notFound(id);
    const reversedBy = await this.reversalsOf(em, [row.id]);
    return toIncomeModel(row, reversedBy.get(row.id) ?? null);
  }

  async checkTotals(
    user: AuthUser,
    projectId: string,
    roles: Parameters<AccessService['requireProjectId']>[3],
  ): Promise<IncomeTotalsCheckModel> {
    const id = await this.access.requireProjectId(this.em, user, projectId, roles);
    const differences = await this.totals.check(this.em, id);
    return { projectId: id, consistent: differences.length === 0, differences };
  }

  /**
   * Einnahmen of a budget overview (already access-checked): the sources of its revision in force
   * against the actuals as booked now, like the overview's own figures. The federal grant's actual
   * is the overview's drawn figure (payouts net of repayments); the others come from income_total.
   */
  async fundingOf(overview: BudgetOverviewModel): Promise<BudgetFundingModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    const [planned, received] = await Promise.all([
      overview.revision
        ? em.execute<{ fiscal_year: number; kind: FundingSourceKind; amount: string }[]>(
            'select fiscal_year, kind, amount::text as amount from funding_source where project_id = ? and revision_id = ?',
            [overview.projectId, overview.revision.id],
          )
        : Promise.resolve([]),
      this.totals.received(em, [overview.projectId]),
    ]);
    const actual: SourceAmount[] = [
      ...overview.years.map((y) => ({ fiscalYear: y.fiscalYear, kind: FundingSourceKind.FEDERAL_GRANT, amount: y.total.drawn })),
      ...received.map((r) => ({ fiscalYear: r.fiscalYear, kind: r.fundingSource, amount: r.received })),
    ];
    return fundingOverview(
      overview.years.map((y) => y.fiscalYear),
      planned.map((p) => ({ fiscalYear: Number(p.fiscal_year), kind: p.kind, amount: new Decimal(p.amount) })),
      actual,
    );
  }

  private async reversalsOf(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const reversals = await em.find(Income, { reversalOf: { $in: ids } }, { fields: ['id', 'reversalOf'] });
    return new Map(reversals.map((r) => [r.reversalOf!.id, r.id]));
  }
}
