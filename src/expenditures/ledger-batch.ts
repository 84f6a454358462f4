import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { AuthUser } from '../auth/auth-user.js';
import type { BudgetTotals } from '../budget/budget-totals.js';
import { fiscalYearOf, type LocalDate, todayUtc } from '../common/dates/local-date.js';
import { formatMoney, ZERO } from '../common/money/money.js';
import { asciiLower } from '../common/text/text-policy.js';
import type { Project } from '../programs/entities/project.entity.js';
import { type PlanLine, planLines } from '../budget/plan-in-force.js';
import type { ExpenditureFieldsInput } from './dto/expenditure.inputs.js';
import type { ExpenditureProvenance } from './entities/expenditure.entity.js';
import { ExpenditureErrors } from './expenditures.errors.js';
import { cleanReceiptTexts, lineLimit, receiptInputProblems, receiptRuleErrors } from './receipt-rules.js';

/** One receipt handed to a batch: the fields of a booking, where it came from, and for a correction the booking it replaces. */
export interface BatchReceipt {
  receipt: ExpenditureFieldsInput;
  provenance: ExpenditureProvenance;
  /** A correction: this booking is reversed (with `reason`) and `receipt` booked as its replacement (next revision). */
  replaces?: { expenditureId: string; reason: string };
}

export interface BatchProblem {
  field: string;
  message: string;
}

export interface BatchOutcome {
  /** True when the receipt passes every rule (and, when booking, was booked). */
  ok: boolean;
  problems: BatchProblem[];
  expenditureId?: string;
  reversalId?: string;
}

export interface BatchSummary {
  booked: number;
  reversed: number;
  /** Eligible amount added per fiscal year and cost category (net of reversals). */
  spent: { fiscalYear: number; costCategoryId: string; amount: Decimal }[];
}

interface Original {
  id: string;
  kind: string;
  receipt_number: string;
  revision: number;
  invoice_date: string;
  payment_date: string;
  fiscal_year: number;
  payee: string;
  purpose: string;
  cost_category_id: string;
  gross_amount: string;
  ineligible_amount: string;
  eligible_amount: string;
  measure_id: string | null;
  status: string;
  reversed: boolean;
}

/** Rows per INSERT statement (jsonb_to_recordset): large enough to amortise the round trip, small enough for one parameter. */
const INSERT_CHUNK = 2_000;

/**
 * The receipt ledger's bulk entry point (imports), inside the caller's transaction: every receipt
 * passes the rules of `recordExpenditure` — the input rules of ExpenditureFieldsInput, the
 * single-receipt rules (receipt-rules.ts), receipt numbers unique among live bookings, the line
 * limit of the plan plus the allowed overrun — and a correction the rules of `reverseExpenditure`.
 * Unlike the single booking, a receipt that breaks a rule does not fail the batch: its outcome
 * lists every reason, and it is not booked.
 *
 * With `book: false` nothing is written and nothing locked (the preview). With `book: true` the
 * totals rows a batch touches are locked (upsert of a zero delta) before their spent figure is
 * read, then the valid receipts are inserted, and the spent deltas added in the same transaction;
 * `finish()` re-reads the locked totals and refuses the whole batch if any line ended beyond its
 * limit (it cannot, since receipts that would pass it were left out, but the rule is checked
 * where it is enforced for single bookings too: on the locked row).
 *
 * Receipts are handed over in chunks (`add`), in file order; the running spent figures and the
 * receipt numbers seen carry over from chunk to chunk, so memory does not grow with the batch.
 */
export class LedgerBatch {
  private readonly plans = new Map<number, PlanLine[]>();
  /** Running eligible spending per `${year}|${categoryId}`, starting from the maintained total. */
  private readonly running = new Map<string, Decimal>();
  private readonly limits = new Map<string, { limit: Decimal; code: string }>();
  private readonly deltas = new Map<string, Decimal>();
  /** Receipt numbers this batch books (live after the batch). */
  private readonly numbers = new Set<string>();
  private booked = 0;
  private reversed = 0;

  constructor(
    private readonly em: EntityManager,
    private readonly user: AuthUser,
    private readonly project: Project,
    private readonly totals: BudgetTotals,
    private readonly book: boolean,
    private readonly latestPaymentDate: LocalDate,
  ) {}

