import { Module } from '@nestjs/common';

import { IndicatorsModule } from '../indicators/indicators.module.js';
import { ExportsController } from './exports.controller.js';
import { ProofBuilder } from './proof-builder.service.js';
import { ReportingResolver } from './reporting.resolver.js';
import { ReportingService } from './reporting.service.js';

@Module({
  imports: [IndicatorsModule],
  controllers: [ExportsController],
  providers: [ReportingService, ProofBuilder, ReportingResolver],
})
export class ReportingModule {}
