import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType } from '../../programs/programs.enums.js';
import { OverrunStatus } from '../budget.enums.js';
import { BudgetRevisionModel } from './budget-plan.model.js';
import { CostCategoryModel } from './cost-category.model.js';

@ObjectType('BudgetFigures', { description: 'Plan against actual for one cell, row or total of the budget overview (Soll-Ist).' })
export class BudgetFiguresModel {
  @Field(() => Int, { nullable: true, description: 'The fiscal year; null for a figure over the whole period.' })
  fiscalYear: number | null;

  @Field(() => CostCategoryModel, { nullable: true, description: 'The cost category; null for a total over categories.' })
  costCategory: CostCategoryModel | null;

  @Field(() => DecimalScalar, { description: 'Soll: planned by the revision in force.' })
  planned: Decimal;

  @Field(() => DecimalScalar, { description: 'Tranches disbursed.' })
  drawn: Decimal;

  @Field(() => DecimalScalar, { description: 'Ist: eligible expenditure booked.' })
  spent: Decimal;

  @Field(() => DecimalScalar, { description: 'Known obligations not yet paid.' })
  committed: Decimal;

  @Field(() => DecimalScalar, { description: 'planned − spent − committed.' })
  available: Decimal;

  @Field(() => DecimalScalar, { description: 'Abweichung: spent − planned; positive is an overrun.' })
  deviation: Decimal;

  @Field(() => PercentScalar, { nullable: true, description: 'Abweichung in % of planned; null where nothing is planned.' })
  deviationPercent: Decimal | null;

  @Field(() => OverrunStatus)
  status: OverrunStatus;
}

@ObjectType('BudgetYear', { description: 'One fiscal year (Haushaltsjahr) of the overview.' })
export class BudgetYearModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar, { description: 'The annual instalment (Jahresscheibe) in force.' })
  instalment: Decimal;

  @Field(() => [BudgetFiguresModel], { description: 'One row per cost category planned or booked in this year.' })
  lines: BudgetFiguresModel[];

  @Field(() => BudgetFiguresModel)
  total: BudgetFiguresModel;
}

@ObjectType('BurnRate', { description: 'Spending per month; months are calendar months begun.' })
export class BurnRateModel {
  @Field(() => DecimalScalar, { description: 'Spent in total ÷ months elapsed in the approval period.' })
  overallPerMonth: Decimal;

  @Field(() => DecimalScalar, { description: 'Spent this fiscal year ÷ months elapsed in it.' })
  recentPerMonth: Decimal;

  @Field(() => Int)
  monthsElapsed: number;

  @Field(() => Int)
  recentMonths: number;
}

@ObjectType('BudgetForecast', { description: 'Spending at the end of the approval period at the recent rate.' })
export class BudgetForecastModel {
  @Field(() => Int)
  monthsRemaining: number;

  @Field(() => DecimalScalar)
  spentAtEnd: Decimal;

  @Field(() => DecimalScalar, { description: 'Planned total − spentAtEnd; negative means an overrun is coming.' })
  projectedRemainder: Decimal;
}

@ObjectType('LapsingRisk', {
  description: "Money of this year's instalment that will probably not be drawn by 31 December and then lapses (§ 45 BHO).",
})
export class LapsingRiskModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  instalment: Decimal;

  @Field(() => DecimalScalar)
  drawn: Decimal;

  @Field(() => DecimalScalar)
  spent: Decimal;

  @Field(() => DecimalScalar, {
    description: 'Drawn so far, or what spending at the recent rate will need by year end, whichever is more.',
  })
  projectedDrawn: Decimal;

  @Field(() => DecimalScalar)
  atRisk: Decimal;
}

/** The project-level figures shown both in a project's overview and in the programme overview. */
@ObjectType({ isAbstract: true })
export abstract class BudgetSummaryFields {
  @Field(() => BudgetFiguresModel)
  total: BudgetFiguresModel;

  @Field(() => OverrunStatus, { description: 'The most severe status of any year, category or the total.' })
  status: OverrunStatus;

  @Field(() => BurnRateModel)
  burnRate: BurnRateModel;

  @Field(() => BudgetForecastModel)
  forecast: BudgetForecastModel;

  @Field(() => LapsingRiskModel)
  lapsing: LapsingRiskModel;
}

@ObjectType('BudgetOverview', { description: 'Plan against actual of one project as of a date, from maintained totals.' })
export class BudgetOverviewModel extends BudgetSummaryFields {
  @Field(() => ID)
  projectId: string;

  @Field(() => LocalDateScalar, { description: 'The date the plan in force and the clock refer to; actual figures are as booked now.' })
  asOf: LocalDate;

  @Field(() => BudgetRevisionModel, { nullable: true, description: 'The revision in force at asOf; null when no plan applies yet.' })
  revision: BudgetRevisionModel | null;

  @Field(() => FinancingType)
  financingType: FinancingType;

  @Field(() => PercentScalar, { description: "The programme's allowed line overrun (ANBest-P 1.2)." })
  lineOverrunPercent: Decimal;

  @Field(() => [BudgetYearModel])
  years: BudgetYearModel[];

  @Field(() => [BudgetFiguresModel], { description: 'Per cost category over the whole period.' })
  categories: BudgetFiguresModel[];
}

@ObjectType('ProjectBudgetSummary', { description: 'One project in the programme overview: the same figures as its budget overview.' })
export class ProjectBudgetSummaryModel extends BudgetSummaryFields {
  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  fileNumber: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  grantee: string;

  @Field(() => Int, { nullable: true, description: 'Number of the revision in force; null without a plan.' })
  revisionNumber: number | null;
}

@ObjectType('ProgramBudgetOverview', { description: "The grantor's view: every visible project of a programme side by side." })
export class ProgramBudgetOverviewModel {
  @Field(() => ID)
  programId: string;

  @Field(() => LocalDateScalar)
  asOf: LocalDate;

  @Field(() => [ProjectBudgetSummaryModel], { description: 'Ordered by file number.' })
  projects: ProjectBudgetSummaryModel[];

  @Field(() => BudgetFiguresModel, { description: 'Sum over the listed projects.' })
  total: BudgetFiguresModel;
}
