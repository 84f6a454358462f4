import { registerEnumType } from '@nestjs/graphql';

/** Deckungsmittel: where the money of the plan comes from (docs/domain.md#vocabulary). */
export enum FundingSourceKind {
  /** Zuwendung: the federal grant; per fiscal year it equals the annual instalment. */
  FEDERAL_GRANT = 'FEDERAL_GRANT',
  /** Eigenmittel of the grantee. */
  OWN_FUNDS = 'OWN_FUNDS',
  /** Drittmittel: funds from third parties. */
  THIRD_PARTY_FUNDS = 'THIRD_PARTY_FUNDS',
  /** Einnahmen the project itself earns. */
  INCOME = 'INCOME',
}

/** Result of the line-overrun rule (ANBest-P Nr. 1.2) for one figure of the overview. */
export enum OverrunStatus {
  /** Actual spending is within the plan. */
  OK = 'OK',
  /** Over plan, but within the programme's allowed percent and covered by savings on other lines. */
  WITHIN_TOLERANCE = 'WITHIN_TOLERANCE',
  /** Over plan beyond what the rule allows: only an amendment (revision) can cover it. */
  NEEDS_REVISION = 'NEEDS_REVISION',
}

registerEnumType(FundingSourceKind, { name: 'FundingSourceKind', description: 'Deckungsmittel: the kinds of cover of a financing plan.' });
registerEnumType(OverrunStatus, { name: 'OverrunStatus', description: 'Status of the line-overrun rule (ANBest-P Nr. 1.2).' });
