import { randomUUID } from 'node:crypto';

import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { addDays, type LocalDate } from '../common/dates/local-date.js';
import { checkId } from '../common/errors/app-error.js';
import { checkPageSize } from '../common/pagination/keyset.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { ExpendituresService } from '../expenditures/expenditures.service.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { BookingImport } from './entities/booking-import.entity.js';
import type { RowReason } from './entities/import-row.entity.js';
import { ImportBookingService } from './import-booking.service.js';
import { ImportFormat, type ImportRowStatus } from './imports.enums.js';
import { ImportErrors } from './imports.errors.js';
import type { BankReconciliationModel, BookingImportModel, ImportProgressModel, ImportRowModel } from './models/imports.models.js';
import { type BankPayment, matchPayments } from './reconciliation.js';
import { joinTransaction } from '../database/transactions.js';

/** Reads of imports (list, rows, progress) and the bank reconciliation. */
@Injectable()
export class ImportReadsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly bookings: ImportBookingService,
    private readonly expenditures: ExpendituresService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(user: AuthUser, projectId: string): Promise<BookingImportModel[]> {
    const em = this.em.fork({ keepTransactionContext: true });
    const id = await this.access.requireProjectId(em, user, projectId, MONEY_READERS);
    const rows = await em.find(BookingImport, { project: id }, { orderBy: { createdAt: 'desc', id: 'asc' }, limit: 200 });
    return rows.map(toImportModel);
  }

  async byId(user: AuthUser, importId: string): Promise<BookingImportModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    return toImportModel(await this.bookings.visibleImport(em, user, importId));
  }

  async rows(
    user: AuthUser,
    importId: string,
    args: { status?: ImportRowStatus | null; afterLine?: number | null; first: number },
  ): Promise<ImportRowModel[]> {
    const em = this.em.fork({ keepTransactionContext: true });
    checkPageSize(args.first, this.config.maxPageSize);
    await this.bookings.visibleImport(em, user, importId);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row: columns are read by name and parsed one by one where they are used
    const rows = await em.execute<Record<string, any>[]>(
      `select id, line, source_key, receipt_number, invoice_date::text as invoice_date, payment_date::text as payment_date, value_date::text as value_date,
              amount::text as amount, counterparty, text, account, contra_account, cost_centre, cost_centre2, reference, status, reasons,
              cost_category_id, expenditure_id, replaces_expenditure_id
         from import_row where import_id = ? and line > ? ${args.status ? 'and status = ?' : ''} order by line limit ?`,
      [importId, args.afterLine ?? 0, ...(args.status ? [args.status] : []), args.first],
    );
    return rows.map((r) => ({
      id: r.id,
      line: r.line,
      sourceKey: r.source_key,
      receiptNumber: r.receipt_number,
      invoiceDate: r.invoice_date,
      paymentDate: r.payment_date,
      valueDate: r.value_date,
      amount: new Decimal(r.amount),
      counterparty: r.counterparty,
      text: r.text,
      account: r.account,
      contraAccount: r.contra_account,
      costCentre: r.cost_centre,
      costCentre2: r.cost_centre2,
      reference: r.reference,
      status: r.status,
      reasons: (r.reasons as RowReason[] | null) ?? [],
      costCategoryId: r.cost_category_id,
      expenditureId: r.expenditure_id,
      replacesExpenditureId: r.replaces_expenditure_id,
    }));
  }

  /** Progress of a running (or finished) step; readable while the upload's own transaction is still open. */
  async progress(user: AuthUser, importId: string): Promise<ImportProgressModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    checkId(importId, 'importId');
    const [row] = await em.execute<
      { project_id: string; phase: string; done: number; total: number | null; finished: boolean; error: string | null; updated_at: Date }[]
    >('select project_id, phase, done, total, finished, error, updated_at from import_progress where import_id = ?', [importId]);
    if (!row) throw ImportErrors.importNotFound(importId);
    try {
      await this.access.requireProjectId(em, user, row.project_id, MONEY_READERS);
    } catch {
      throw ImportErrors.importNotFound(importId);
    }
    const progress = {
      importId,
      phase: row.phase,
      done: row.done,
      total: row.total,
      finished: row.finished,
      error: row.error,
      updatedAt: new Date(row.updated_at),
    };
    // A preview or commit is done when its transaction has committed, which the import itself shows.
    if (row.phase === 'PREVIEWING' || row.phase === 'COMMITTING') {
      const [state] = await em.execute<{ status: string; previewed_at: Date | null; committed_at: Date | null }[]>(
        'select status, previewed_at, committed_at from booking_import where id = ?',
        [importId],
      );
      const at = row.phase === 'COMMITTING' ? state?.committed_at : state?.previewed_at;
      if (at && new Date(at) >= progress.updatedAt)
        return { ...progress, phase: row.phase === 'COMMITTING' ? 'COMMITTED' : 'PREVIEWED', finished: true };
    }
    return progress;
  }

  async reconciliation(user: AuthUser, importId: string, windowDays: number): Promise<BankReconciliationModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    return this.reconcile(em, user, importId, windowDays, MONEY_READERS);
  }

  /** Stores the matches: each matched receipt's payment is confirmed by the bank entry (date, value date, amount). */
  confirm(user: AuthUser, importId: string, windowDays: number): Promise<BankReconciliationModel> {
    return joinTransaction(this.em, async (em) => {
      const result = await this.reconcile(em, user, importId, windowDays, MONEY_WRITERS);
      const fresh = result.matches.filter((m) => !m.confirmed);
      if (fresh.length) {
        const projectId = (await this.bookings.visibleImport(em, user, importId)).project.id;
        await em.execute(
          `insert into bank_payment_match (id, project_id, expenditure_id, import_id, line, booking_date, value_date, amount, confirmed_by_id)
           select r.id, ?, r.expenditure_id, ?, r.line, r.booking_date, r.value_date, r.amount, ?
             from jsonb_to_recordset(?::jsonb) as r(id uuid, expenditure_id uuid, line int, booking_date date, value_date date, amount numeric)
           on conflict do nothing`,
          [
            projectId,
            importId,
            user.id,
            JSON.stringify(
              fresh.map((m) => ({
                id: randomUUID(),
                expenditure_id: m.receipt.id,
                line: m.payment.line,
                booking_date: m.payment.bookingDate,
                value_date: m.payment.valueDate,
                amount: m.payment.amount.toFixed(2),
              })),
            ),
          ],
          'run',
        );
        for (const m of fresh) {
          m.confirmed = true;
          this.audit.record({
            entity: 'BankPaymentMatch',
            id: m.receipt.id,
            projectId,
            before: null,
            after: {
              expenditureId: m.receipt.id,
              importId,
              line: m.payment.line,
              bookingDate: m.payment.bookingDate,
              amount: m.payment.amount.toFixed(2),
            },
          });
        }
      }
      return result;
    });
  }

  private async reconcile(
    em: EntityManager,
    user: AuthUser,
    importId: string,
    windowDays: number,
    roles: typeof MONEY_READERS,
  ): Promise<BankReconciliationModel> {
    if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 60) throw ImportErrors.windowOutOfRange();
    const found = await this.bookings.visibleImport(em, user, importId, roles);
    if (found.format !== ImportFormat.CAMT) throw ImportErrors.notABankStatement();
    const projectId = found.project.id;
    const statements = (found.source?.statements ?? []) as { openingDate: LocalDate; closingDate: LocalDate }[];
    const rows = await em.execute<
      {
        line: number;
        payment_date: string;
        value_date: string | null;
        amount: string;
        counterparty: string;
        text: string;
        reference: string | null;
      }[]
    >(
      `select line, payment_date::text as payment_date, value_date::text as value_date, amount::text as amount, counterparty, text, reference
         from import_row where import_id = ? and amount > 0 order by line`,
      [importId],
    );
    const payments: BankPayment[] = rows.map((r) => ({
      line: r.line,
      bookingDate: r.payment_date,
      valueDate: r.value_date,
      amount: new Decimal(r.amount),
      counterparty: r.counterparty,
      text: r.text,
      reference: r.reference,
    }));
    const dates = [...statements.map((s) => s.openingDate), ...payments.map((p) => p.bookingDate)].sort();
    const from = dates[0] ?? found.createdAt.toISOString().slice(0, 10);
    const to = [...statements.map((s) => s.closingDate), ...payments.map((p) => p.bookingDate)].sort().at(-1) ?? from;
    const receipts = await this.expenditures.liveReceiptsPaidBetween(em, projectId, addDays(from, -windowDays), addDays(to, windowDays));
    const matches = matchPayments(payments, receipts, windowDays);
    const confirmed = new Set(
      (
        await em.execute<{ expenditure_id: string }[]>(
          'select expenditure_id from bank_payment_match where project_id = ? and import_id = ?',
          [projectId, importId],
        )
      ).map((r) => r.expenditure_id),
    );
    const matchedLines = new Set(matches.map((m) => m.payment.line));
    const matchedReceipts = new Set(matches.map((m) => m.receipt.id));
    return {
      importId,
      windowDays,
      from,
      to,
      matches: matches.map((m) => ({ ...m, criteria: [...m.criteria], confirmed: confirmed.has(m.receipt.id) })),
      unmatchedPayments: payments.filter((p) => !matchedLines.has(p.line)),
      unmatchedReceipts: receipts.filter((r) => !matchedReceipts.has(r.id) && r.paymentDate >= from && r.paymentDate <= to),
    };
  }
}

export function toImportModel(i: BookingImport): BookingImportModel {
  const statements = ((i.source?.statements ?? []) as Record<string, string | number>[]).map((s) => ({
    statementId: String(s.statementId),
    iban: String(s.iban),
    openingDate: String(s.openingDate),
    openingBalance: new Decimal(s.openingBalance),
    closingDate: String(s.closingDate),
    closingBalance: new Decimal(s.closingBalance),
    entries: Number(s.entries),
  }));
  return {
    id: i.id,
    projectId: i.project.id,
    format: i.format,
    profileId: i.profileId ?? null,
    fileName: i.fileName,
    fileSha256: i.fileSha256,
    bytes: Number(i.bytes),
    status: i.status,
    rowCount: i.rowCount,
    mappingVersion: i.mappingVersion ?? null,
    summary: i.summary ? { ...i.summary, amountToBook: new Decimal(i.summary.amountToBook) } : null,
    statements,
    uploadedById: i.uploadedBy.id,
    createdAt: i.createdAt,
    previewedAt: i.previewedAt ?? null,
    committedAt: i.committedAt ?? null,
  };
}
