import { Module } from '@nestjs/common';

import { ExpendituresModule } from '../expenditures/expenditures.module.js';
import { ImportBookingService } from './import-booking.service.js';
import { ImportProgressTracker } from './import-progress.tracker.js';
import { ImportReadsService } from './import-reads.service.js';
import { ImportStagingService } from './import-staging.service.js';
import { ImportsController } from './imports.controller.js';
import { ImportsResolver } from './imports.resolver.js';
import { MappingRulesService } from './mapping-rules.service.js';

/** Imports of bookings (DATEV, camt.053, CSV): upload → staging → mapping → preview → commit through the ledger; bank reconciliation. */
@Module({
  imports: [ExpendituresModule],
  controllers: [ImportsController],
  providers: [ImportStagingService, ImportBookingService, ImportReadsService, MappingRulesService, ImportProgressTracker, ImportsResolver],
})
export class ImportsModule {}
