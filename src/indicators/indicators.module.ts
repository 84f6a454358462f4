import { Module } from '@nestjs/common';

import { ParticipantsModule } from '../participants/participants.module.js';
import { IndicatorReportService } from './indicator-report.service.js';
import { IndicatorUpdatesService } from './indicator-updates.service.js';
import { IndicatorsResolver } from './indicators.resolver.js';
import { IndicatorsService } from './indicators.service.js';
import { ReportingPeriodsService } from './reporting-periods.service.js';

@Module({
  // For the IdentityVault: the disability flag (EECO12) is decrypted in memory for counting only.
  imports: [ParticipantsModule],
  providers: [IndicatorsService, IndicatorUpdatesService, ReportingPeriodsService, IndicatorReportService, IndicatorsResolver],
  exports: [IndicatorReportService],
})
export class IndicatorsModule {}
