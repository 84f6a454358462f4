import { registerEnumType } from '@nestjs/graphql';

import { FundingSourceKind } from '../budget/budget.enums.js';

/** What kind of incoming money an income booking is (the proof's "1. Einnahmen" rows). */
export enum IncomeType {
  /** Eigenmittel: the grantee's (or a partner's) own contribution. */
  OWN_FUNDS = 'OWN_FUNDS',
  /** Drittmittel: money from another funder, named as payer. */
  THIRD_PARTY_FUNDS = 'THIRD_PARTY_FUNDS',
  /** Einnahmen the project itself earns (fees, sales). */
  PROJECT_INCOME = 'PROJECT_INCOME',
  /** Zinserträge, e.g. on a tranche held on the project account. */
  INTEREST_INCOME = 'INTEREST_INCOME',
}

/** The funding source (Deckungsmittel) of the plan each type of income belongs to. */
export const SOURCE_OF_TYPE: Record<IncomeType, FundingSourceKind> = {
  [IncomeType.OWN_FUNDS]: FundingSourceKind.OWN_FUNDS,
  [IncomeType.THIRD_PARTY_FUNDS]: FundingSourceKind.THIRD_PARTY_FUNDS,
  [IncomeType.PROJECT_INCOME]: FundingSourceKind.INCOME,
  [IncomeType.INTEREST_INCOME]: FundingSourceKind.INCOME,
};

/** The type assumed when a booking names only its funding source. */
export const DEFAULT_TYPE: Partial<Record<FundingSourceKind, IncomeType>> = {
  [FundingSourceKind.OWN_FUNDS]: IncomeType.OWN_FUNDS,
  [FundingSourceKind.THIRD_PARTY_FUNDS]: IncomeType.THIRD_PARTY_FUNDS,
  [FundingSourceKind.INCOME]: IncomeType.PROJECT_INCOME,
};

/** The funding sources income can be booked to: every kind but the federal grant, which arrives as drawdowns. */
export const INCOME_SOURCES = [FundingSourceKind.OWN_FUNDS, FundingSourceKind.THIRD_PARTY_FUNDS, FundingSourceKind.INCOME] as const;

registerEnumType(IncomeType, { name: 'IncomeType', description: 'Eigenmittel, Drittmittel, Projekteinnahmen or Zinserträge.' });
