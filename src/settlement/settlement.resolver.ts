import { Args, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { PROGRAM_OVERVIEW_ROLES } from '../budget/budget.access.js';
import { ProgramSettlementsArgs, SettlementArgs } from './dto/settlement.args.js';
import { ProgramSettlementsModel, SettlementModel } from './models/settlement.model.js';
import { SETTLEMENT_READERS, SettlementService } from './settlement.service.js';

@Resolver()
export class SettlementResolver {
  constructor(private readonly service: SettlementService) {}

  @Allow(...SETTLEMENT_READERS)
  @Query(() => SettlementModel, {
    description:
      'Schlussabrechnung of a project (ANBest-P Nr. 2, § 49a VwVfG) as booked up to asOf, or as a what-if; with the Berechnung step by step.',
  })
  settlement(@CurrentUser() user: AuthUser, @Args() args: SettlementArgs) {
    return this.service.settlement(user, args);
  }

  @Allow(...PROGRAM_OVERVIEW_ROLES)
  @Query(() => ProgramSettlementsModel, { description: 'The settlement of every visible project of a programme, as of one date.' })
  programSettlements(@CurrentUser() user: AuthUser, @Args() args: ProgramSettlementsArgs) {
    return this.service.programSettlements(user, args);
  }
}
