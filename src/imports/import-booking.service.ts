import { randomUUID } from 'node:crypto';

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { checkId } from '../common/errors/app-error.js';
import { formatMoney, ZERO } from '../common/money/money.js';
import type { BatchReceipt } from '../expenditures/ledger-batch.js';
import { ExpendituresService } from '../expenditures/expenditures.service.js';
import type { Project } from '../programs/entities/project.entity.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { BookingImport, type ImportSummary } from './entities/booking-import.entity.js';
import type { RowReason } from './entities/import-row.entity.js';
import { ImportProgressTracker, PROGRESS_EVERY } from './import-progress.tracker.js';
import { ImportRowStatus, ImportStatus, MappingAction } from './imports.enums.js';
import { ImportErrors } from './imports.errors.js';
import { describeRule, firstMatchingRule } from './mapping-rules.js';
import { MappingRulesService } from './mapping-rules.service.js';
import { joinTransaction } from '../database/transactions.js';

/** Staged rows per step of a preview or commit (and per ledger batch chunk). */
const STEP = 2_000;

interface StagedRow {
  id: string;
  line: number;
  source_key: string;
  receipt_number: string | null;
  invoice_date: string | null;
  payment_date: string | null;
  amount: string;
  counterparty: string;
  text: string;
  account: string | null;
  contra_account: string | null;
  cost_centre: string | null;
  cost_centre2: string | null;
}

interface RowDecision {
  id: string;
  status: ImportRowStatus;
  reasons: RowReason[] | null;
  cost_category_id: string | null;
  expenditure_id: string | null;
  replaces: string | null;
}

/**
 * Preview and commit of a staged import: one classification, run twice. The preview runs the
 * ledger batch without booking; the commit runs it again inside the commit's transaction with
 * booking on, so what it books has passed the same rules at the moment of booking.
 */