  async add(raw: readonly BatchReceipt[]): Promise<BatchOutcome[]> {
    // The text policy first: receipt numbers are compared by their key, so a twin spelt
    // with other spaces, case or Unicode form is a duplicate here too, also within one batch.
    const cleaned = raw.map((entry) => ({ entry, ...cleanReceiptTexts(entry.receipt, 'receipt') }));
    const entries = cleaned.map(({ entry, receipt }) => ({ ...entry, receipt }));
    const textProblems = cleaned.map((c) => c.problems);
    await this.loadPlans(entries);
    const latest = await this.latestBookings(entries.map((e) => e.receipt.receiptNumber));
    const live = new Set([...latest].filter(([, l]) => !l.reversed).map(([n]) => n));
    const originals = await this.originals(entries.flatMap((e) => (e.replaces ? [e.replaces.expenditureId] : [])));
    const outcomes: BatchOutcome[] = [];
    const bookings: Record<string, unknown>[] = [];
    const states: Record<string, unknown>[] = [];
    for (const [index, entry] of entries.entries()) {
      const { receipt } = entry;
      const numberKey = asciiLower(receipt.receiptNumber);
      const problems: BatchProblem[] = [...textProblems[index], ...receiptInputProblems(receipt, 'receipt')];
      const year = fiscalYearOf(receipt.paymentDate);
      const lines = this.plans.get(year) ?? [];
      problems.push(...receiptRuleErrors(this.project, receipt, lines, 'receipt', this.latestPaymentDate).map(toProblem));
      const original = entry.replaces ? originals.get(entry.replaces.expenditureId) : undefined;
      if (entry.replaces) {
        if (!original)
          problems.push({
            field: 'replaces',
            message: `The booking ${entry.replaces.expenditureId} to correct does not exist in this project.`,
          });
        else if (original.kind !== 'BOOKING') problems.push(toProblem(ExpenditureErrors.notReversible('it is itself a reversal')));
        else if (original.status === 'REJECTED')
          problems.push(toProblem(ExpenditureErrors.notReversible('it was rejected and no longer counts')));
        else if (original.reversed) problems.push(toProblem(ExpenditureErrors.notReversible('it is already reversed')));
        else if (asciiLower(original.receipt_number) !== numberKey && live.has(numberKey))
          problems.push(toProblem(ExpenditureErrors.receiptNumberTaken('receipt.receiptNumber', receipt.receiptNumber)));
      } else if (live.has(numberKey)) {
        problems.push(toProblem(ExpenditureErrors.receiptNumberTaken('receipt.receiptNumber', receipt.receiptNumber)));
      }
      if (this.numbers.has(numberKey))
        problems.push(toProblem(ExpenditureErrors.receiptNumberTaken('receipt.receiptNumber', receipt.receiptNumber)));
      // The line limit, against the running spending of the category and year (file order).
      let releasedKey: string | undefined;
      let released = ZERO;
      if (!problems.length) {
        const key = `${year}|${receipt.costCategoryId}`;
        await this.startKey(key, year, receipt.costCategoryId, lines);
        if (original) {
          releasedKey = `${original.fiscal_year}|${original.cost_category_id}`;
          await this.startKey(releasedKey, original.fiscal_year, original.cost_category_id, this.plans.get(original.fiscal_year) ?? []);
          released = new Decimal(original.eligible_amount);
        }
        const base = this.running.get(key)!.minus(releasedKey === key ? released : ZERO);
        const after = base.plus(receipt.eligibleAmount);
        const { limit, code } = this.limits.get(key)!;
        if (after.gt(limit)) problems.push(toProblem(ExpenditureErrors.overLine('receipt.eligibleAmount', limit, after, code, year)));
      }
      if (problems.length) {
        outcomes.push({ ok: false, problems: dedupe(problems) });
        continue;
      }
      const key = `${year}|${receipt.costCategoryId}`;
      if (releasedKey) this.running.set(releasedKey, this.running.get(releasedKey)!.minus(released));
      this.running.set(key, this.running.get(key)!.plus(receipt.eligibleAmount));
      this.numbers.add(numberKey);
      const outcome: BatchOutcome = { ok: true, problems: [] };
      if (this.book) {
        const recordedBy = this.user.id;
        if (original) {
          const reversalId = randomUUID();
          bookings.push({
            id: reversalId,
            kind: 'REVERSAL',
            receipt_number: original.receipt_number,
            revision: original.revision,
            invoice_date: original.invoice_date,
            payment_date: original.payment_date,
            fiscal_year: original.fiscal_year,
            payee: original.payee,
            purpose: original.purpose,
            cost_category_id: original.cost_category_id,
            gross_amount: negate(original.gross_amount),
            ineligible_amount: negate(original.ineligible_amount),
            eligible_amount: negate(original.eligible_amount),
            measure_id: original.measure_id,
            reversal_of_id: original.id,
            reason: entry.replaces!.reason,
            recorded_by_id: recordedBy,
            provenance: entry.provenance,
          });
          states.push({ id: randomUUID(), expenditure_id: reversalId });
          this.addDelta(releasedKey!, released.negated());
          outcome.reversalId = reversalId;
          this.reversed++;
        }
        const id = randomUUID();
        bookings.push({
          id,
          kind: 'BOOKING',
          receipt_number: receipt.receiptNumber,
          revision:
            (original && asciiLower(original.receipt_number) === numberKey ? original.revision : (latest.get(numberKey)?.revision ?? -1)) +
            1,
          invoice_date: receipt.invoiceDate,
          payment_date: receipt.paymentDate,
          fiscal_year: year,
          payee: receipt.payee.trim(),
          purpose: receipt.purpose.trim(),
          cost_category_id: receipt.costCategoryId,
          gross_amount: formatMoney(receipt.grossAmount),
          ineligible_amount: formatMoney(receipt.ineligibleAmount),
          eligible_amount: formatMoney(receipt.eligibleAmount),
          measure_id: receipt.measureId ?? null,
          reversal_of_id: null,
          reason: null,
          recorded_by_id: recordedBy,
          provenance: entry.provenance,
        });
        states.push({ id: randomUUID(), expenditure_id: id });
        this.addDelta(key, receipt.eligibleAmount);
        outcome.expenditureId = id;
        this.booked++;
      }
      outcomes.push(outcome);
    }
    if (this.book && bookings.length) await this.insert(bookings, states);
    return outcomes;
  }

