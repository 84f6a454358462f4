import { Module } from '@nestjs/common';

import { BudgetOverviewService } from './budget-overview.service.js';
import { BudgetTotals } from './budget-totals.js';
import { BudgetResolver } from './budget.resolver.js';
import { BudgetService } from './budget.service.js';
import { ProjectSummaryCache } from './summary-cache.js';

/** Financing plans, their revisions and the budget overviews. Exports BudgetTotals for the ledger. */
@Module({
  providers: [BudgetService, BudgetOverviewService, BudgetTotals, ProjectSummaryCache, BudgetResolver],
  exports: [BudgetTotals],
})
export class BudgetModule {}
