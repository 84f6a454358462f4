import { Args, ID, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import {
  CreateIndicatorDefinitionInput,
  CreateIndicatorUpdateInput,
  CreateReportingPeriodInput,
  IndicatorReportArgs,
  IndicatorUpdateInput,
  ReturnIndicatorUpdateInput,
  SetIndicatorSettingsInput,
  SetIndicatorTargetsInput,
} from './dto/indicator.inputs.js';
import { IndicatorReportService } from './indicator-report.service.js';
import { IndicatorUpdatesService } from './indicator-updates.service.js';
import { INDICATOR_APPROVERS, INDICATOR_MANAGERS, INDICATOR_READERS } from './indicators.access.js';
import { IndicatorUpdateStatus } from './indicators.enums.js';
import { IndicatorsService } from './indicators.service.js';
import { IndicatorDefinitionModel } from './models/indicator-definition.model.js';
import { IndicatorReportModel } from './models/indicator-report.model.js';
import { IndicatorSettingsModel } from './models/indicator-settings.model.js';
import { IndicatorTargetsModel } from './models/indicator-target.model.js';
import { IndicatorUpdateModel } from './models/indicator-update.model.js';
import { ReportingPeriodModel } from './models/reporting-period.model.js';
import { ReportingPeriodsService } from './reporting-periods.service.js';

/** Whether the query selects the field at `path` below this one (through fragments too). */
function selects(info: GraphQLResolveInfo, path: string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, rest: string[]): boolean => {
    if (!set || !rest.length) return !rest.length;
    return set.selections.some((node) => {
      if (node.kind === Kind.FIELD) return node.name.value === rest[0] && walk(node.selectionSet, rest.slice(1));
      if (node.kind === Kind.INLINE_FRAGMENT) return walk(node.selectionSet, rest);
      return walk(info.fragments[node.name.value]?.selectionSet, rest);
    });
  };
  return info.fieldNodes.some((node) => walk(node.selectionSet, path));
}

@Resolver()
export class IndicatorsResolver {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly updates: IndicatorUpdatesService,
    private readonly periods: ReportingPeriodsService,
    private readonly reports: IndicatorReportService,
  ) {}

  @Allow(...ALL_ROLES)
  @Query(() => [IndicatorDefinitionModel], { description: 'The indicator catalogue of a programme, in report order.' })
  indicatorCatalogue(@CurrentUser() user: AuthUser, @Args('programId', { type: () => ID }) programId: string) {
    return this.indicators.catalogue(user, programId);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => IndicatorDefinitionModel, { description: "Adds an indicator to a programme's catalogue (programme administrators)." })
  createIndicatorDefinition(@CurrentUser() user: AuthUser, @Args('input') input: CreateIndicatorDefinitionInput) {
    return this.indicators.createDefinition(user, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => IndicatorSettingsModel, { description: "Sets the programme's small-cell threshold (programme administrators)." })
  setIndicatorSettings(@CurrentUser() user: AuthUser, @Args('input') input: SetIndicatorSettingsInput) {
    return this.indicators.setSettings(user, input);
  }

  @Allow(...INDICATOR_READERS)
  @Query(() => [IndicatorTargetsModel], { description: 'The targets of a project, per indicator that has any.' })
  indicatorTargets(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.indicators.targets(user, projectId);
  }

  @Allow(...INDICATOR_MANAGERS)
  @Mutation(() => IndicatorTargetsModel, { description: 'Replaces the baseline, milestones and targets of one indicator for one project.' })
  setIndicatorTargets(@CurrentUser() user: AuthUser, @Args('input') input: SetIndicatorTargetsInput) {
    return this.indicators.setTargets(user, input);
  }

  @Allow(...INDICATOR_READERS)
  @Query(() => IndicatorReportModel, {
    description: 'Indikatorenbericht of a project for a period (any period inside the approval period).',
  })
  indicatorReport(@CurrentUser() user: AuthUser, @Args() args: IndicatorReportArgs, @Info() info: GraphQLResolveInfo) {
    return this.reports.report(user, args, null, { recountLocked: selects(info, ['rows', 'corrected']) });
  }

  @Allow(...INDICATOR_READERS)
  @Query(() => [ReportingPeriodModel])
  reportingPeriods(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.periods.list(user, projectId);
  }

  @Allow(...INDICATOR_MANAGERS)
  @Mutation(() => ReportingPeriodModel)
  createReportingPeriod(@CurrentUser() user: AuthUser, @Args('input') input: CreateReportingPeriodInput) {
    return this.periods.create(user, input);
  }

  @Allow(...INDICATOR_APPROVERS)
  @Mutation(() => ReportingPeriodModel, { description: 'Approves and locks a reporting period: its figures are frozen from now on.' })
  lockReportingPeriod(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.periods.lock(user, id);
  }

  @Allow(...INDICATOR_READERS)
  @Query(() => [IndicatorUpdateModel], { description: "Manual updates of a project's MANUAL indicators." })
  indicatorUpdates(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('status', { type: () => IndicatorUpdateStatus, nullable: true }) status?: IndicatorUpdateStatus,
  ) {
    return this.updates.list(user, projectId, status);
  }

  @Allow(...INDICATOR_MANAGERS)
  @Mutation(() => IndicatorUpdateModel, { description: 'Enters a manual actual as a draft.' })
  createIndicatorUpdate(@CurrentUser() user: AuthUser, @Args('input') input: CreateIndicatorUpdateInput) {
    return this.updates.create(user, input);
  }

  @Allow(...INDICATOR_MANAGERS)
  @Mutation(() => IndicatorUpdateModel, { description: 'Corrects a draft or returned update.' })
  editIndicatorUpdate(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: IndicatorUpdateInput,
  ) {
    return this.updates.edit(user, id, input);
  }

  @Allow(...INDICATOR_MANAGERS)
  @Mutation(() => IndicatorUpdateModel)
  submitIndicatorUpdate(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.updates.submit(user, id);
  }

  @Allow(...INDICATOR_APPROVERS)
  @Mutation(() => IndicatorUpdateModel, { description: 'Approves a submitted update (not your own); from now on it counts.' })
  approveIndicatorUpdate(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) comment?: string,
  ) {
    return this.updates.approve(user, id, comment);
  }

  @Allow(...INDICATOR_APPROVERS)
  @Mutation(() => IndicatorUpdateModel, { description: 'Returns a submitted update with a comment for correction.' })
  returnIndicatorUpdate(@CurrentUser() user: AuthUser, @Args('input') input: ReturnIndicatorUpdateInput) {
    return this.updates.return(user, input);
  }
}
