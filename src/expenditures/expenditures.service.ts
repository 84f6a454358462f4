import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { BudgetTotals } from '../budget/budget-totals.js';
import { fiscalYearOf, type LocalDate, todayUtc } from '../common/dates/local-date.js';
import { receiptKey } from '../common/text/text-policy.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { Project } from '../programs/entities/project.entity.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { planLines } from '../budget/plan-in-force.js';
import {
  ExpenditureFieldsInput,
  RecordExpenditureInput,
  ReverseExpenditureInput,
  SetExpenditureStatusInput,
} from './dto/expenditure.inputs.js';
import { ExpenditureState } from './entities/expenditure-state.entity.js';
import { Expenditure } from './entities/expenditure.entity.js';
import { LedgerBatch } from './ledger-batch.js';
import { LedgerReads, spentTotalsSource } from './ledger-reads.js';
import { expenditureAuditFields, toExpenditureModel } from './expenditures.mapper.js';
import { ExpenditureModel } from './models/expenditure.model.js';
import { canMoveTo, EntryKind, ExpenditureStatus } from './expenditures.enums.js';
import { ExpenditureErrors } from './expenditures.errors.js';
import { lineLimit, paymentDateLimit, receiptRuleErrors } from './receipt-rules.js';
import { countsSql } from './counting-filter.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/**
 * The receipt ledger (Belegliste): append-only bookings and reversals. Each booking adds its
 * eligible amount to the maintained spent total of its category and year in the same
 * transaction; that upsert locks the totals row, and the line limit is checked while holding it,
 * so concurrent bookings can never together pass the plan.
 */
