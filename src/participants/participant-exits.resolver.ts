import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Role } from '../auth/role.enum.js';
import { todayUtc } from '../common/dates/local-date.js';
import { groupByKeys } from '../common/graphql/loader-registry.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { CorrectExitInput, WithdrawExitInput } from './dto/participant.inputs.js';
import { ExitCorrectionModel } from './models/exit-correction.model.js';
import { ParticipantModel } from './models/participant.model.js';
import { ParticipantExitsService } from './participant-exits.service.js';
import { canReadJustification, visibleExitReason } from './participants.access.js';

@Resolver(() => ParticipantModel)
export class ParticipantExitsResolver {
  constructor(private readonly exits: ParticipantExitsService) {}

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, {
    description:
      'Corrects a recorded exit (date and/or reason) with a reason; the participations it ended and the observation it stands for follow.',
  })
  correctParticipantExit(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: CorrectExitInput,
  ) {
    return this.exits.correct(user, id, input, todayUtc());
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, { description: 'Withdraws a recorded exit (the person had not left), with a reason.' })
  withdrawParticipantExit(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: WithdrawExitInput,
  ) {
    return this.exits.withdraw(user, id, input, todayUtc());
  }

  @ResolveField(() => [ExitCorrectionModel], { description: 'Corrections and withdrawals of the exit, oldest first.' })
  exitCorrections(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    // The reason is free text written by case workers: like the justification of an override, for case workers and auditors only.
    const reasons = canReadJustification(ctx.req.user as AuthUser, participant.projectId);
    return (
      ctx.loaders
        .get<string, ExitCorrectionModel[]>('exitCorrectionsByParticipant', async (ids) =>
          groupByKeys(ids, await this.exits.correctionsOf(ids), (c) => c.participantId),
        )
        .load(participant.id)
        .then((list) => (reasons ? list : list.map((c) => ({ ...c, reason: null }))))
        // ILLNESS is a health fact: coarsened like Participant.exitReason.
        .then((list) =>
          list.map((c) => ({ ...c, exitReason: visibleExitReason(ctx.req.user as AuthUser, participant.projectId, c.exitReason) })),
        )
    );
  }
}
