import { Module } from '@nestjs/common';

import { BudgetModule } from '../budget/budget.module.js';
import { DrawdownReads } from './drawdown-reads.js';
import { DrawdownsService } from './drawdowns.service.js';
import { TranchesResolver } from './tranches.resolver.js';

/** Drawdowns (Mittelabrufe): requests, four-eyes approvals, payouts, repayments, use and interest. */
@Module({
  imports: [BudgetModule],
  providers: [DrawdownsService, DrawdownReads, TranchesResolver],
})
export class TranchesModule {}
