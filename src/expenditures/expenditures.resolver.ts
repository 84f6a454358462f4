import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';

import { MutationTransaction } from '../audit/mutation-transaction.js';
import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { RecordExpenditureInput, ReverseExpenditureInput, SetExpenditureStatusInput } from './dto/expenditure.inputs.js';
import { LedgerArgs } from './dto/ledger.args.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { ExpendituresService } from './expenditures.service.js';
import { LedgerReads } from './ledger-reads.js';
import { ExpenditureConnection, ExpenditureCorrectionModel, ExpenditureModel } from './models/expenditure.model.js';

/** Money mutations lock rows (READ COMMITTED); a deadlock victim is re-run as a whole, a few times. */
const MONEY_MUTATION = { retries: 3 };

@Resolver(() => ExpenditureModel)
export class ExpendituresResolver {
  constructor(
    private readonly service: ExpendituresService,
    private readonly reads: LedgerReads,
  ) {}

  @Allow(...MONEY_READERS)
  @Query(() => ExpenditureConnection, {
    description: 'The receipt ledger of a project in payment-date order, filtered, with cursor pagination.',
  })
  expenditures(@CurrentUser() user: AuthUser, @Args() args: LedgerArgs) {
    return this.reads.list(user, args);
  }

  @Allow(...MONEY_READERS)
  @Query(() => ExpenditureModel)
  expenditure(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.reads.byId(user, id);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => ExpenditureModel, { description: 'Books a receipt (append-only).' })
  recordExpenditure(@CurrentUser() user: AuthUser, @Args('input') input: RecordExpenditureInput) {
    return this.service.record(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => ExpenditureCorrectionModel, {
    description: 'Reverses a booking (Storno) with a reason; with a replacement, books the corrected entry in the same transaction.',
  })
  reverseExpenditure(@CurrentUser() user: AuthUser, @Args('input') input: ReverseExpenditureInput) {
    return this.service.reverse(user, input);
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => ExpenditureModel, { description: 'Moves a receipt to checked, included in a proof, or rejected.' })
  setExpenditureStatus(@CurrentUser() user: AuthUser, @Args('input') input: SetExpenditureStatusInput) {
    return this.service.setStatus(user, input);
  }
}
