import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import { MutationTransaction } from '../audit/mutation-transaction.js';
import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { DrawdownReads } from './drawdown-reads.js';
import { DrawdownsService } from './drawdowns.service.js';
import { DRAWDOWN_APPROVERS, MONEY_READERS, MONEY_WRITERS } from './money-access.js';
import { DrawdownArgs, DrawdownRoomArgs, DrawdownsArgs } from './dto/drawdown.args.js';
import {
  DecideDrawdownInput,
  DisburseDrawdownInput,
  RecordRepaymentInput,
  RequestDrawdownInput,
  SubmitDrawdownInput,
} from './dto/drawdown.inputs.js';
import { DrawdownModel, DrawdownRoomModel } from './models/drawdown.model.js';

/** Money mutations lock rows (READ COMMITTED); a deadlock victim is re-run as a whole, a few times. */
const MONEY_MUTATION = { retries: 3 };

@Resolver(() => DrawdownModel)
export class TranchesResolver {
  constructor(
    private readonly service: DrawdownsService,
    private readonly reads: DrawdownReads,
  ) {}

  @Allow(...MONEY_READERS)
  @Query(() => [DrawdownModel], {
    description: 'Drawdowns of a project (optionally one fiscal year) with status, use and interest as of a day.',
  })
  drawdowns(@CurrentUser() user: AuthUser, @Args() args: DrawdownsArgs) {
    return this.reads.list(user, args);
  }

  @Allow(...MONEY_READERS)
  @Query(() => DrawdownModel)
  drawdown(@CurrentUser() user: AuthUser, @Args() args: DrawdownArgs) {
    return this.reads.one(user, args);
  }

  @Allow(...MONEY_READERS)
  @Query(() => DrawdownRoomModel, {
    description: "What can I draw now: the fiscal year's instalment against what is requested, approved or disbursed, per cost category.",
  })
  drawdownRoom(@CurrentUser() user: AuthUser, @Args() args: DrawdownRoomArgs) {
    return this.reads.room(user, args);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Prepares a drawdown (PLANNED); it claims nothing until submitted.' })
  planDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: RequestDrawdownInput) {
    return this.service.plan(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: "Requests a tranche (REQUESTED); refused beyond the year's instalment or the horizon." })
  requestDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: RequestDrawdownInput) {
    return this.service.request(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Sends a planned drawdown as a request.' })
  submitDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: SubmitDrawdownInput) {
    return this.service.submit(user, input);
  }

  @Allow(...DRAWDOWN_APPROVERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Four eyes: approves a request; never by its requester.' })
  approveDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: DecideDrawdownInput) {
    return this.service.approve(user, input);
  }

  @Allow(...DRAWDOWN_APPROVERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Four eyes: rejects a request with a comment; never by its requester.' })
  rejectDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: DecideDrawdownInput) {
    return this.service.reject(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Records the payout of an approved tranche.' })
  disburseDrawdown(@CurrentUser() user: AuthUser, @Args('input') input: DisburseDrawdownInput) {
    return this.service.disburse(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => DrawdownModel, { description: 'Records money going back (repayment or reclaim) as a negative tranche with a reason.' })
  recordRepayment(@CurrentUser() user: AuthUser, @Args('input') input: RecordRepaymentInput) {
    return this.service.recordRepayment(user, input);
  }
}