@Injectable()
export class ExpendituresService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly idempotency: IdempotencyService,
    private readonly totals: BudgetTotals,
    private readonly reads: LedgerReads,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.totals.register(spentTotalsSource);
  }

  async record(user: AuthUser, input: RecordExpenditureInput): Promise<ExpenditureModel> {
    // A fresh booking answers from the rows it just wrote (no extra reads); a replay reads the first result.
    let booked: ExpenditureModel | undefined;
    const id = await joinTransaction(this.em, async (em) => {
      booked = undefined;
      const project = await this.access.requireProjectTerms(em, user, input.projectId, MONEY_WRITERS);
      const limit = await this.checkReceipt(em, project, input.receipt, 'receipt');
      const { idempotencyKey, ...request } = input;
      const result = await this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'recordExpenditure', input: request },
        async () => {
          const expenditure = await this.book(em, user, project, input.receipt, limit, 'receipt');
          booked = toExpenditureModel(expenditure, null, { code: limit.code, status: ExpenditureStatus.RECORDED });
          return { id: expenditure.id };
        },
      );
      return result.id;
    });
    return booked ?? this.reads.byId(user, id);
  }

  /** Storno: a reversal row pointing at the booking, with a reason; with `replacement`, the corrected booking too. */
  async reverse(user: AuthUser, input: ReverseExpenditureInput) {
    const ids = await joinTransaction(this.em, async (em) => {
      const visible = await em.findOne(
        Expenditure,
        { $and: [{ id: input.expenditureId }, this.access.ownedWhere(user, MONEY_READERS)] },
        { fields: ['id', 'project'] },
      );
      if (!visible) throw ExpenditureErrors.notFound(input.expenditureId);
      const project = await this.access.requireProjectTerms(em, user, visible.project.id, MONEY_WRITERS);
      const limit = input.replacement ? await this.checkReceipt(em, project, input.replacement, 'replacement') : null;
      const { idempotencyKey, ...request } = input;
      return this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'reverseExpenditure', input: request },
        async () => {
          const state = await em.findOneOrFail(
            ExpenditureState,
            { expenditure: input.expenditureId },
            { lockMode: LockMode.PESSIMISTIC_WRITE },
          );
          const original = await em.findOneOrFail(Expenditure, input.expenditureId);
          if (original.kind !== EntryKind.BOOKING) throw ExpenditureErrors.notReversible('it is itself a reversal');
          if (state.status === ExpenditureStatus.REJECTED) throw ExpenditureErrors.notReversible('it was rejected and no longer counts');
          if (await em.count(Expenditure, { project, reversalOf: original.id }))
            throw ExpenditureErrors.notReversible('it is already reversed');
          const reversal = em.create(Expenditure, {
            project,
            kind: EntryKind.REVERSAL,
            receiptNumber: original.receiptNumber,
            revision: original.revision,
            invoiceDate: original.invoiceDate,
            paymentDate: original.paymentDate,
            fiscalYear: original.fiscalYear,
            payee: original.payee,
            purpose: original.purpose,
            costCategory: original.costCategory,
            grossAmount: original.grossAmount.negated(),
            ineligibleAmount: original.ineligibleAmount.negated(),
            eligibleAmount: original.eligibleAmount.negated(),
            measureId: original.measureId ?? null,
            reversalOf: original,
            reason: input.reason.trim(),
            recordedBy: user.id,
          });
          em.create(ExpenditureState, { project, expenditure: reversal, status: ExpenditureStatus.RECORDED, changedBy: user.id });
          await flushUnique(em, () => ExpenditureErrors.notReversible('it is already reversed'));
          await this.totals.apply(em, {
            projectId: project.id,
            fiscalYear: original.fiscalYear,
            costCategoryId: original.costCategory.id,
            spent: reversal.eligibleAmount,
          });
          this.audit.record({
            entity: 'Expenditure',
            id: reversal.id,
            projectId: project.id,
            before: null,
            after: expenditureAuditFields(reversal, ExpenditureStatus.RECORDED),
          });
          const replacement =
            input.replacement && limit ? (await this.book(em, user, project, input.replacement, limit, 'replacement')).id : '';
          return { reversal: reversal.id, replacement };
        },
      );
    });
    return {
      reversal: await this.reads.byId(user, ids.reversal),
      replacement: ids.replacement ? await this.reads.byId(user, ids.replacement) : null,
    };
  }

  /**
   * The ledger's bulk entry point for imports, inside the caller's transaction (`em`): receipts
   * added to the batch pass the same rules as `record` and `reverse` and, with `book: true`, are
   * booked with their spent totals; with `book: false` nothing is written (a preview). The caller
   * has checked that `user` may write the project's money books.
   */
  openBatch(em: EntityManager, user: AuthUser, project: Project, options: { book: boolean }): LedgerBatch {
    return new LedgerBatch(em, user, project, this.totals, options.book, paymentDateLimit(this.config.paymentDateToleranceDays));
  }

  /** Live bookings (neither reversed nor rejected) paid between two dates, for matching bank payments to receipts. */
  async liveReceiptsPaidBetween(em: EntityManager, projectId: string, from: LocalDate, to: LocalDate): Promise<LiveReceipt[]> {
    const rows = await em.execute<
      { id: string; receipt_number: string; payment_date: string; payee: string; purpose: string; gross_amount: string }[]
    >(
      `select e.id, e.receipt_number, e.payment_date::text as payment_date, e.payee, e.purpose, e.gross_amount::text as gross_amount
         from expenditure e
        where e.project_id = ? and e.kind = 'BOOKING' and ${countsSql('e')} and e.payment_date between ? and ?
          and not exists (select 1 from expenditure r where r.reversal_of_id = e.id)
        order by e.payment_date, e.id`,
      [projectId, from, to],
    );
    return rows.map((r) => ({
      id: r.id,
      receiptNumber: r.receipt_number,
      paymentDate: r.payment_date,
      payee: r.payee,
      purpose: r.purpose,
      grossAmount: new Decimal(r.gross_amount),
    }));
  }

  /** recorded → checked → included in a proof; recorded/checked → rejected (then it no longer counts as spent). */
  async setStatus(user: AuthUser, input: SetExpenditureStatusInput) {
    await joinTransaction(this.em, async (em) => {
      const visible = await em.findOne(Expenditure, { $and: [{ id: input.expenditureId }, this.access.ownedWhere(user, MONEY_READERS)] });
      if (!visible) throw ExpenditureErrors.notFound(input.expenditureId);
      const project = await this.access.requireProject(em, user, visible.project.id, MONEY_WRITERS);
      const state = await em.findOneOrFail(
        ExpenditureState,
        { expenditure: visible.id },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      if (!canMoveTo(state.status, input.status)) throw ExpenditureErrors.statusNotAllowed(state.status, input.status);
      if (input.status === ExpenditureStatus.REJECTED) {
        if (!input.comment?.trim()) throw ExpenditureErrors.rejectNeedsComment();
        const reversed = await em.count(Expenditure, { project, reversalOf: visible.id });
        if (visible.kind === EntryKind.REVERSAL || reversed) throw ExpenditureErrors.cannotReject();
        await this.totals.apply(em, {
          projectId: project.id,
          fiscalYear: visible.fiscalYear,
          costCategoryId: visible.costCategory.id,
          spent: visible.eligibleAmount.negated(),
        });
      }
      const before = { status: state.status, comment: state.comment ?? null };
      state.status = input.status;
      state.comment = input.comment?.trim() || null;
      state.changedBy = em.getReference(AppUser, user.id, { wrapped: true });
      state.changedAt = new Date();
      await em.flush();
      this.audit.record({
        entity: 'ExpenditureState',
        id: state.id,
        projectId: project.id,
        before,
        after: { status: state.status, comment: state.comment },
      });
    });
    return this.reads.byId(user, input.expenditureId);
  }

  /**
   * Single-receipt rules that need no lock: payment date inside the approval period, amounts
   * (gross > 0, 0 ≤ ineligible ≤ gross, eligible = gross − ineligible), the category in the
   * year's plan. Returns the most the category may spend in that year.
   */
  private async checkReceipt(em: EntityManager, project: Project, receipt: ExpenditureFieldsInput, prefix: string): Promise<LineLimit> {
    const fiscalYear = fiscalYearOf(receipt.paymentDate);
    const lines = await planLines(em, project.id, fiscalYear, todayUtc());
    const [first] = receiptRuleErrors(project, receipt, lines, prefix, paymentDateLimit(this.config.paymentDateToleranceDays));
    if (first) throw first;
    const line = lines.find((l) => l.costCategoryId === receipt.costCategoryId)!;
    return { fiscalYear, code: line.code, limit: lineLimit(project, line) };
  }

  /** Inserts a booking (next revision of its receipt number), its state, and its spent delta; checks the line limit under the totals row lock. */
  private async book(
    em: EntityManager,
    user: AuthUser,
    project: Project,
    receipt: ExpenditureFieldsInput,
    limit: LineLimit,
    prefix: string,
  ): Promise<Expenditure> {
    const [previous] = await em.execute<{ revision: number; reversed: boolean }[]>(
      `select e.revision, exists (select 1 from expenditure r where r.reversal_of_id = e.id) as reversed
         from expenditure e where e.project_id = ? and e.receipt_key = ? and e.kind = 'BOOKING' order by e.revision desc limit 1`,
      [project.id, receiptKey(receipt.receiptNumber)],
    );
    if (previous && !previous.reversed) throw ExpenditureErrors.receiptNumberTaken(`${prefix}.receiptNumber`, receipt.receiptNumber);
    const expenditure = em.create(Expenditure, {
      project,
      kind: EntryKind.BOOKING,
      receiptNumber: receipt.receiptNumber,
      revision: previous ? previous.revision + 1 : 0,
      invoiceDate: receipt.invoiceDate,
      paymentDate: receipt.paymentDate,
      fiscalYear: limit.fiscalYear,
      payee: receipt.payee.trim(),
      purpose: receipt.purpose.trim(),
      costCategory: receipt.costCategoryId,
      grossAmount: receipt.grossAmount,
      ineligibleAmount: receipt.ineligibleAmount,
      ineligibleReason: receipt.ineligibleReason?.trim() || null,
      eligibleAmount: receipt.eligibleAmount,
      measureId: receipt.measureId ?? null,
      invoiceDateNote: receipt.invoiceDateNote ?? null,
      recordedBy: user.id,
    });
    em.create(ExpenditureState, { project, expenditure, status: ExpenditureStatus.RECORDED, changedBy: user.id });
    await flushUnique(em, () => ExpenditureErrors.receiptNumberTaken(`${prefix}.receiptNumber`, receipt.receiptNumber));
    await this.totals.apply(em, {
      projectId: project.id,
      fiscalYear: limit.fiscalYear,
      costCategoryId: receipt.costCategoryId,
      spent: receipt.eligibleAmount,
    });
    const [total] = await em.execute<{ spent: string }[]>(
      'select spent::text as spent from budget_total where project_id = ? and fiscal_year = ? and cost_category_id = ?',
      [project.id, limit.fiscalYear, receipt.costCategoryId],
    );
    const spent = new Decimal(total.spent);
    if (spent.gt(limit.limit))
      throw ExpenditureErrors.overLine(`${prefix}.eligibleAmount`, limit.limit, spent, limit.code, limit.fiscalYear);
    this.audit.record({
      entity: 'Expenditure',
      id: expenditure.id,
      projectId: project.id,
      before: null,
      after: expenditureAuditFields(expenditure, ExpenditureStatus.RECORDED),
    });
    return expenditure;
  }
}

/** A live booking as bank reconciliation sees it. */
export interface LiveReceipt {
  id: string;
  receiptNumber: string;
  paymentDate: LocalDate;
  payee: string;
  purpose: string;
  grossAmount: Decimal;
}

interface LineLimit {
  fiscalYear: number;
  code: string;
  limit: Decimal;
}
