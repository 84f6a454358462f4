import { Module } from '@nestjs/common';

import { ProgramsResolver, ProjectsResolver } from './programs.resolver.js';
import { ProgramsService } from './programs.service.js';

@Module({
  providers: [ProgramsService, ProgramsResolver, ProjectsResolver],
  exports: [ProgramsService],
})
export class ProgramsModule {}
