import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { type FundingSourceKind } from '../budget/budget.enums.js';
import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import type { IndicatorReportModel } from '../indicators/models/indicator-report.model.js';
import { loadStatisticsRows, tallyParticipants } from '../participants/statistics.js';
import { FinancingType } from '../programs/programs.enums.js';
import { type TrancheUseFigures, trancheUses } from '../tranches/tranche-use.js';
import { PAID_STATUSES } from '../tranches/tranches.enums.js';
import { IncomeTotals } from '../income/income-totals.js';
import { loadNarrative } from '../narrative/narrative-reads.js';
import { settleProject } from '../settlement/settlement.service.js';
import { germanDate } from './layouts/proof-layout.js';
import { RECEIPT_JOINS, RECEIPT_ORDER, RECEIPT_REMARK } from './receipt-sql.js';
import { drawdownRows, financingRows, planVsActual, proofResult } from './numerical-proof.js';
import type { ChartYear } from './pdf/spending-chart.js';
import {
  type DrawdownRow,
  type IndicatorRow,
  type ParticipantCell,
  type ProofData,
  type ProofHeader,
  type ProofSection,
  type ReceiptRow,
  figuresUpTo,
  statisticsUpTo,
} from './proof-data.js';
import { ProofKind } from './proof.enums.js';
import { plansUpToSql } from '../budget/plan-in-force.js';
import { countsSql } from '../expenditures/counting-filter.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row: columns are read by name and parsed one by one where they are used
type Row = Record<string, any>;

export interface ProofScope {
  projectId: string;
  kind: ProofKind;
  fiscalYear: number | null;
  periodFrom: LocalDate;
  periodTo: LocalDate;
  asOf: LocalDate;
}

/**
 * The ledger filter of a proof: receipts that count (the ledger's countsSql), paid within the
 * period and by the as-of date. `v` gives the SQL of the values: placeholders for the ORM,
 * literals for COPY (which takes no parameters).
 */
export function receiptsInScope(v: { project: string; from: string; to: string; asOf: string }): string {
  return `e.project_id = ${v.project} and e.payment_date between ${v.from} and ${v.to} and e.payment_date <= ${v.asOf}
     and ${countsSql('e', v.project)}`;
}

/** receiptsInScope with placeholders, bound by receiptParams. */
export const RECEIPTS_IN_SCOPE = receiptsInScope({ project: '?', from: '?', to: '?', asOf: '?' });
export const receiptParams = (s: ProofScope) => [s.projectId, s.periodFrom, s.periodTo, s.asOf, s.projectId];

/** The receipt list's columns and order: per cost category (plan order), then RECEIPT_ORDER. */
export const RECEIPT_SELECT = `
  select e.receipt_number, cc.code, cc.name, e.payment_date::text as payment_date, e.invoice_date::text as invoice_date,
         e.payee, e.purpose, e.gross_amount::text as gross, e.ineligible_amount::text as ineligible, e.eligible_amount::text as eligible,
         ${RECEIPT_REMARK} as remark
    from expenditure e
    join cost_category cc on cc.id = e.cost_category_id ${RECEIPT_JOINS}
   where ${RECEIPTS_IN_SCOPE}
   order by cc.sort_order, cc.code, ${RECEIPT_ORDER}`;

export function toReceiptRow(r: Row): ReceiptRow {
  return {
    receiptNumber: r.receipt_number,
    categoryCode: r.code,
    categoryName: r.name,
    paymentDate: r.payment_date,
    invoiceDate: r.invoice_date,
    payee: r.payee,
    purpose: r.purpose,
    gross: new Decimal(r.gross),
    ineligible: new Decimal(r.ineligible),
    eligible: new Decimal(r.eligible),
    remark: r.remark ?? null,
  };
}

/**
 * Loads the sections of one proof that `needs` names (proof-files.ts knows which file needs which),
 * inside the caller's read-only snapshot (REPEATABLE READ), so a booking committed meanwhile is
 * wholly in or wholly out. Everything is ordered explicitly: the same data and as-of date give the
 * same ProofData, and so the same bytes in every format, whichever sections a request loads.
 * `uses` is the FIFO use of the tranches (pre-flight needs it); it comes with the numbers.
 */
