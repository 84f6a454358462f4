import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { todayUtc } from '../common/dates/local-date.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import {
  ErasureRequestInput,
  ExitParticipantInput,
  ParticipantIdArgs,
  ParticipantsArgs,
  ProjectAsOfArgs,
} from './dto/participant.inputs.js';
import { ParticipantRulesInput } from './dto/participant-rules.input.js';
import { EntryDataInput, RegisterParticipantInput, UpdateIdentityInput } from './dto/register-participant.input.js';
import type { ParticipantIdentity } from './entities/participant-identity.entity.js';
import {
  ErasureResultModel,
  OverdueItemModel,
  ParticipantConnection,
  ParticipantStatisticsModel,
} from './models/participant-results.model.js';
import { ParticipantRulesModel } from './models/participant-rules.model.js';
import { ParticipantHealthModel, ParticipantIdentityModel, ParticipantModel } from './models/participant.model.js';
import { ParticipantErasureService } from './participant-erasure.service.js';
import { ParticipantRulesService } from './participant-rules.service.js';
import { canReadJustification, PSEUDONYMOUS_READERS, ROW_READERS, visibleExitReason } from './participants.access.js';
import { ExitReason } from './participants.enums.js';
import { ParticipantErrors } from './participants.errors.js';
import { ParticipantsService } from './participants.service.js';

@Resolver(() => ParticipantModel)
export class ParticipantsResolver {
  constructor(
    private readonly service: ParticipantsService,
    private readonly erasure: ParticipantErasureService,
    private readonly rules: ParticipantRulesService,
  ) {}

  @Allow(...ROW_READERS)
  @Query(() => ParticipantConnection, { description: 'Participants of a project (pseudonymous view), ordered by entry date.' })
  participants(@CurrentUser() user: AuthUser, @Args() args: ParticipantsArgs) {
    return this.service.list(user, args);
  }

  @Allow(...ROW_READERS)
  @Query(() => ParticipantModel)
  participant(@CurrentUser() user: AuthUser, @Args() { id }: ParticipantIdArgs) {
    return this.service.get(user, id);
  }

  @Allow(...ROW_READERS)
  @Query(() => [OverdueItemModel], { description: 'Entry data, exit data and follow-ups past their deadline (28 days by default).' })
  overdueParticipantData(@CurrentUser() user: AuthUser, @Args() args: ProjectAsOfArgs) {
    return this.service.overdue(user, args.projectId, args.asOf ?? todayUtc());
  }

  @Allow(...PSEUDONYMOUS_READERS)
  @Query(() => ParticipantStatisticsModel)
  participantStatistics(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.service.statistics(user, projectId);
  }

  @Allow(...ALL_ROLES)
  @Query(() => ParticipantRulesModel, { nullable: true, description: 'The participant rules of a programme; null when none are set.' })
  participantRules(@CurrentUser() user: AuthUser, @Args('programId', { type: () => ID }) programId: string) {
    return this.rules.get(user, programId);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => ParticipantRulesModel)
  setParticipantRules(@CurrentUser() user: AuthUser, @Args('input') input: ParticipantRulesInput) {
    return this.rules.set(user, input);
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, {
    description: 'Registers a person; refused with every failed eligibility rule unless overridden with a justification.',
  })
  registerParticipant(@CurrentUser() user: AuthUser, @Args('input') input: RegisterParticipantInput) {
    return this.service.register(user, input, todayUtc());
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, { description: 'Completes or corrects the entry data; omitted fields stay as they are.' })
  recordEntryData(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: EntryDataInput) {
    return this.service.recordEntryData(user, id, input, todayUtc());
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, {
    description: 'Corrects identity and health data (stored encrypted); refused when it would duplicate another participant.',
  })
  updateParticipantIdentity(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateIdentityInput,
  ) {
    return this.service.updateIdentity(user, id, input);
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel)
  exitParticipant(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: ExitParticipantInput) {
    return this.service.exit(user, id, input, todayUtc());
  }

  @Allow(Role.CASE_WORKER)
  @Mutation(() => ParticipantModel, {
    description: 'Erases identity and health data on a verified request; the pseudonymous record stays.',
  })
  eraseParticipantIdentity(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ErasureRequestInput,
  ) {
    return this.erasure.eraseOnRequest(user, id, input, todayUtc());
  }

  @Allow(Role.CASE_WORKER, Role.ADMIN)
  @Mutation(() => ErasureResultModel, {
    description: "Erases identity and health data of the project's participants past their retain-until date.",
  })
  eraseExpiredParticipantIdentities(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.erasure.eraseExpired(user, projectId, todayUtc());
  }

  @ResolveField(() => ParticipantIdentityModel, {
    nullable: true,
    description: 'Case workers of the project only (FORBIDDEN otherwise); null once erased.',
  })
  identity(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    return this.service.readIdentity(ctx.req.user as AuthUser, participant, () => this.identityRow(participant, ctx));
  }

  @ResolveField(() => ParticipantHealthModel, {
    nullable: true,
    description: 'Case workers of the project only (FORBIDDEN otherwise); null when none recorded or erased.',
  })
  health(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    return this.service.readHealth(ctx.req.user as AuthUser, participant, () => this.identityRow(participant, ctx));
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The written justification of an eligibility override; case workers and auditors of the project only.',
  })
  overrideJustification(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    if (!canReadJustification(ctx.req.user as AuthUser, participant.projectId)) throw ParticipantErrors.justificationForbidden();
    return participant.overrideJustification;
  }

  @ResolveField(() => ExitReason, {
    nullable: true,
    description: "ILLNESS (a health fact) reads as OTHER for everyone but the project's case workers.",
  })
  exitReason(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    return visibleExitReason(ctx.req.user as AuthUser, participant.projectId, participant.exitReason);
  }

  /** One query for the identity rows of all participants in the response. */
  private identityRow(participant: ParticipantModel, ctx: GraphQLContext): Promise<ParticipantIdentity | undefined> {
    return ctx.loaders
      .get<string, ParticipantIdentity | undefined>('participantIdentity', async (ids) => {
        const rows = await this.service.identitiesOf(ids);
        return ids.map((id) => rows.get(id));
      })
      .load(participant.id);
  }
}
