import { Module } from '@nestjs/common';

import { IncomeModule } from '../income/income.module.js';
import { SettlementResolver } from './settlement.resolver.js';
import { SettlementService } from './settlement.service.js';

/** The settlement (Schlussabrechnung) by financing type, its what-if and the programme list. */
@Module({
  imports: [IncomeModule],
  providers: [SettlementService, SettlementResolver],
})
export class SettlementModule {}