export async function loadProofData(
  em: EntityManager,
  scope: ProofScope,
  needs: ReadonlySet<ProofSection>,
  indicatorReport: IndicatorReportModel | null,
  minCellSize: number,
): Promise<{ data: Omit<ProofData, 'problems'>; uses: Map<string, TrancheUseFigures> | null }> {
  const q = (sql: string, params: unknown[]) => em.execute<Row[]>(sql, params);
  const [project] = await q(
    `select p.id, p.file_number, p.title, p.grantee, p.funding_rate::text as funding_rate, p.approved_total::text as approved_total, p.financing_type,
            p.approval_start::text as approval_start, p.approval_end::text as approval_end,
            fp.name as program_name, fp.line_overrun_percent::text as line_overrun_percent, fp.drawdown_horizon_days
       from project p join funding_program fp on fp.id = p.program_id where p.id = ?`,
    [scope.projectId],
  );
  // The grant decision and the amendments in force on the as-of date; the last one's plan applies.
  const decisions = await q(
    plansUpToSql(
      'id, number, reference_number, reference_date::text as reference_date, effective_date::text as effective_date, reason',
      '?',
      '?',
    ),
    [scope.projectId, scope.asOf],
  );
  const revisionId: string | null = decisions.at(-1)?.id ?? null;
  const header: ProofHeader = {
    projectId: project.id,
    fileNumber: project.file_number,
    title: project.title,
    grantee: project.grantee,
    programName: project.program_name,
    kind: scope.kind,
    fiscalYear: scope.fiscalYear,
    periodFrom: scope.periodFrom,
    periodTo: scope.periodTo,
    asOf: scope.asOf,
    fundingRate: new Decimal(project.funding_rate),
    lineOverrunPercent: new Decimal(project.line_overrun_percent),
    approvedTotal: new Decimal(project.approved_total),
    decisions: decisions.map((d) => ({
      number: Number(d.number),
      referenceNumber: d.reference_number,
      referenceDate: d.reference_date,
      effectiveDate: d.effective_date,
      reason: d.reason,
    })),
  };
  const skip = Promise.resolve(undefined);
  // Pre-flight judges overruns and overdue tranches, so it needs the numbers too.
  const numbersNeeded = needs.has('numbers') || needs.has('problems');
  const [numbers, receipts, statistics, chart, settlement, narrative] = await Promise.all([
    numbersNeeded ? numericalProof(em, scope, header, revisionId, project) : skip,
    needs.has('receipts') ? q(RECEIPT_SELECT, receiptParams(scope)) : skip,
    // The participants as known on the proof's period end or as-of date, whichever comes first.
    needs.has('participants') ? loadStatisticsRows(em, scope.projectId, statisticsUpTo(scope)) : skip,
    // The chart ends at the proof's period: an interim proof shows the years up to its own.
    needs.has('chart') ? chartData(em, scope, revisionId, { start: project.approval_start, end: scope.periodTo }) : skip,
    // The settlement module's Schlussabrechnung as of the as-of date, in this snapshot (final proof only).
    needs.has('settlement') && scope.kind === ProofKind.FINAL ? settleProject(em, scope.projectId, scope.asOf) : skip,
    needs.has('narrative') ? loadNarrative(em, scope.projectId, scope.kind, scope.fiscalYear) : skip,
  ]);
  if (needs.has('indicators') && !indicatorReport) throw new Error('The indicator report is needed but was not given.');
  return {
    data: {
      header,
      ...(numbers?.content ?? {}),
      ...(receipts && { receipts: receipts.map(toReceiptRow) }),
      ...(needs.has('indicators') && { indicators: indicatorRows(indicatorReport!) }),
      ...(statistics && { participants: participantCells(tallyParticipants(statistics, minCellSize, true)) }),
      ...(chart && { chart }),
      ...(needs.has('settlement') && { settlement: settlement?.settlement ?? null }),
      ...(narrative && { narrative }),
    },
    uses: numbers?.uses ?? null,
  };
}

