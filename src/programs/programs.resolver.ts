import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';

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

  @Query(() => FundingProgramConnection, { description: 'Funding programmes, ordered by code.' })
  programs(@Args() args: PaginationArgs) {
    return this.service.listPrograms(args);
  }

  @Query(() => FundingProgramModel)
  program(@Args('id', { type: () => ID }) id: string) {
    return this.service.getProgram(id);
  }

  @Mutation(() => FundingProgramModel)
  createProgram(@Args('input') input: CreateFundingProgramInput) {
    return this.service.createProgram(input);
  }

  @Mutation(() => FundingProgramModel)
  updateProgram(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateFundingProgramInput) {
    return this.service.updateProgram(id, input);
  }

  @ResolveField(() => [ProjectModel], { description: 'All projects of this programme, ordered by file number.' })
  projects(@Parent() program: FundingProgramModel, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, ProjectModel[]>('projectsByProgram', async (ids) => groupByKeys(ids, await this.service.projectsByProgramIds(ids), (p) => p.programId))
      .load(program.id);
  }
}

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(private readonly service: ProgramsService) {}

  @Query(() => ProjectConnection, { description: 'Projects, optionally of one programme, ordered by file number.' })
  projects(@Args() args: PaginationArgs, @Args('programId', { type: () => ID, nullable: true }) programId?: string) {
    return this.service.listProjects(programId, args);
  }

  @Query(() => ProjectModel)
  project(@Args('id', { type: () => ID }) id: string) {
    return this.service.getProject(id);
  }

  @Mutation(() => ProjectModel)
  createProject(@Args('input') input: CreateProjectInput) {
    return this.service.createProject(input);
  }

  @Mutation(() => ProjectModel)
  updateProject(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateProjectInput) {
    return this.service.updateProject(id, input);
  }

  @ResolveField(() => FundingProgramModel)
  program(@Parent() project: ProjectModel, @Context() ctx: GraphQLContext) {
    return ctx.loaders
      .get<string, FundingProgramModel>('programById', async (ids) => {
        const byId = new Map((await this.service.programsByIds(ids)).map((p) => [p.id, p]));
        return ids.map((id) => byId.get(id)!);
      })
      .load(project.programId);
  }
}
