import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { NarrativeHistoryArgs, SachberichtArgs, SaveNarrativeSectionInput } from './dto/narrative.inputs.js';
import { NarrativeSectionModel, SachberichtModel } from './models/narrative.model.js';
import { NARRATIVE_READERS, NARRATIVE_WRITERS, NarrativeService } from './narrative.service.js';

@Resolver()
export class NarrativeResolver {
  constructor(private readonly service: NarrativeService) {}

  @Allow(...NARRATIVE_READERS)
  @Query(() => SachberichtModel, { description: 'The Sachbericht of a proof: its sections (latest versions) and deviation notes.' })
  sachbericht(@CurrentUser() user: AuthUser, @Args() args: SachberichtArgs) {
    return this.service.sachbericht(user, args);
  }

  @Allow(...NARRATIVE_READERS)
  @Query(() => [NarrativeSectionModel], { description: 'Every version of one section of a Sachbericht, oldest first.' })
  narrativeSectionVersions(@CurrentUser() user: AuthUser, @Args() args: NarrativeHistoryArgs) {
    return this.service.history(user, args);
  }

  @Allow(...NARRATIVE_WRITERS)
  @Mutation(() => NarrativeSectionModel, {
    description: 'Saves one section of a Sachbericht (Markdown) as its next version; refused once the proof is submitted.',
  })
  saveNarrativeSection(@CurrentUser() user: AuthUser, @Args('input') input: SaveNarrativeSectionInput) {
    return this.service.save(user, input);
  }
}