/** Soll-Ist-Vergleich, Finanzierung, Mittelabrufe and Ergebnis: they depend on each other, so they load together. */
async function numericalProof(em: EntityManager, scope: ProofScope, header: ProofHeader, revisionId: string | null, project: Row) {
  const q = (sql: string, params: unknown[]) => em.execute<Row[]>(sql, params);
  const years = scope.kind === ProofKind.INTERIM ? [scope.fiscalYear!] : rangeOfYears(scope.periodFrom, scope.periodTo);
  // Spending and repayments count up to the cut-off, so an interim proof does not change with later years.
  const upTo = figuresUpTo(scope);
  const [plan, actuals, sources, drawdowns, uses, income, explanations] = await Promise.all([
    q(
      `select bl.cost_category_id as id, sum(bl.planned)::text as planned from budget_line bl
        where bl.project_id = ? and bl.revision_id = ? and bl.fiscal_year in (?) group by bl.cost_category_id`,
      [scope.projectId, revisionId, years],
    ),
    q(
      `select e.cost_category_id as id, sum(e.eligible_amount)::text as actual
         from expenditure e
        where ${RECEIPTS_IN_SCOPE} group by e.cost_category_id`,
      receiptParams(scope),
    ),
    q(
      'select kind, sum(amount)::text as amount from funding_source where project_id = ? and revision_id = ? and fiscal_year in (?) group by kind',
      [scope.projectId, revisionId, years],
    ),
    q(
      `select id, fiscal_year, number, kind, payout_date::text as payout_date, amount::text as amount from drawdown
        where project_id = ? and status in (?) and payout_date <= ? and fiscal_year in (?)
        order by payout_date, fiscal_year, number, id`,
      [scope.projectId, PAID_STATUSES, upTo, years],
    ),
    trancheUses(em, scope.projectId, Number(project.drawdown_horizon_days), upTo),
    // Einnahmen of the proof's years, booked with a payment date up to the as-of date (income ledger).
    new IncomeTotals().received(em, [scope.projectId], scope.asOf),
    q('select cost_category_id as id, text from proof_explanation where project_id = ? and kind = ? and fiscal_year = ?', [
      scope.projectId,
      scope.kind,
      scope.fiscalYear ?? 0,
    ]),
  ]);
  const categoryIds = [...new Set([...plan, ...actuals].map((r) => r.id as string))];
  const categories = categoryIds.length
    ? await q('select id, code, name, sort_order from cost_category where id in (?)', [categoryIds])
    : [];
  const plannedOf = new Map(plan.map((r) => [r.id, new Decimal(r.planned)]));
  const actualOf = new Map(actuals.map((r) => [r.id, new Decimal(r.actual)]));
  const explanationOf = new Map(explanations.map((r) => [r.id as string, r.text as string]));
  const rows = planVsActual(
    categories.map((c) => ({
      costCategoryId: c.id,
      code: c.code,
      name: c.name,
      sortOrder: Number(c.sort_order),
      planned: plannedOf.get(c.id) ?? ZERO,
      actual: actualOf.get(c.id) ?? ZERO,
      explanation: explanationOf.get(c.id) ?? null,
    })),
    header.lineOverrunPercent,
    project.financing_type === FinancingType.FIXED_AMOUNT,
  );
  const drawdownTable: DrawdownRow[] = drawdownRows(
    drawdowns.map((d) => ({
      id: d.id,
      fiscalYear: Number(d.fiscal_year),
      number: Number(d.number),
      kind: d.kind,
      date: d.payout_date,
      amount: new Decimal(d.amount),
    })),
    uses,
    { from: scope.periodFrom, to: scope.periodTo },
  );
  const eligible = rows.reduce((s, r) => s.plus(r.actual), ZERO);
  const result = proofResult(eligible, header.fundingRate, header.approvedTotal, drawdownTable);
  const planned = new Map(sources.map((s) => [s.kind as FundingSourceKind, new Decimal(s.amount)]));
  const received = new Map<FundingSourceKind, Decimal>();
  for (const r of income)
    if (years.includes(r.fiscalYear)) received.set(r.fundingSource, (received.get(r.fundingSource) ?? ZERO).plus(r.received));
  return { content: { planVsActual: rows, financing: financingRows(planned, result, received), drawdowns: drawdownTable, result }, uses };
}

/**
 * Planned and actual spending per fiscal year of the whole approval period. Years after the as-of
 * year have no actual (null): nothing can have been spent in them yet, and the chart must not draw
 * the cumulative line on through them.
 */
async function chartData(
  em: EntityManager,
  scope: ProofScope,
  revisionId: string | null,
  period: { start: LocalDate; end: LocalDate },
): Promise<ChartYear[]> {
  const [planned, actual] = await Promise.all([
    em.execute<Row[]>(
      'select fiscal_year, sum(planned)::text as amount from budget_line where project_id = ? and revision_id = ? group by fiscal_year',
      [scope.projectId, revisionId],
    ),
    em.execute<Row[]>(
      `select e.fiscal_year, sum(e.eligible_amount)::text as amount from expenditure e
        where e.project_id = ? and e.payment_date <= ? and ${countsSql('e')} group by e.fiscal_year`,
      [scope.projectId, figuresUpTo(scope)],
    ),
  ]);
  const plannedOf = new Map(planned.map((r) => [Number(r.fiscal_year), new Decimal(r.amount)]));
  const actualOf = new Map(actual.map((r) => [Number(r.fiscal_year), new Decimal(r.amount)]));
  const asOfYear = fiscalYearOf(scope.asOf);
  return rangeOfYears(period.start, period.end).map((fiscalYear) => ({
    fiscalYear,
    planned: plannedOf.get(fiscalYear) ?? ZERO,
    actual: fiscalYear > asOfYear ? null : (actualOf.get(fiscalYear) ?? ZERO),
  }));
}

function rangeOfYears(from: LocalDate, to: LocalDate): number[] {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(y);
  return years;
}

function indicatorRows(report: IndicatorReportModel): IndicatorRow[] {
  const period = `${germanDate(report.periodFrom)}–${germanDate(report.periodTo)}`;
  return report.rows.map((r) => {
    const gender = r.disaggregations.find((d) => d.dimension === 'GENDER');
    const cell = (key: string) => gender?.cumulative.find((c) => c.key === key)?.count ?? null;
    return {
      code: r.code,
      name: r.name,
      unit: r.unit,
      period,
      baseline: r.baseline,
      milestone: r.milestone,
      target: r.target,
      cumulativeActual: r.cumulativeActual,
      women: cell('FEMALE'),
      men: cell('MALE'),
      diverse: cell('DIVERSE'),
      attainmentPercent: r.attainmentPercent,
      dataSource: r.dataSource,
      remark: r.remark,
    };
  });
}

function participantCells(cells: { dimension: string; value: string; count: number | null }[]): ParticipantCell[] {
  return cells.map((c) => ({ dimension: c.dimension, value: c.value, count: c.count }));
}
