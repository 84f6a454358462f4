import { Module } from '@nestjs/common';

import { MeasuresResolver, ParticipantMeasuresResolver, ParticipationResolver } from './measures.resolver.js';
import { MeasuresService } from './measures.service.js';
import { ObservationsService } from './observations.service.js';
import { ParticipationsService } from './participations.service.js';

@Module({
  providers: [
    MeasuresService,
    ParticipationsService,
    ObservationsService,
    MeasuresResolver,
    ParticipantMeasuresResolver,
    ParticipationResolver,
  ],
  exports: [MeasuresService, ParticipationsService, ObservationsService],
})
export class MeasuresModule {}
