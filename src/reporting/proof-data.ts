import type { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import type { FundingSourceKind } from '../budget/budget.enums.js';
import type { Narrative } from '../narrative/narrative-reads.js';
import type { Settlement } from '../settlement/settlement.js';
import type { ChartYear } from './pdf/spending-chart.js';
import type { ProofKind } from './proof.enums.js';

/**
 * Everything a proof is rendered from: loaded in one snapshot (proof-loader.ts), then laid out by
 * pure builders. A download of one file loads only the sections that file needs (proof-files.ts
 * says which); the others stay undefined, and `loaded()` throws if a layout asks for one anyway,
 * so a missing section can never render as an empty table.
 */
export interface ProofData extends Partial<ProofContent> {
  header: ProofHeader;
}

export interface ProofContent {
  /** The numerical proof: these four load together (the result needs the actuals and the drawdowns). */
  planVsActual: PlanVsActualRow[];
  financing: FinancingRow[];
  drawdowns: DrawdownRow[];
  result: ProofResult;
  receipts: ReceiptRow[];
  indicators: IndicatorRow[];
  participants: ParticipantCell[];
  problems: PreflightProblem[];
  /** Planned and actual spending per fiscal year of the approval period (the PDF chart). */
  chart: ChartYear[];
  /** The final proof's Schlussabrechnung (settlement module); null without a plan in force. */
  settlement: Settlement | null;
  /** The saved text of the proof's Sachbericht (narrative module). */
  narrative: Narrative;
}

/** What the loader can load on its own; a file names the sections it needs. */
export type ProofSection = 'numbers' | 'receipts' | 'indicators' | 'participants' | 'problems' | 'chart' | 'settlement' | 'narrative';

export const ALL_SECTIONS: readonly ProofSection[] = [
  'numbers',
  'receipts',
  'indicators',
  'participants',
  'problems',
  'chart',
  'settlement',
  'narrative',
];

/**
 * The last day the participant statistics of a proof count: its period's end, or the as-of date if
 * earlier (persons who had entered by then, outcomes observed by then).
 */
export const statisticsUpTo = (p: { periodTo: LocalDate; asOf: LocalDate }): LocalDate => (p.asOf < p.periodTo ? p.asOf : p.periodTo);

/**
 * The last day whose spending and repayments the proof's Mittelabrufe, interest and pre-flight
 * count: an interim proof's period end (or the as-of date if earlier), so its bytes do not change
 * with bookings of later years; the final proof's as-of date (interest runs until repaid).
 */
export const figuresUpTo = (p: { kind: ProofKind; periodTo: LocalDate; asOf: LocalDate }): LocalDate =>
  p.kind === 'INTERIM' ? statisticsUpTo(p) : p.asOf;

/** A section of the proof data that must have been loaded for the file being rendered. */
export function loaded<K extends keyof ProofContent>(data: ProofData, key: K): ProofContent[K] {
  const value = data[key];
  if (value === undefined) throw new Error(`The proof data "${key}" was not loaded for this file.`);
  return value as ProofContent[K];
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
  /** The grant decision (Zuwendungsbescheid: revision 0) and the amendment decisions in force on the as-of date. */
  decisions: GrantDecision[];
}

export interface GrantDecision {
  number: number;
  referenceNumber: string;
  referenceDate: LocalDate;
  effectiveDate: LocalDate;
  reason: string;
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
  /** The underspending exceeds the programme's percent (money likely to lapse or to be reclaimed). */
  underPercent: boolean;
  /** The finance officer's Erläuterung of the deviation (ProofExplanation), if given. */
  explanation: string | null;
  /** The overrun rule says a revision is needed (not covered by savings or beyond the percent). */
  needsRevision: boolean;
}

export interface FinancingRow {
  kind: FundingSourceKind;
  planned: Decimal;
  /** What actually covered the spending (numerical-proof.ts, financingRows, says how each kind is proven). */
  actual: Decimal;
  /** Abweichung: actual − planned. */
  deviation: Decimal;
}

/**
 * One row of the Mittelabrufe table. Every row adds up: amount = used + repaid + balance (a
 * repayment or reclaim row: amount = repaid, both negative), and so does the sum row.
 */
export interface DrawdownRow {
  id: string;
  fiscalYear: number;
  number: number;
  kind: string;
  date: LocalDate;
  amount: Decimal;
  /** FIFO use for eligible spending up to the proof's cut-off (figuresUpTo); null for repayments and reclaims. */
  used: Decimal | null;
  /** Of `used`: spending paid before the proof's period ("davon aus Vorjahren"). */
  usedForEarlier: Decimal | null;
  /** Of `used`: spending paid after the proof's period (final proof with a later as-of date). */
  usedForLater: Decimal | null;
  /** A tranche: how much of it repayments took back (FIFO); a repayment or reclaim row: its own (negative) amount. */
  repaid: Decimal;
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
  /** How the over-/underpayment follows from the Mittelabrufe table (drawdownReconciliation). */
  reconciliation: ResultReconciliation;
}

/**
 * overpayment = balance + repaid + usedForEarlier + usedForLater − coveredOtherwise + ownShare,
 * each figure a sum of the Mittelabrufe table or of the Soll-Ist table, to the cent.
 */
export interface ResultReconciliation {
  /** Bestand: the unused balance of the table's tranches. */
  balance: Decimal;
  /** Sum of the table's "zurückgezahlt" column (repayments netted against what they took back). */
  repaid: Decimal;
  /** Spending of earlier periods covered by this period's tranches ("davon aus Vorjahren"). */
  usedForEarlier: Decimal;
  /** Spending after the period covered by the table's tranches. */
  usedForLater: Decimal;
  /** Eligible spending of the period not covered by the table's tranches (earlier tranches, pre-financed). */
  coveredOtherwise: Decimal;
  /** Eligible spending − grant share (the own share of a share financing). */
  ownShare: Decimal;
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

export type PreflightCode =
  'EXPENDITURE_NOT_IN_PLAN' | 'DRAWDOWN_UNDECIDED' | 'OVERRUN_WITHOUT_REVISION' | 'PARTICIPANT_DATA_MISSING' | 'DRAWDOWN_OVERDUE';
