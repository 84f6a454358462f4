import { Module } from '@nestjs/common';

import { BudgetModule } from '../budget/budget.module.js';
import { IncomeReads } from './income-reads.js';
import { BudgetFundingResolver, IncomeResolver } from './income.resolver.js';
import { IncomeService } from './income.service.js';
import { IncomeTotals } from './income-totals.js';

/** The income ledger (Einnahmen): append-only bookings, reversals, maintained totals, Soll/Ist per funding source. */
@Module({
  imports: [BudgetModule],
  providers: [IncomeService, IncomeReads, IncomeTotals, IncomeResolver, BudgetFundingResolver],
  exports: [IncomeTotals],
})
export class IncomeModule {}