  /** Adds the spent deltas to the (locked) totals rows and checks every touched line against its limit there. */
  async finish(): Promise<BatchSummary> {
    const spent: BatchSummary['spent'] = [];
    for (const [key, amount] of this.deltas) {
      const [year, costCategoryId] = key.split('|');
      spent.push({ fiscalYear: Number(year), costCategoryId, amount });
      if (!this.book || amount.isZero()) continue;
      await this.totals.apply(this.em, { projectId: this.project.id, fiscalYear: Number(year), costCategoryId, spent: amount });
      const now = await this.readSpent(Number(year), costCategoryId);
      const { limit, code } = this.limits.get(key)!;
      if (now.gt(limit)) throw ExpenditureErrors.overLine('receipt.eligibleAmount', limit, now, code, Number(year));
    }
    return { booked: this.booked, reversed: this.reversed, spent };
  }

  private addDelta(key: string, amount: Decimal): void {
    this.deltas.set(key, (this.deltas.get(key) ?? ZERO).plus(amount));
  }

  private async loadPlans(entries: readonly BatchReceipt[]): Promise<void> {
    const years = new Set(entries.map((e) => fiscalYearOf(e.receipt.paymentDate)).filter((y) => Number.isInteger(y) && !this.plans.has(y)));
    for (const year of years) this.plans.set(year, await planLines(this.em, this.project.id, year, todayUtc()));
  }

  /** The running figure of a totals row starts at its maintained spent amount; when booking, the row is locked first. */
  private async startKey(key: string, year: number, costCategoryId: string, lines: readonly PlanLine[]): Promise<void> {
    if (this.running.has(key)) return;
    if (this.book) await this.totals.apply(this.em, { projectId: this.project.id, fiscalYear: year, costCategoryId });
    this.running.set(key, await this.readSpent(year, costCategoryId));
    const line = lines.find((l) => l.costCategoryId === costCategoryId);
    this.limits.set(key, { limit: line ? lineLimit(this.project, line) : ZERO, code: line?.code ?? '?' });
  }

