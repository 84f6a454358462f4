import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';

import { MutationTransaction } from '../audit/mutation-transaction.js';
import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { TOTALS_CHECKERS } from '../budget/budget.access.js';
import { BudgetOverviewModel } from '../budget/models/budget-overview.model.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { IncomesArgs, RecordIncomeInput, ReverseIncomeInput } from './dto/income.inputs.js';
import { IncomeReads } from './income-reads.js';
import { IncomeService } from './income.service.js';
import { BudgetFundingModel, IncomeConnection, IncomeCorrectionModel, IncomeModel, IncomeTotalsCheckModel } from './models/income.model.js';

/** Money mutations lock rows (READ COMMITTED); a deadlock victim is re-run as a whole, a few times. */
const MONEY_MUTATION = { retries: 3 };

@Resolver(() => IncomeModel)
export class IncomeResolver {
  constructor(
    private readonly service: IncomeService,
    private readonly reads: IncomeReads,
  ) {}

  @Allow(...MONEY_READERS)
  @Query(() => IncomeConnection, {
    description: 'The income ledger (Einnahmen) of a project in payment-date order, filtered, with cursor pagination.',
  })
  incomes(@CurrentUser() user: AuthUser, @Args() args: IncomesArgs) {
    return this.reads.list(user, args);
  }

  @Allow(...MONEY_READERS)
  @Query(() => IncomeModel)
  income(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.reads.byId(user, id);
  }

  @Allow(...TOTALS_CHECKERS)
  @Query(() => IncomeTotalsCheckModel, {
    description: "Recomputes a project's maintained income totals from the ledger and lists every difference.",
  })
  incomeTotalsCheck(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.reads.checkTotals(user, projectId, TOTALS_CHECKERS);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => IncomeModel, {
    description: 'Books an income (own funds, third-party funds, project income, interest income); append-only.',
  })
  recordIncome(@CurrentUser() user: AuthUser, @Args('input') input: RecordIncomeInput) {
    return this.service.record(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => IncomeCorrectionModel, {
    description:
      'Reverses an income booking (Storno) with a reason; with a replacement, books the corrected entry in the same transaction.',
  })
  reverseIncome(@CurrentUser() user: AuthUser, @Args('input') input: ReverseIncomeInput) {
    return this.service.reverse(user, input);
  }
}

/** Adds the Einnahmen (planned against actual per funding source) to the budget overview. */
@Resolver(() => BudgetOverviewModel)
export class BudgetFundingResolver {
  constructor(private readonly reads: IncomeReads) {}

  @ResolveField(() => BudgetFundingModel, {
    description: 'Deckungsmittel: Soll lt. Finanzierungsplan, Ist and Abweichung per funding source and fiscal year (Ist as booked now).',
  })
  funding(overview: BudgetOverviewModel) {
    return this.reads.fundingOf(overview);
  }
}
