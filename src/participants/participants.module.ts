import { Module } from '@nestjs/common';

import { IdentityVault } from './identity-vault.js';
import { ParticipantErasureService } from './participant-erasure.service.js';
import { ParticipantExitsResolver } from './participant-exits.resolver.js';
import { ParticipantExitsService } from './participant-exits.service.js';
import { AgeAtEntryBackfill } from './age-at-entry.backfill.js';
import { StatisticalAttributesBackfill } from './statistical-attributes.backfill.js';
import { ParticipantRulesService } from './participant-rules.service.js';
import { ParticipantsResolver } from './participants.resolver.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  providers: [
    IdentityVault,
    ParticipantsService,
    ParticipantErasureService,
    ParticipantRulesService,
    ParticipantsResolver,
    ParticipantExitsService,
    ParticipantExitsResolver,
    AgeAtEntryBackfill,
    StatisticalAttributesBackfill,
  ],
  exports: [ParticipantsService, ParticipantRulesService, IdentityVault],
})
export class ParticipantsModule {}
