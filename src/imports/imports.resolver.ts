import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';

import { MutationTransaction } from '../audit/mutation-transaction.js';
import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { CreateImportProfileInput, SetMappingRulesInput } from './dto/imports.inputs.js';
import { ImportBookingService } from './import-booking.service.js';
import { ImportReadsService, toImportModel } from './import-reads.service.js';
import { ImportRowStatus } from './imports.enums.js';
import { toProfileModel, toRuleSetModel } from './imports.mapper.js';
import { MappingRulesService } from './mapping-rules.service.js';
import {
  BankReconciliationModel,
  BookingImportModel,
  ImportProfileModel,
  ImportProgressModel,
  ImportRowModel,
  MappingRuleSetModel,
} from './models/imports.models.js';

/** Money mutations lock rows (READ COMMITTED); a deadlock victim is re-run as a whole, a few times. */
const MONEY_MUTATION = { retries: 3 };

/** Imports of bookings: profiles, mapping rules, preview, commit, bank reconciliation. The upload itself is POST /imports. */
@Resolver()
export class ImportsResolver {
  constructor(
    private readonly rules: MappingRulesService,
    private readonly bookings: ImportBookingService,
    private readonly reads: ImportReadsService,
  ) {}

  @Allow(...MONEY_READERS)
  @Query(() => [ImportProfileModel], { description: 'The saved CSV import profiles of a project.' })
  async importProfiles(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return (await this.rules.profiles(user, projectId)).map(toProfileModel);
  }

  @Allow(...MONEY_READERS)
  @Query(() => MappingRuleSetModel, {
    nullable: true,
    description: 'The mapping rules of a project: the latest version, or the one asked for.',
  })
  async mappingRules(
    @CurrentUser() user: AuthUser,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ) {
    const set = await this.rules.rules(user, projectId, version);
    return set ? toRuleSetModel(set) : null;
  }

  @Allow(...MONEY_READERS)
  @Query(() => [BookingImportModel], { description: 'The imports of a project, newest first (at most 200).' })
  bookingImports(@CurrentUser() user: AuthUser, @Args('projectId', { type: () => ID }) projectId: string) {
    return this.reads.list(user, projectId);
  }

  @Allow(...MONEY_READERS)
  @Query(() => BookingImportModel)
  bookingImport(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.reads.byId(user, id);
  }

  @Allow(...MONEY_READERS)
  @Query(() => [ImportRowModel], {
    description: "Staged rows in line order, optionally of one status (e.g. PROBLEM: the preview's problem list with reasons).",
  })
  importRows(
    @CurrentUser() user: AuthUser,
    @Args('importId', { type: () => ID }) importId: string,
    @Args('status', { type: () => ImportRowStatus, nullable: true }) status?: ImportRowStatus,
    @Args('afterLine', { type: () => Int, nullable: true }) afterLine?: number,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
  ) {
    return this.reads.rows(user, importId, { status, afterLine, first });
  }

  @Allow(...MONEY_READERS)
  @Query(() => ImportProgressModel, { description: 'How far the upload, preview or commit of an import has got; poll it while one runs.' })
  importProgress(@CurrentUser() user: AuthUser, @Args('importId', { type: () => ID }) importId: string) {
    return this.reads.progress(user, importId);
  }

  @Allow(...MONEY_READERS)
  @Query(() => BankReconciliationModel, {
    description:
      'The debits of a camt.053 import matched to booked receipts (amount, date window, counterparty, reference); unmatched on both sides.',
  })
  bankReconciliation(
    @CurrentUser() user: AuthUser,
    @Args('importId', { type: () => ID }) importId: string,
    @Args('windowDays', { type: () => Int, defaultValue: 7 }) windowDays = 7,
  ) {
    return this.reads.reconciliation(user, importId, windowDays);
  }

  @Allow(...MONEY_WRITERS)
  @Mutation(() => ImportProfileModel, {
    description: 'Saves how one source writes its CSV export (delimiter, encoding, number and date formats, header names).',
  })
  async createImportProfile(@CurrentUser() user: AuthUser, @Args('input') input: CreateImportProfileInput) {
    return toProfileModel(await this.rules.createProfile(user, input));
  }

  @Allow(...MONEY_WRITERS)
  @Mutation(() => MappingRuleSetModel, { description: "Stores a new version of the project's mapping rules (the whole set)." })
  async setMappingRules(@CurrentUser() user: AuthUser, @Args('input') input: SetMappingRulesInput) {
    return toRuleSetModel(await this.rules.setRules(user, input));
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => BookingImportModel, {
    description: "Applies the mapping rules and the ledger's rules to every staged row; books nothing. The rows: importRows.",
  })
  async previewImport(@CurrentUser() user: AuthUser, @Args('importId', { type: () => ID }) importId: string) {
    return toImportModel(await this.bookings.preview(user, importId));
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => BookingImportModel, { description: "Books the previewed import's valid rows and corrections in one transaction (once)." })
  async commitImport(@CurrentUser() user: AuthUser, @Args('importId', { type: () => ID }) importId: string) {
    return toImportModel(await this.bookings.commit(user, importId));
  }

  @Allow(...MONEY_WRITERS)
  @MutationTransaction(MONEY_MUTATION)
  @Mutation(() => BankReconciliationModel, {
    description: "Stores the matches of bankReconciliation: each matched receipt's payment is confirmed by the bank.",
  })
  confirmBankPayments(
    @CurrentUser() user: AuthUser,
    @Args('importId', { type: () => ID }) importId: string,
    @Args('windowDays', { type: () => Int, defaultValue: 7 }) windowDays = 7,
  ) {
    return this.reads.confirm(user, importId, windowDays);
  }
}