@Injectable()
export class ImportBookingService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly expenditures: ExpendituresService,
    private readonly rules: MappingRulesService,
    private readonly progress: ImportProgressTracker,
  ) {}

  /** The import, if the user holds one of `roles` on its project (NOT_FOUND otherwise). */
  async visibleImport(em: EntityManager, user: AuthUser, importId: string, roles = MONEY_READERS): Promise<BookingImport> {
    checkId(importId, 'importId');
    const found = await em.findOne(BookingImport, { $and: [{ id: importId }, this.access.ownedWhere(user, roles)] });
    if (!found) {
      const visible =
        roles === MONEY_READERS
          ? null
          : await em.findOne(BookingImport, { $and: [{ id: importId }, this.access.ownedWhere(user, MONEY_READERS)] });
      if (visible) await this.access.requireProject(em, user, visible.project.id, roles); // throws FORBIDDEN
      throw ImportErrors.importNotFound(importId);
    }
    return found;
  }

  async preview(user: AuthUser, importId: string): Promise<BookingImport> {
    return this.reportingFailure(importId, () => joinTransaction(this.em, (em) => this.previewIn(em, user, importId)));
  }

  async commit(user: AuthUser, importId: string): Promise<BookingImport> {
    return this.reportingFailure(importId, () => joinTransaction(this.em, (em) => this.commitIn(em, user, importId)));
  }

  /** A failed preview or commit (rolled back) shows as FAILED in importProgress, if it had started. */
  private async reportingFailure<T>(importId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const [row] = await this.em
        .fork()
        .execute<{ project_id: string; phase: string }[]>('select project_id, phase from import_progress where import_id = ?', [importId])
        .catch(() => []);
      if (row && (row.phase === 'PREVIEWING' || row.phase === 'COMMITTING')) {
        await this.progress.set(
          importId,
          row.project_id,
          'FAILED',
          0,
          null,
          true,
          error instanceof Error ? error.message.slice(0, 500) : 'failed',
        );
      }
      throw error;
    }
  }

  private async previewIn(em: EntityManager, user: AuthUser, importId: string): Promise<BookingImport> {
    const found = await this.visibleImport(em, user, importId, MONEY_WRITERS);
    const project = await this.access.requireProject(em, user, found.project.id, MONEY_WRITERS);
    if (found.status === ImportStatus.COMMITTED) throw ImportErrors.alreadyCommitted(found.committedAt!);
    const { version, summary } = await this.classify(em, user, project, found, false);
    found.status = ImportStatus.PREVIEWED;
    found.mappingVersion = version;
    found.summary = summary;
    found.previewedAt = new Date();
    await em.flush();
    return found;
  }

  /**
   * Books the import's valid rows in the mutation's one transaction. The import row is locked
   * first (FOR UPDATE), so of two concurrent commits the second waits and then finds it
   * committed; commits of one project queue on an advisory lock, so two overlapping imports can
   * never both book one source key.
   */
  private async commitIn(em: EntityManager, user: AuthUser, importId: string): Promise<BookingImport> {
    const visible = await this.visibleImport(em, user, importId, MONEY_WRITERS);
    // The receipts are checked against the approval period: the terms read must hold until commit.
    const project = await this.access.requireProjectTerms(em, user, visible.project.id, MONEY_WRITERS);
    await em.execute(`select pg_advisory_xact_lock(hashtextextended('booking-import:' || ?, 0))`, [project.id]);
    const [locked] = await em.execute<{ status: ImportStatus; mapping_version: number | null; committed_at: Date | null }[]>(
      'select status, mapping_version, committed_at from booking_import where id = ? for update',
      [importId],
    );
    if (locked.status === ImportStatus.COMMITTED) throw ImportErrors.alreadyCommitted(new Date(locked.committed_at!));
    if (locked.status !== ImportStatus.PREVIEWED) throw ImportErrors.notPreviewed();
    const current = (await this.rules.latest(em, project.id))?.version ?? 0;
    if (current !== (locked.mapping_version ?? 0)) throw ImportErrors.previewOutdated(locked.mapping_version, current);
    const found = await em.findOneOrFail(BookingImport, importId, { refresh: true });
    const before = { status: found.status, summary: found.summary };
    const { version, summary, spent } = await this.classify(em, user, project, found, true);
    found.status = ImportStatus.COMMITTED;
    found.mappingVersion = version;
    found.summary = summary;
    found.committedAt = new Date();
    found.committedById = user.id;
    await em.flush();
    // One audit change for the import: the booked receipts carry the import id in their provenance
    // (an event listing 100,000 receipts would be tens of MB in one row).
    this.audit.record({
      entity: 'BookingImport',
      id: found.id,
      projectId: project.id,
      before,
      after: {
        status: found.status,
        fileName: found.fileName,
        fileSha256: found.fileSha256,
        mappingVersion: version,
        summary,
        spentByYearAndCategory: spent,
      },
    });
    return found;
  }

  private async classify(em: EntityManager, user: AuthUser, project: Project, imp: BookingImport, book: boolean) {
    const ruleSet = await this.rules.latest(em, project.id);
    const version = ruleSet?.version ?? 0;
    const rules = ruleSet?.rules ?? [];
    const categories = await this.rules.categoryIdsByCode(em, project);
    const batch = this.expenditures.openBatch(em, user, project, { book });
    const firstLine = new Map<string, number>();
    const summary: ImportSummary = {
      rows: 0,
      toBook: 0,
      problems: 0,
      duplicates: 0,
      corrections: 0,
      ignored: 0,
      booked: 0,
      corrected: 0,
      amountToBook: '0.00',
    };
    let amount = ZERO;
    const phase = book ? 'COMMITTING' : 'PREVIEWING';
    await this.progress.set(imp.id, project.id, phase, 0, imp.rowCount);
    for (let after = 0; ;) {
      const rows = await em.execute<StagedRow[]>(
        `select id, line, source_key, receipt_number, invoice_date::text as invoice_date, payment_date::text as payment_date, amount::text as amount,
                counterparty, text, account, contra_account, cost_centre, cost_centre2
           from import_row where import_id = ? and line > ? order by line limit ?`,
        [imp.id, after, STEP],
      );
      if (!rows.length) break;
      after = rows.at(-1)!.line;
      const earlier = await this.importedBookings(
        em,
        project.id,
        rows.map((r) => r.source_key),
      );
      const decisions: RowDecision[] = [];
      const entries: BatchReceipt[] = [];
      const pending: { decision: RowDecision; correction?: RowReason; amount: Decimal; released: Decimal; row: StagedRow }[] = [];
      for (const row of rows) {
        const decision: RowDecision = {
          id: row.id,
          status: ImportRowStatus.PROBLEM,
          reasons: null,
          cost_category_id: null,
          expenditure_id: null,
          replaces: null,
        };
        decisions.push(decision);
        const rowAmount = new Decimal(row.amount);
        const seen = firstLine.get(row.source_key);
        if (seen !== undefined) {
          decision.reasons = [
            {
              field: 'sourceKey',
              message: `Line ${seen} of this file has the same source key (${row.source_key}): the ledger keeps one booking per receipt number; give split bookings their own receipt number.`,
            },
          ];
          continue;
        }
        firstLine.set(row.source_key, row.line);
        const booked = earlier.get(row.source_key);
        if (booked && rowAmount.eq(booked.amount)) {
          decision.status = ImportRowStatus.DUPLICATE;
          decision.expenditure_id = booked.expenditureId;
          decision.reasons = [
            {
              field: 'sourceKey',
              message: `Already booked by an earlier import (${booked.fileName}, line ${booked.line}); not booked again.`,
            },
          ];
          continue;
        }
        const match = firstMatchingRule(rules, {
          format: imp.format,
          account: row.account,
          contraAccount: row.contra_account,
          costCentre: row.cost_centre,
          costCentre2: row.cost_centre2,
          text: row.text,
          counterparty: row.counterparty,
        });
        if (!match) {
          const what = [
            row.account && `account ${row.account}`,
            row.contra_account && `contra account ${row.contra_account}`,
            row.cost_centre && `cost centre ${row.cost_centre}`,
            row.text && `text "${row.text.slice(0, 40)}"`,
          ]
            .filter(Boolean)
            .join(', ');
          decision.reasons = [
            {
              field: 'mapping',
              message: `No mapping rule (version ${version}) matches this row (${what || 'no account, cost centre or text'}); add a rule that books or ignores it.`,
            },
          ];
          continue;
        }
        if (match.rule.action === MappingAction.IGNORE) {
          decision.status = ImportRowStatus.IGNORED;
          decision.reasons = [{ field: 'mapping', message: `Ignored by ${describeRule(match.number, match.rule)}.` }];
          continue;
        }
        const costCategoryId = categories.get(match.rule.costCategoryCode ?? '');
        if (!costCategoryId) {
          decision.reasons = [
            {
              field: 'mapping',
              message: `${describeRule(match.number, match.rule)} names the cost category "${match.rule.costCategoryCode}", which has no line in the financing plan.`,
            },
          ];
          continue;
        }
        decision.cost_category_id = costCategoryId;
        if (!row.payment_date) {
          decision.reasons = [{ field: 'receipt.paymentDate', message: 'The row has no payment date.' }];
          continue;
        }
        const entry: BatchReceipt = {
          receipt: {
            receiptNumber: row.receipt_number ?? '',
            invoiceDate: row.invoice_date ?? row.payment_date,
            paymentDate: row.payment_date,
            payee: row.counterparty,
            purpose: row.text,
            costCategoryId,
            grossAmount: rowAmount,
            ineligibleAmount: ZERO,
            eligibleAmount: rowAmount,
            measureId: match.rule.measureId ?? undefined,
          },
          provenance: { importId: imp.id, mappingVersion: version, sourceKey: row.source_key, fileName: imp.fileName, line: row.line },
        };
        let correction: RowReason | undefined;
        if (booked) {
          entry.replaces = {
            expenditureId: booked.expenditureId,
            reason: `Import ${imp.fileName}, line ${row.line}: amount changed from ${formatMoney(booked.amount)} to ${formatMoney(rowAmount)} EUR.`,
          };
          decision.replaces = booked.expenditureId;
          correction = {
            field: 'amount',
            message: `Booked earlier with ${formatMoney(booked.amount)} EUR (${booked.fileName}, line ${booked.line}), now ${formatMoney(rowAmount)} EUR: the commit reverses that booking and books this amount.`,
          };
        }
        entries.push(entry);
        pending.push({ decision, correction, amount: rowAmount, released: booked ? booked.amount : ZERO, row });
      }
      const outcomes = await batch.add(entries);
      const imported: Record<string, unknown>[] = [];
      outcomes.forEach((outcome, i) => {
        const { decision, correction, row } = pending[i];
        if (!outcome.ok) {
          decision.status = ImportRowStatus.PROBLEM;
          decision.reasons = outcome.problems;
          return;
        }
        amount = amount.plus(pending[i].amount).minus(pending[i].released);
        decision.reasons = correction ? [correction] : null;
        if (book) {
          decision.status = correction ? ImportRowStatus.CORRECTED : ImportRowStatus.BOOKED;
          decision.expenditure_id = outcome.expenditureId!;
          imported.push({
            id: randomUUID(),
            source_key: row.source_key,
            expenditure_id: outcome.expenditureId,
            amount: row.amount,
            line: row.line,
          });
        } else {
          decision.status = correction ? ImportRowStatus.CORRECTION : ImportRowStatus.TO_BOOK;
        }
      });
      for (const d of decisions) count(summary, d.status);
      await this.writeDecisions(em, decisions);
      if (imported.length) await this.recordImported(em, project.id, imp.id, imported);
      if (summary.rows % PROGRESS_EVERY < STEP) await this.progress.set(imp.id, project.id, phase, summary.rows, imp.rowCount);
    }
    const result = await batch.finish();
    summary.amountToBook = formatMoney(amount);
    // Finished only when the transaction has committed: importProgress compares with the import's own status.
    await this.progress.set(imp.id, project.id, phase, summary.rows, imp.rowCount);
    return {
      version,
      summary,
      spent: result.spent.map((s) => ({ fiscalYear: s.fiscalYear, costCategoryId: s.costCategoryId, amount: formatMoney(s.amount) })),
    };
  }

  private async importedBookings(em: EntityManager, projectId: string, keys: string[]) {
    const rows = await em.execute<{ source_key: string; expenditure_id: string; amount: string; line: number; file_name: string }[]>(
      `select ib.source_key, ib.expenditure_id, ib.amount::text as amount, ib.line, bi.file_name
         from imported_booking ib join booking_import bi on bi.id = ib.import_id
        where ib.project_id = ? and ib.source_key = any (select jsonb_array_elements_text(?::jsonb))`,
      [projectId, JSON.stringify(keys)],
    );
    return new Map(
      rows.map((r) => [
        r.source_key,
        { expenditureId: r.expenditure_id, amount: new Decimal(r.amount), line: r.line, fileName: r.file_name },
      ]),
    );
  }

  private async writeDecisions(em: EntityManager, decisions: RowDecision[]): Promise<void> {
    await em.execute(
      `update import_row t set status = r.status, reasons = r.reasons, cost_category_id = r.cost_category_id, expenditure_id = r.expenditure_id,
              replaces_expenditure_id = r.replaces
         from jsonb_to_recordset(?::jsonb) as r(id uuid, status text, reasons jsonb, cost_category_id uuid, expenditure_id uuid, replaces uuid)
        where t.id = r.id`,
      [JSON.stringify(decisions)],
      'run',
    );
  }

  /** Source key → the ledger row that now stands for it (a correction moves the key to its replacement). */
  private async recordImported(em: EntityManager, projectId: string, importId: string, rows: Record<string, unknown>[]): Promise<void> {
    await em.execute(
      `insert into imported_booking (id, project_id, source_key, expenditure_id, amount, import_id, line)
       select r.id, ?, r.source_key, r.expenditure_id, r.amount, ?, r.line
         from jsonb_to_recordset(?::jsonb) as r(id uuid, source_key text, expenditure_id uuid, amount numeric, line int)
       on conflict on constraint imported_booking_key do update set
         expenditure_id = excluded.expenditure_id, amount = excluded.amount, import_id = excluded.import_id, line = excluded.line, updated_at = now()`,
      [projectId, importId, JSON.stringify(rows)],
      'run',
    );
  }
}

function count(summary: ImportSummary, status: ImportRowStatus): void {
  summary.rows++;
  if (status === ImportRowStatus.TO_BOOK) summary.toBook++;
  else if (status === ImportRowStatus.PROBLEM) summary.problems++;
  else if (status === ImportRowStatus.DUPLICATE) summary.duplicates++;
  else if (status === ImportRowStatus.CORRECTION) summary.corrections++;
  else if (status === ImportRowStatus.IGNORED) summary.ignored++;
  else if (status === ImportRowStatus.BOOKED) summary.booked++;
  else if (status === ImportRowStatus.CORRECTED) summary.corrected++;
}
