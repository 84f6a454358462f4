import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { type LocalDate, todayUtc } from '../common/dates/local-date.js';
import { LocalDateScalar } from '../common/dates/local-date.scalar.js';
import { groupByKeys } from '../common/graphql/loader-registry.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ParticipantModel } from '../participants/models/participant.model.js';
import { canReadJustification, ROW_READERS } from '../participants/participants.access.js';
import {
  CorrectObservationInput,
  CreateMeasureInput,
  EndParticipationInput,
  EnrolInput,
  MeasuresArgs,
  RecordObservationInput,
  UpdateMeasureInput,
  WithdrawObservationInput,
} from './dto/measure.inputs.js';
import { MeasuresService } from './measures.service.js';
import { MEASURE_CASE_WORKERS, MEASURE_MANAGERS } from './measures.access.js';
import { MeasureConnection, MeasureModel, MeasureOccupancyModel, ObservationModel, ParticipationModel } from './models/measure.model.js';
import { ObservationsService } from './observations.service.js';
import { ParticipationsService } from './participations.service.js';

@Resolver(() => MeasureModel)
export class MeasuresResolver {
  constructor(
    private readonly measureService: MeasuresService,
    private readonly participationService: ParticipationsService,
    private readonly observationService: ObservationsService,
  ) {}

  @Allow(...ALL_ROLES)
  @Query(() => MeasureConnection, { description: 'Measures of a project, ordered by start date.' })
  measures(@CurrentUser() user: AuthUser, @Args() args: MeasuresArgs) {
    return this.measureService.list(user, args);
  }

  @Allow(...ALL_ROLES)
  @Query(() => MeasureModel)
  measure(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.measureService.get(user, id);
  }

  @Allow(...MEASURE_MANAGERS)
  @Mutation(() => MeasureModel)
  createMeasure(@CurrentUser() user: AuthUser, @Args('input') input: CreateMeasureInput) {
    return this.measureService.create(user, input);
  }

  @Allow(...MEASURE_MANAGERS)
  @Mutation(() => MeasureModel)
  updateMeasure(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateMeasureInput) {
    return this.measureService.update(user, id, input);
  }

  @Allow(...MEASURE_CASE_WORKERS)
  @Mutation(() => ParticipationModel, {
    description: 'Enrols a participant in a measure; refused when the measure is full in that period.',
  })
  enrolParticipant(@CurrentUser() user: AuthUser, @Args('input') input: EnrolInput) {
    return this.participationService.enrol(user, input, todayUtc());
  }

  @Allow(...MEASURE_CASE_WORKERS)
  @Mutation(() => ParticipationModel)
  endParticipation(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: EndParticipationInput) {
    return this.participationService.end(user, id, input, todayUtc());
  }

  @Allow(...MEASURE_CASE_WORKERS)
  @Mutation(() => ObservationModel, {
    description: 'Records a dated labour-market observation (after the exit; a job or training taken up also while still taking part).',
  })
  recordObservation(@CurrentUser() user: AuthUser, @Args('input') input: RecordObservationInput) {
    return this.observationService.record(user, input, todayUtc());
  }

  @Allow(...MEASURE_CASE_WORKERS)
  @Mutation(() => ObservationModel, { description: 'Corrects an observation in force: a new record supersedes it, with the reason.' })
  correctObservation(@CurrentUser() user: AuthUser, @Args('input') input: CorrectObservationInput) {
    return this.observationService.correct(user, input, todayUtc());
  }

  @Allow(...MEASURE_CASE_WORKERS)
  @Mutation(() => ObservationModel, {
    description: 'Withdraws an observation in force: a new record says it no longer counts, with the reason.',
  })
  withdrawObservation(@CurrentUser() user: AuthUser, @Args('input') input: WithdrawObservationInput) {
    return this.observationService.withdraw(user, input);
  }

  @ResolveField(() => MeasureOccupancyModel, {
    nullable: true,
    description:
      'Places taken on a day (today when omitted). Null for analysts (no per-day counts) and, for a § 16a health measure, for everyone but the case workers of the project.',
  })
  occupancy(
    @Parent() measure: MeasureModel,
    @Context() ctx: GraphQLContext,
    @Args('asOf', { type: () => LocalDateScalar, nullable: true }) asOf?: LocalDate,
  ) {
    const day = asOf ?? todayUtc();
    return ctx.loaders
      .get<MeasureModel, MeasureOccupancyModel | null>(`measureOccupancy:${day}`, (measures) =>
        this.measureService.occupancies(ctx.req.user as AuthUser, measures, day),
      )
      .load(measure);
  }

  @ResolveField(() => [ParticipationModel], {
    description: 'Participations in this measure; for readers of participant data only (empty otherwise).',
  })
  participations(measure: MeasureModel, _args: unknown, ctx: GraphQLContext) {
    const user = ctx.req.user as AuthUser;
    return ctx.loaders
      .get<string, ParticipationModel[]>('participationsByMeasure', async (ids) =>
        groupByKeys(ids, await this.participationService.participationsOfMeasures(user, ids, ROW_READERS), (p) => p.measureId),
      )
      .load(measure.id);
  }
}

/** Participant.participations and Participant.observations: one query per level, whatever the page size. */
@Resolver(() => ParticipantModel)
export class ParticipantMeasuresResolver {
  constructor(
    private readonly participationService: ParticipationsService,
    private readonly observationService: ObservationsService,
  ) {}

  @ResolveField(() => [ParticipationModel], { description: 'Enrolments in measures, by start date.' })
  participations(participant: ParticipantModel, _args: unknown, ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, ParticipationModel[]>('participationsByParticipant', async (ids) =>
        groupByKeys(ids, await this.participationService.participationsOf(ctx.req.user as AuthUser, ids), (p) => p.participantId),
      )
      .load(participant.id);
  }

  @ResolveField(() => [ObservationModel], {
    description: 'Labour-market observations in recording order: those in force, or every record with includeSuperseded.',
  })
  observations(
    @Parent() participant: ParticipantModel,
    @Context() ctx: GraphQLContext,
    @Args('includeSuperseded', {
      type: () => Boolean,
      defaultValue: false,
      description: 'Also corrected and withdrawn records, and the withdrawals.',
    })
    includeSuperseded: boolean,
  ) {
    // The reason of a correction is free text written by case workers: like the justification of an override, for case workers and auditors only.
    const reasons = canReadJustification(ctx.req.user as AuthUser, participant.projectId);
    return ctx.loaders
      .get<string, ObservationModel[]>(`observationsByParticipant:${includeSuperseded}`, async (ids) =>
        groupByKeys(ids, await this.observationService.observationsOf(ids, includeSuperseded), (o) => o.participantId),
      )
      .load(participant.id)
      .then((list) => (reasons ? list : list.map((o) => ({ ...o, reason: null }))));
  }
}

@Resolver(() => ParticipationModel)
export class ParticipationResolver {
  constructor(private readonly measures: MeasuresService) {}

  @ResolveField(() => MeasureModel)
  measure(participation: ParticipationModel, _args: unknown, ctx: GraphQLContext) {
    if (participation.measure) return participation.measure;
    return ctx.loaders
      .get<string, MeasureModel>('measureById', async (ids) => {
        const byId = new Map((await this.measures.byIds(ids)).map((m) => [m.id, m]));
        return ids.map((id) => byId.get(id)!);
      })
      .load(participation.measureId);
  }
}
