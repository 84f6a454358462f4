import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { groupByKeys } from '../common/graphql/loader-registry.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { PaginationArgs } from '../common/pagination/pagination.args.js';
import { CreateFundingProgramInput, UpdateFundingProgramInput } from './dto/program.inputs.js';
import { CreateProjectInput, UpdateProjectInput } from './dto/project.inputs.js';
import { FundingProgramConnection, ProjectConnection } from './models/connections.js';
import { FundingProgramModel } from './models/funding-program.model.js';
import { ProjectModel } from './models/project.model.js';
import { ProgramsService } from './programs.service.js';

@Resolver(() => FundingProgramModel)
export class ProgramsResolver {
  constructor(private readonly service: ProgramsService) {}

  @Allow(...ALL_ROLES)
  @Query(() => FundingProgramConnection, { description: 'Funding programmes you hold a role in, ordered by code.' })
  programs(@CurrentUser() user: AuthUser, @Args() args: PaginationArgs) {
    return this.service.listPrograms(user, args);
  }

  @Allow(...ALL_ROLES)
  @Query(() => FundingProgramModel)
  program(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.getProgram(user, id);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => FundingProgramModel)
  createProgram(@CurrentUser() user: AuthUser, @Args('input') input: CreateFundingProgramInput) {
    return this.service.createProgram(user, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => FundingProgramModel)
  updateProgram(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateFundingProgramInput,
  ) {
    return this.service.updateProgram(user, id, input);
  }

  @ResolveField(() => [ProjectModel], { description: 'The projects of this programme you hold a role on, ordered by file number.' })
  projects(program: FundingProgramModel, _args: unknown, ctx: GraphQLContext) {
    const user = ctx.req.user as AuthUser;
    return ctx.loaders
      .get<string, ProjectModel[]>('projectsByProgram', async (ids) =>
        groupByKeys(ids, await this.service.projectsByProgramIds(user, ids), (p) => p.programId),
      )
      .load(program.id);
  }
}

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(private readonly service: ProgramsService) {}

  @Allow(...ALL_ROLES)
  @Query(() => ProjectConnection, { description: 'Projects you hold a role on, optionally of one programme, ordered by file number.' })
  projects(
    @CurrentUser() user: AuthUser,
    @Args() args: PaginationArgs,
    @Args('programId', { type: () => ID, nullable: true }) programId?: string,
  ) {
    return this.service.listProjects(user, programId, args);
  }

  @Allow(...ALL_ROLES)
  @Query(() => ProjectModel)
  project(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.service.getProject(user, id);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => ProjectModel)
  createProject(@CurrentUser() user: AuthUser, @Args('input') input: CreateProjectInput) {
    return this.service.createProject(user, input);
  }

  @Allow(Role.ADMIN)
  @Mutation(() => ProjectModel)
  updateProject(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProjectInput) {
    return this.service.updateProject(user, id, input);
  }

  @ResolveField(() => FundingProgramModel)
  program(project: ProjectModel, _args: unknown, ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, FundingProgramModel>('programById', async (ids) => {
        const byId = new Map((await this.service.programsByIds(ids)).map((p) => [p.id, p]));
        return ids.map((id) => byId.get(id)!);
      })
      .load(project.programId);
  }
}
