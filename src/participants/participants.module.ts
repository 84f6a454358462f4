import { Module } from '@nestjs/common';

import { IdentityVault } from './identity-vault.js';
import { ParticipantErasureService } from './participant-erasure.service.js';
import { ParticipantRulesService } from './participant-rules.service.js';
import { ParticipantsResolver } from './participants.resolver.js';
import { ParticipantsService } from './participants.service.js';

@Module({
  providers: [IdentityVault, ParticipantsService, ParticipantErasureService, ParticipantRulesService, ParticipantsResolver],
  exports: [ParticipantsService, IdentityVault],
})
export class ParticipantsModule {}
