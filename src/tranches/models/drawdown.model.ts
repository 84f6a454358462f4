import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { ApprovalDecision, DrawdownKind, DrawdownStatus } from '../tranches.enums.js';

@ObjectType('DrawdownLine', { description: 'Amount of one cost category in a drawdown.' })
export class DrawdownLineModel {
  @Field(() => ID)
  costCategoryId: string;

  @Field(() => String)
  costCategoryCode: string;

  @Field(() => DecimalScalar)
  amount: Decimal;
}

@ObjectType('DrawdownApproval', { description: 'The four-eyes decision on a request: who, when, why.' })
export class DrawdownApprovalModel {
  @Field(() => ApprovalDecision)
  decision: ApprovalDecision;

  @Field(() => ID)
  decidedById: string;

  @Field(() => String)
  decidedBy: string;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => Date)
  decidedAt: Date;
}

@ObjectType('TrancheUse', {
  description: 'How much of a paid-out tranche eligible spending has used (FIFO), and the interest on money not used in time.',
})
export class TrancheUseModel {
  @Field(() => LocalDateScalar, { description: 'The day the figures are computed for.' })
  asOf: LocalDate;

  @Field(() => DecimalScalar)
  used: Decimal;

  @Field(() => DecimalScalar)
  unused: Decimal;

  @Field(() => LocalDateScalar, { description: "Payout + the programme's horizon: money unused after this day is overdue." })
  useDeadline: LocalDate;

  @Field(() => Int, { description: 'Days on which some of the tranche was overdue, up to asOf.' })
  overdueDays: number;

  @Field(() => DecimalScalar, {
    description:
      'Interest owed so far (§ 49a VwVfG): unused × (base rate + 5 points) × days / 365, summed exactly, rounded half up to cents once.',
  })
  interestOwed: Decimal;
}

@ObjectType('Drawdown', { description: 'Mittelabruf: a tranche of the grant, or a negative tranche (repayment, reclaim).' })
export class DrawdownModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => Int)
  fiscalYear: number;

  @Field(() => Int, { description: 'Abruf-Nr. within the fiscal year.' })
  number: number;

  @Field(() => DrawdownKind)
  kind: DrawdownKind;

  @Field(() => DrawdownStatus, {
    description: 'Decision state, or for a paid-out tranche its use state (PARTIALLY_USED, USED, OVERDUE) as of the query day.',
  })
  status: DrawdownStatus;

  @Field(() => DecimalScalar, { description: 'Negative for repayments and reclaims.' })
  amount: Decimal;

  @Field(() => LocalDateScalar, { nullable: true })
  expectedPayoutDate: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true })
  neededUntil: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'When the money moved.' })
  payoutDate: LocalDate | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => ID, { nullable: true })
  relatesToId: string | null;

  @Field(() => ID)
  requestedById: string;

  @Field(() => Date, { nullable: true })
  requestedAt: Date | null;

  @Field(() => [DrawdownLineModel])
  lines: DrawdownLineModel[];

  @Field(() => DrawdownApprovalModel, { nullable: true })
  approval: DrawdownApprovalModel | null;

  @Field(() => TrancheUseModel, { nullable: true, description: 'For a paid-out tranche: used, unused, deadline and interest.' })
  use: TrancheUseModel | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('DrawdownRoomLine', { description: 'What a cost category can still draw in a fiscal year.' })
export class DrawdownRoomLineModel {
  @Field(() => ID)
  costCategoryId: string;

  @Field(() => String)
  costCategoryCode: string;

  @Field(() => String)
  costCategoryName: string;

  @Field(() => DecimalScalar)
  planned: Decimal;

  @Field(() => DecimalScalar, { description: 'Requested, approved or disbursed for this category (net of repayments).' })
  claimed: Decimal;

  @Field(() => DecimalScalar, { description: 'min(planned − claimed, what the year still allows), never below 0.00.' })
  available: Decimal;
}

@ObjectType('DrawdownRoom', { description: '"What can I draw now": the fiscal year\'s instalment against what is already claimed.' })
export class DrawdownRoomModel {
  @Field(() => Int)
  fiscalYear: number;

  @Field(() => DecimalScalar)
  instalment: Decimal;

  @Field(() => DecimalScalar)
  requested: Decimal;

  @Field(() => DecimalScalar)
  approved: Decimal;

  @Field(() => DecimalScalar, { description: 'Paid out, net of repayments and reclaims.' })
  disbursed: Decimal;

  @Field(() => DecimalScalar, { description: 'Instalment − requested − approved − disbursed: the most a new request may ask for.' })
  available: Decimal;

  @Field(() => [DrawdownRoomLineModel])
  categories: DrawdownRoomLineModel[];
}
