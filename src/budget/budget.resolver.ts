import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { BudgetOverviewService } from './budget-overview.service.js';
import { BudgetService } from './budget.service.js';
import { CATEGORY_ADMINS, PLAN_READERS, PLAN_WRITERS, PROGRAM_OVERVIEW_ROLES, TOTALS_CHECKERS } from './budget.access.js';
import { BudgetOverviewArgs, BudgetPlanArgs, ProgramOverviewArgs } from './dto/budget.args.js';
import { CreateBudgetPlanInput, ReviseBudgetPlanInput } from './dto/budget-plan.inputs.js';
import { CreateCostCategoryInput } from './dto/cost-category.input.js';
import { BudgetOverviewModel, ProgramBudgetOverviewModel } from './models/budget-overview.model.js';
import { BudgetPlanModel, BudgetRevisionModel } from './models/budget-plan.model.js';
import { BudgetTotalsCheckModel } from './models/budget-totals-check.model.js';
import { CostCategoryModel } from './models/cost-category.model.js';

@Resolver()
export class BudgetResolver {
  constructor(
    private readonly plans: BudgetService,
    private readonly overviews: BudgetOverviewService,
  ) {}

  @Allow(...ALL_ROLES)
  @Query(() => [CostCategoryModel], { description: 'The cost categories (Ausgabepositionen) of a programme, in plan order.' })
  costCategories(@CurrentUser() user: AuthUser, @Args('programId', { type: () => ID }) programId: string) {
    return this.plans.costCategories(user, programId);
  }

  @Allow(...CATEGORY_ADMINS)
  @Mutation(() => CostCategoryModel, { description: 'Adds a cost category to a programme (administrators of the programme).' })
  createCostCategory(@CurrentUser() user: AuthUser, @Args('input') input: CreateCostCategoryInput) {
    return this.plans.createCostCategory(user, input);
  }

  @Allow(...PLAN_READERS)
  @Query(() => [BudgetRevisionModel], { description: "All revisions of a project's financing plan, oldest first." })
  budgetRevisions(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.plans.revisions(user, projectId);
  }

  @Allow(...PLAN_READERS)
  @Query(() => BudgetPlanModel, {
    nullable: true,
    description: 'The plan of one revision (by number or in force on a date; default the latest); null without a plan.',
  })
  budgetPlan(@CurrentUser() user: AuthUser, @Args() args: BudgetPlanArgs) {
    return this.plans.plan(user, args);
  }

  @Allow(...PLAN_WRITERS)
  @Mutation(() => BudgetPlanModel, { description: 'Enters the original financing plan (revision 0).' })
  createBudgetPlan(@CurrentUser() user: AuthUser, @Args('input') input: CreateBudgetPlanInput) {
    return this.plans.createPlan(user, input);
  }

  @Allow(...PLAN_WRITERS)
  @Mutation(() => BudgetPlanModel, { description: 'Enters an amendment (Änderungsbescheid) as a new revision of the whole plan.' })
  reviseBudgetPlan(@CurrentUser() user: AuthUser, @Args('input') input: ReviseBudgetPlanInput) {
    return this.plans.revisePlan(user, input);
  }

  @Allow(...PLAN_READERS)
  @Query(() => BudgetOverviewModel, { description: 'Plan against actual of one project (Soll-Ist), from maintained totals.' })
  budgetOverview(@CurrentUser() user: AuthUser, @Args() args: BudgetOverviewArgs) {
    return this.overviews.overview(user, args);
  }

  @Allow(...PROGRAM_OVERVIEW_ROLES)
  @Query(() => ProgramBudgetOverviewModel, {
    description: 'Every project of a programme side by side, with the same figures as budgetOverview.',
  })
  programOverview(@CurrentUser() user: AuthUser, @Args() args: ProgramOverviewArgs) {
    return this.overviews.programOverview(user, args);
  }

  @Allow(...TOTALS_CHECKERS)
  @Query(() => BudgetTotalsCheckModel, {
    description: "Recomputes a project's maintained totals from the raw rows and lists every difference.",
  })
  budgetTotalsCheck(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.overviews.checkTotals(user, projectId);
  }
}
