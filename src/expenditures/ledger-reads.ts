import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { BudgetTotalsSource } from '../budget/budget-totals.js';
import { badInput, checkId, isId } from '../common/errors/app-error.js';
import { checkPageSize, decodeCursor, toConnection } from '../common/pagination/keyset.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { MONEY_READERS } from '../tranches/money-access.js';
import { LedgerArgs } from './dto/ledger.args.js';
import { Expenditure } from './entities/expenditure.entity.js';
import { toExpenditureModel } from './expenditures.mapper.js';
import { ExpenditureErrors } from './expenditures.errors.js';
import { ledgerPageRows } from './ledger-rows.js';
import { ExpenditureModel } from './models/expenditure.model.js';
import { countsSql } from './counting-filter.js';

/** Ledger order: payment date (ANBest-P: it orders the receipt list), then id as the tie-breaker. */
const LEDGER_KEY = ['paymentDate', 'id'] as const;

/** The spent figures of the budget overview, recomputed from the raw ledger rows (for BudgetTotals.check). */
export const spentTotalsSource: BudgetTotalsSource = {
  name: 'expenditures',
  async recompute(em, projectId) {
    const rows = await em.execute<{ fiscal_year: number; cost_category_id: string; spent: string }[]>(
      `select e.fiscal_year, e.cost_category_id, sum(e.eligible_amount)::text as spent
         from expenditure e
        where e.project_id = ? and ${countsSql('e')} group by e.fiscal_year, e.cost_category_id`,
      [projectId],
    );
    return rows.map((r) => ({
      fiscalYear: r.fiscal_year,
      costCategoryId: r.cost_category_id,
      field: 'spent' as const,
      amount: new Decimal(r.spent),
    }));
  },
};

/** Queries on the receipt ledger: filtered, cursor-paginated lists and single rows. */
@Injectable()
export class LedgerReads {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, args: LedgerArgs) {
    const em = this.em.fork({ keepTransactionContext: true });
    checkPageSize(args.first, this.config.maxPageSize);
    const projectId = await this.access.requireProjectId(em, user, args.projectId, MONEY_READERS);
    const cursor = args.after ? (decodeCursor(args.after, LEDGER_KEY) as [string, string]) : undefined;
    if (
      cursor &&
      !(typeof cursor[0] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(cursor[0]) && typeof cursor[1] === 'string' && isId(cursor[1]))
    )
      throw badInput('after', 'This cursor is not valid here; use the endCursor of the previous page.');
    const { rows, totalCount } = await ledgerPageRows(em, projectId, args, cursor, args.first + 1);
    return toConnection(rows, args.first, totalCount, LEDGER_KEY, (row) => row);
  }

  async byId(user: AuthUser, id: string): Promise<ExpenditureModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    checkId(id);
    const row = await em.findOne(
      Expenditure,
      { $and: [{ id }, this.access.ownedWhere(user, MONEY_READERS)] },
      { populate: ['state', 'costCategory'] },
    );
    if (!row) throw ExpenditureErrors.notFound(id);
    const reversedBy = await this.reversalsOf(em, [row.id]);
    return toExpenditureModel(row, reversedBy.get(row.id) ?? null);
  }

  /** Which of these rows are reversed, and by which reversal (one statement for a page). */
  private async reversalsOf(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const reversals = await em.find(Expenditure, { reversalOf: { $in: ids } }, { fields: ['id', 'reversalOf'] });
    return new Map(reversals.map((r) => [r.reversalOf!.id, r.id]));
  }
}
