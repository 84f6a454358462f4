import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { PercentScalar } from '../../common/money/percent.scalar.js';
import { FinancingType } from '../../programs/programs.enums.js';

@ObjectType('SettlementStep', { description: 'One line of the Berechnung: what is computed, how, and the figure.' })
export class SettlementStepModel {
  @Field(() => Int)
  number: number;

  @Field(() => String)
  label: string;

  @Field(() => String, { description: 'The calculation in words and figures (German, as in the proof).' })
  detail: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The figure of the step; null for a step that only explains.' })
  amount: Decimal | null;
}

@ObjectType('SettlementCategory')
export class SettlementCategoryModel {
  @Field(() => ID)
  costCategoryId: string;

  @Field(() => String)
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => DecimalScalar, { description: 'Soll of the plan in force, whole period.' })
  planned: Decimal;

  @Field(() => DecimalScalar, { description: 'Eligible spending up to the as-of date, or the what-if assumption.' })
  actual: Decimal;

  @Field(() => DecimalScalar)
  deviation: Decimal;

  @Field(() => String, { nullable: true, description: 'What a what-if assumed for this category.' })
  assumption: string | null;
}

@ObjectType('SettlementCover', { description: 'A source of cover besides the grant.' })
export class SettlementCoverModel {
  @Field(() => FundingSourceKind)
  kind: FundingSourceKind;

  @Field(() => DecimalScalar)
  planned: Decimal;

  @Field(() => DecimalScalar)
  actual: Decimal;

  @Field(() => DecimalScalar, { description: 'What the settlement counts (own funds at least as planned in full and deficit financing).' })
  counted: Decimal;
}

@ObjectType('ReclaimInterestPiece', { description: 'Days under one base rate.' })
export class ReclaimInterestPieceModel {
  @Field(() => LocalDateScalar)
  from: LocalDate;

  @Field(() => LocalDateScalar, { description: 'Inclusive.' })
  until: LocalDate;

  @Field(() => Int)
  days: number;

  @Field(() => PercentScalar, { description: '§ 247 BGB base rate in force.' })
  baseRatePercent: Decimal;

  @Field(() => PercentScalar, { description: 'Base rate + 5 points.' })
  yearlyPercent: Decimal;

  @Field(() => String, { description: 'The interest of these days, exact (not rounded).' })
  exact: string;
}

@ObjectType('ReclaimInterest', { description: 'Interest on the reclaim, § 49a (3) VwVfG.' })
export class ReclaimInterestModel {
  @Field(() => LocalDateScalar)
  from: LocalDate;

  @Field(() => LocalDateScalar)
  until: LocalDate;

  @Field(() => Int)
  days: number;

  @Field(() => DecimalScalar, { description: 'The exact sum of the day amounts, rounded half up to cents once.' })
  amount: Decimal;

  @Field(() => [ReclaimInterestPieceModel])
  pieces: ReclaimInterestPieceModel[];
}

@ObjectType('Settlement', {
  description: 'Schlussabrechnung: the final grant after ANBest-P Nr. 2, the over- or underpayment, reclaim and interest, with every step.',
})
export class SettlementModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  fileNumber: string;

  @Field(() => FinancingType)
  financingType: FinancingType;

  @Field(() => PercentScalar)
  fundingRate: Decimal;

  @Field(() => DecimalScalar, { description: 'The grant of the decision: the most it can be.' })
  approvedTotal: Decimal;

  @Field(() => Int, { description: 'The plan revision in force on the as-of date.' })
  revisionNumber: number;

  @Field(() => LocalDateScalar)
  asOf: LocalDate;

  @Field(() => LocalDateScalar)
  reclaimDueDate: LocalDate;

  @Field(() => Boolean, { description: 'True when computed from a what-if scenario.' })
  whatIf: boolean;

  @Field(() => [String])
  assumptions: string[];

  @Field(() => [SettlementCategoryModel])
  categories: SettlementCategoryModel[];

  @Field(() => DecimalScalar)
  plannedExpenditure: Decimal;

  @Field(() => DecimalScalar)
  eligibleExpenditure: Decimal;

  @Field(() => [SettlementCoverModel])
  cover: SettlementCoverModel[];

  @Field(() => DecimalScalar, { description: 'Zuwendung endgültig.' })
  finalGrant: Decimal;

  @Field(() => DecimalScalar)
  paidOut: Decimal;

  @Field(() => DecimalScalar, { description: 'paidOut − finalGrant: positive is an overpayment, negative an underpayment.' })
  balance: Decimal;

  @Field(() => DecimalScalar)
  overpayment: Decimal;

  @Field(() => DecimalScalar)
  underpayment: Decimal;

  @Field(() => DecimalScalar, { description: 'Erstattungsbetrag (= the overpayment).' })
  reclaim: Decimal;

  @Field(() => ReclaimInterestModel)
  interest: ReclaimInterestModel;

  @Field(() => DecimalScalar, { description: 'reclaim + interest.' })
  totalDue: Decimal;

  @Field(() => [SettlementStepModel], { description: 'The Berechnung, line by line.' })
  steps: SettlementStepModel[];
}

@ObjectType('ProjectSettlement', { description: "One project in the programme's settlement list." })
export class ProjectSettlementModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  fileNumber: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  grantee: string;

  @Field(() => FinancingType)
  financingType: FinancingType;

  @Field(() => DecimalScalar)
  approvedTotal: Decimal;

  @Field(() => String, { nullable: true, description: 'Why the project cannot be settled (no plan in force); the figures are then null.' })
  problem: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  eligibleExpenditure: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  finalGrant: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  paidOut: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  balance: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  reclaim: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  interest: Decimal | null;

  @Field(() => DecimalScalar, { nullable: true })
  totalDue: Decimal | null;
}

@ObjectType('ProgramSettlementTotals')
export class ProgramSettlementTotalsModel {
  @Field(() => Int)
  settled: number;

  @Field(() => DecimalScalar)
  approvedTotal: Decimal;

  @Field(() => DecimalScalar)
  finalGrant: Decimal;

  @Field(() => DecimalScalar)
  paidOut: Decimal;

  @Field(() => DecimalScalar)
  reclaim: Decimal;

  @Field(() => DecimalScalar)
  interest: Decimal;

  @Field(() => DecimalScalar)
  totalDue: Decimal;

  @Field(() => DecimalScalar, { description: 'Sum of the underpayments: still to be paid out.' })
  underpayment: Decimal;
}

@ObjectType('ProgramSettlements', { description: 'The settlement of every visible project of a programme.' })
export class ProgramSettlementsModel {
  @Field(() => ID)
  programId: string;

  @Field(() => LocalDateScalar)
  asOf: LocalDate;

  @Field(() => [ProjectSettlementModel], { description: 'Ordered by file number.' })
  projects: ProjectSettlementModel[];

  @Field(() => ProgramSettlementTotalsModel, { description: 'Over the projects that could be settled.' })
  totals: ProgramSettlementTotalsModel;
}
