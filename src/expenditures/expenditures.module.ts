import { Module } from '@nestjs/common';

import { BudgetModule } from '../budget/budget.module.js';
import { ExpendituresResolver } from './expenditures.resolver.js';
import { ExpendituresService } from './expenditures.service.js';
import { LedgerReads } from './ledger-reads.js';

/** The receipt ledger (Belegliste): append-only bookings, reversals, statuses. */
@Module({
  imports: [BudgetModule],
  providers: [ExpendituresService, LedgerReads, ExpendituresResolver],
  // The imports module books through the same service (openBatch).
  exports: [ExpendituresService],
})
export class ExpendituresModule {}