  private async readSpent(year: number, costCategoryId: string): Promise<Decimal> {
    const [row] = await this.em.execute<{ spent: string }[]>(
      'select spent::text as spent from budget_total where project_id = ? and fiscal_year = ? and cost_category_id = ?',
      [this.project.id, year, costCategoryId],
    );
    return new Decimal(row?.spent ?? 0);
  }

  /** The latest booking of each of `numbers` (its revision, and whether it is reversed, i.e. the number is free again). */
  private async latestBookings(numbers: string[]): Promise<Map<string, { revision: number; reversed: boolean }>> {
    const result = new Map<string, { revision: number; reversed: boolean }>();
    if (!numbers.length) return result;
    const rows = await this.em.execute<{ receipt_key: string; revision: number; reversed: boolean }[]>(
      `select distinct on (e.receipt_key) e.receipt_key, e.revision, exists (select 1 from expenditure r where r.reversal_of_id = e.id) as reversed
         from expenditure e
        where e.project_id = ? and e.kind = 'BOOKING' and e.receipt_key = any (select jsonb_array_elements_text(?::jsonb))
        order by e.receipt_key, e.revision desc`,
      [this.project.id, JSON.stringify([...new Set(numbers.map(asciiLower))])],
    );
    for (const row of rows) result.set(row.receipt_key, { revision: row.revision, reversed: row.reversed });
    return result;
  }

  private async originals(ids: string[]): Promise<Map<string, Original>> {
    if (!ids.length) return new Map();
    const rows = await this.em.execute<Original[]>(
      `select e.id, e.kind, e.receipt_number, e.revision, e.invoice_date::text as invoice_date, e.payment_date::text as payment_date, e.fiscal_year,
              e.payee, e.purpose, e.cost_category_id, e.gross_amount::text as gross_amount, e.ineligible_amount::text as ineligible_amount,
              e.eligible_amount::text as eligible_amount, e.measure_id, s.status,
              exists (select 1 from expenditure r where r.reversal_of_id = e.id) as reversed
         from expenditure e join expenditure_state s on s.expenditure_id = e.id
        where e.project_id = ? and e.id = any (select (jsonb_array_elements_text(?::jsonb))::uuid)`,
      [this.project.id, JSON.stringify(ids)],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  private async insert(bookings: Record<string, unknown>[], states: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < bookings.length; i += INSERT_CHUNK) {
      await this.em.execute(
        `insert into expenditure (id, project_id, kind, receipt_number, revision, invoice_date, payment_date, fiscal_year, payee, purpose, cost_category_id,
                                  gross_amount, ineligible_amount, eligible_amount, measure_id, reversal_of_id, reason, recorded_by_id, provenance)
         select r.id, ?, r.kind, r.receipt_number, r.revision, r.invoice_date, r.payment_date, r.fiscal_year, r.payee, r.purpose, r.cost_category_id,
                r.gross_amount, r.ineligible_amount, r.eligible_amount, r.measure_id, r.reversal_of_id, r.reason, r.recorded_by_id, r.provenance
           from jsonb_to_recordset(?::jsonb) as r(id uuid, kind text, receipt_number text, revision smallint, invoice_date date, payment_date date,
                fiscal_year smallint, payee text, purpose text, cost_category_id uuid, gross_amount numeric, ineligible_amount numeric, eligible_amount numeric,
                measure_id uuid, reversal_of_id uuid, reason text, recorded_by_id uuid, provenance jsonb)`,
        [this.project.id, JSON.stringify(bookings.slice(i, i + INSERT_CHUNK))],
        'run',
      );
      await this.em.execute(
        `insert into expenditure_state (id, project_id, expenditure_id, status, changed_by_id)
         select r.id, ?, r.expenditure_id, 'RECORDED', ? from jsonb_to_recordset(?::jsonb) as r(id uuid, expenditure_id uuid)`,
        [this.project.id, this.user.id, JSON.stringify(states.slice(i, i + INSERT_CHUNK))],
        'run',
      );
    }
  }
}

const toProblem = (error: { message: string; extensions: Record<string, unknown> }): BatchProblem => ({
  field: String(error.extensions.field ?? ''),
  message: error.message,
});

const negate = (amount: string) => formatMoney(new Decimal(amount).negated());

function dedupe(problems: BatchProblem[]): BatchProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.field}|${p.message}`) && seen.add(`${p.field}|${p.message}`));
}
