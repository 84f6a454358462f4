import type { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import type { FundingSourceKind } from '../budget/budget.enums.js';
import type { ProofKind } from './proof.enums.js';

/** Everything a proof is rendered from: loaded once (proof-loader.ts), then laid out by pure builders. */
export interface ProofData {
  header: ProofHeader;
  planVsActual: PlanVsActualRow[];
  financing: FinancingRow[];
  drawdowns: DrawdownRow[];
  result: ProofResult;
  receipts: ReceiptRow[];
  indicators: IndicatorRow[];
  participants: ParticipantCell[];
  problems: PreflightProblem[];
}

export interface ProofHeader {
  projectId: string;
  fileNumber: string;
  title: string;
  grantee: string;
  programName: string;
  kind: ProofKind;
  fiscalYear: number | null;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  asOf: LocalDate;
  fundingRate: Decimal;
  lineOverrunPercent: Decimal;
  approvedTotal: Decimal;
}

export interface PlanVsActualRow {
  costCategoryId: string;
  code: string;
  name: string;
  planned: Decimal;
  actual: Decimal;
  deviation: Decimal;
  /** Rounded half up to two decimals for display; null where nothing is planned. */
  deviationPercent: Decimal | null;
  /** The overrun exceeds the programme's percent (ANBest-P Nr. 1.2). */
  overPercent: boolean;
  /** The overrun rule says a revision is needed (not covered by savings or beyond the percent). */
  needsRevision: boolean;
}

export interface FinancingRow {
  kind: FundingSourceKind;
  planned: Decimal;
  /** What actually came in; known for the federal grant (the payouts), null for the others. */
  actual: Decimal | null;
}

export interface DrawdownRow {
  id: string;
  fiscalYear: number;
  number: number;
  kind: string;
  date: LocalDate;
  amount: Decimal;
  /** FIFO use on the as-of date; null for repayments and reclaims. */
  used: Decimal | null;
  balance: Decimal | null;
  interestOwed: Decimal | null;
}

export interface ProofResult {
  eligibleSpending: Decimal;
  /** The grant's share of the eligible spending (funding rate; at most the approved total). */
  grantShare: Decimal;
  received: Decimal;
  /** received − grantShare: positive is an overpayment (to repay), negative an underpayment. */
  overpayment: Decimal;
  interestOwed: Decimal;
}

export interface ReceiptRow {
  receiptNumber: string;
  categoryCode: string;
  categoryName: string;
  paymentDate: LocalDate;
  invoiceDate: LocalDate;
  payee: string;
  purpose: string;
  gross: Decimal;
  ineligible: Decimal;
  eligible: Decimal;
  remark: string | null;
}

export interface IndicatorRow {
  code: string;
  name: string;
  unit: string;
  period: string;
  baseline: Decimal | null;
  milestone: Decimal | null;
  target: Decimal | null;
  cumulativeActual: Decimal | null;
  women: number | null;
  men: number | null;
  diverse: number | null;
  attainmentPercent: Decimal | null;
  dataSource: string;
  remark: string | null;
}

export interface ParticipantCell {
  dimension: string;
  value: string;
  /** null when suppressed (fewer persons than the programme's minimum cell size). */
  count: number | null;
}

export interface PreflightProblem {
  code: PreflightCode;
  message: string;
  recordType: string;
  recordId: string;
  /** The GraphQL query that fetches the record. */
  link: string;
}

export type PreflightCode = 'EXPENDITURE_NOT_IN_PLAN' | 'DRAWDOWN_UNDECIDED' | 'OVERRUN_WITHOUT_REVISION' | 'PARTICIPANT_DATA_MISSING' | 'DRAWDOWN_OVERDUE';
