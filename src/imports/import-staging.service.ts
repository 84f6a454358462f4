import { createHash, randomUUID } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';

import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AppError, checkId } from '../common/errors/app-error.js';
import { formatMoney } from '../common/money/money.js';
import { MONEY_WRITERS } from '../tranches/money-access.js';
import { ImportProfile } from './entities/import-profile.entity.js';
import { ImportProgressTracker, PROGRESS_EVERY } from './import-progress.tracker.js';
import { ImportFormat, ImportRowStatus, ImportStatus } from './imports.enums.js';
import { ImportErrors } from './imports.errors.js';
import { type CamtStatement, parseCamt } from './parsing/camt.js';
import { parseProfileCsv } from './parsing/csv-profile.js';
import { type DatevHeader, parseDatev } from './parsing/datev.js';
import type { ImportEncoding } from './parsing/decode.js';
import { ImportFileError, type ParsedRow } from './parsing/parsed-row.js';
import type { DateFormat } from './parsing/values.js';
import { joinTransaction } from '../database/transactions.js';

/** Rows per staging INSERT. */
const STAGE_CHUNK = 2_000;

export interface UploadRequest {
  projectId: string;
  format: string;
  profileId?: string;
  fileName: string;
}

export interface StagedImport {
  id: string;
  projectId: string;
  format: ImportFormat;
  fileName: string;
  fileSha256: string;
  bytes: number;
  rowCount: number;
  status: ImportStatus;
}

/**
 * Upload → parse → staging rows, in one transaction: a file that cannot be read (wrong encoding,
 * truncated XML, unknown header, broken continuity …) leaves nothing staged, and the error names
 * file, line and field. The file is never held whole: it streams through the decoder and the
 * format's parser into staging INSERTs of STAGE_CHUNK rows.
 */
@Injectable()
export class ImportStagingService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly progress: ImportProgressTracker,
  ) {}

  async stage(user: AuthUser, request: UploadRequest, file: Readable): Promise<StagedImport> {
    const em = this.em.fork();
    const format = Object.values(ImportFormat).find((f) => f === String(request.format ?? '').toUpperCase());
    if (!format) throw ImportErrors.badFormat();
    const project = await this.access.requireProject(em, user, request.projectId, MONEY_WRITERS);
    let profile: ImportProfile | null = null;
    if (format === ImportFormat.CSV) {
      if (!request.profileId) throw ImportErrors.profileNeeded();
      checkId(request.profileId, 'profileId');
      profile = await em.findOne(ImportProfile, { id: request.profileId, project: project.id });
      if (!profile) throw ImportErrors.profileNotFound(request.profileId);
    }
    const fileName = request.fileName.slice(0, 200) || 'upload';
    const id = randomUUID();
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    file.on('error', (error) => tap.destroy(error));
    file.pipe(tap);

    await this.progress.set(id, project.id, 'PARSING', 0, null);
    try {
      const staged = await joinTransaction(em, async (tx) => {
        await tx.execute(
          `insert into booking_import (id, project_id, format, profile_id, file_name, file_sha256, bytes, status, row_count, uploaded_by_id)
           values (?, ?, ?, ?, ?, '', 0, ?, 0, ?)`,
          [id, project.id, format, profile?.id ?? null, fileName, ImportStatus.STAGED, user.id],
          'run',
        );
        const statements: CamtStatement[] = [];
        let header: DatevHeader | undefined;
        const ctx = { fileName };
        const rows: AsyncGenerator<ParsedRow> =
          format === ImportFormat.DATEV
            ? parseDatev(tap, ctx, (h) => (header = h))
            : format === ImportFormat.CAMT
              ? parseCamt(tap, ctx, (s) => statements.push(s))
              : parseProfileCsv(tap, ctx, {
                  id: profile!.id,
                  delimiter: profile!.delimiter,
                  encoding: profile!.encoding as ImportEncoding,
                  decimalSeparator: profile!.decimalSeparator,
                  thousandsSeparator: profile!.thousandsSeparator,
                  dateFormat: profile!.dateFormat as DateFormat,
                  columns: profile!.columns,
                });
        const keyPrefix = format === ImportFormat.CSV ? `csv:${profile!.id}:` : `${format.toLowerCase()}:`;
        let chunk: ParsedRow[] = [];
        let count = 0;
        for await (const row of rows) {
          chunk.push(row);
          if (chunk.length >= STAGE_CHUNK) {
            await this.insertRows(tx, id, project.id, keyPrefix, chunk);
            count += chunk.length;
            chunk = [];
            if (count % PROGRESS_EVERY === 0) await this.progress.set(id, project.id, 'PARSING', count, null);
          }
        }
        if (chunk.length) await this.insertRows(tx, id, project.id, keyPrefix, chunk);
        count += chunk.length;
        const sha = hash.digest('hex');
        // Rows without an own id of the source: the key is the file's hash and the line.
        await tx.execute(
          `update import_row set source_key = 'file:' || ? || ':' || line where import_id = ? and source_key = ''`,
          [sha, id],
          'run',
        );
        for (const statement of statements) await this.storeStatement(tx, fileName, id, project.id, statement);
        const source = header ? { datev: header } : statements.length ? { statements: statements.map(statementJson) } : null;
        await tx.execute(
          `update booking_import set file_sha256 = ?, bytes = ?, row_count = ?, source = ? where id = ?`,
          [sha, bytes, count, source ? JSON.stringify(source) : null, id],
          'run',
        );
        return { id, projectId: project.id, format, fileName, fileSha256: sha, bytes, rowCount: count, status: ImportStatus.STAGED };
      });
      await this.progress.set(id, project.id, 'STAGED', staged.rowCount, staged.rowCount, true);
      return staged;
    } catch (error) {
      file.unpipe(tap);
      file.resume(); // drain the rest of the upload so the client gets its answer
      await this.progress.set(
        id,
        project.id,
        'FAILED',
        0,
        null,
        true,
        error instanceof AppError ? error.message : 'The file could not be read.',
      );
      throw error;
    }
  }

  private async insertRows(em: EntityManager, importId: string, projectId: string, keyPrefix: string, rows: ParsedRow[]): Promise<void> {
    const records = rows.map((r) => ({
      id: randomUUID(),
      line: r.line,
      source_key: r.sourceId ? `${keyPrefix}${r.sourceId}` : '',
      receipt_number: r.receiptNumber,
      invoice_date: r.invoiceDate,
      payment_date: r.paymentDate,
      value_date: r.valueDate,
      amount: formatMoney(r.amount),
      counterparty: r.counterparty,
      text: r.text,
      account: r.account,
      contra_account: r.contraAccount,
      cost_centre: r.costCentre,
      cost_centre2: r.costCentre2,
      reference: r.reference,
    }));
    await em.execute(
      `insert into import_row (id, import_id, project_id, line, source_key, receipt_number, invoice_date, payment_date, value_date, amount, counterparty, text,
                               account, contra_account, cost_centre, cost_centre2, reference, status)
       select r.id, ?, ?, r.line, r.source_key, r.receipt_number, r.invoice_date, r.payment_date, r.value_date, r.amount, r.counterparty, r.text,
              r.account, r.contra_account, r.cost_centre, r.cost_centre2, r.reference, ?
         from jsonb_to_recordset(?::jsonb) as r(id uuid, line int, source_key text, receipt_number text, invoice_date date, payment_date date, value_date date,
              amount numeric, counterparty text, text text, account text, contra_account text, cost_centre text, cost_centre2 text, reference text)`,
      [importId, projectId, ImportRowStatus.STAGED, JSON.stringify(records)],
      'run',
    );
  }

  /**
   * The continuity rule (as StuFis keeps it): a statement's opening balance equals the closing
   * balance of the account's statement before it, if one is stored. Statements of the same file
   * are stored in order, so they chain as well. A re-import of the same statement passes (the
   * statement before it is the same as the first time); a gap does not.
   */
  private async storeStatement(em: EntityManager, fileName: string, importId: string, projectId: string, s: CamtStatement): Promise<void> {
    const [previous] = await em.execute<{ closing_balance: string; closing_date: string; file_name: string }[]>(
      `select bs.closing_balance::text as closing_balance, bs.closing_date::text as closing_date, bi.file_name
         from bank_statement bs join booking_import bi on bi.id = bs.import_id
        where bs.project_id = ? and bs.iban = ? and bs.closing_date < ? order by bs.closing_date desc, bs.id limit 1`,
      [projectId, s.iban, s.closingDate],
    );
    if (previous && !new Decimal(previous.closing_balance).eq(s.openingBalance)) {
      throw new ImportFileError(
        fileName,
        s.line,
        'Bal/Amt (OPBD)',
        `the statement ${s.statementId} opens with ${formatMoney(s.openingBalance)} EUR, but the statement before it (closing ${previous.closing_date}, from ${previous.file_name}) closed with ${formatMoney(new Decimal(previous.closing_balance))} EUR. A statement is missing or the file belongs to another account; import the statements in between first.`,
      );
    }
    await em.execute(
      `insert into bank_statement (id, project_id, import_id, iban, statement_id, opening_date, closing_date, opening_balance, closing_balance, entries)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        projectId,
        importId,
        s.iban,
        s.statementId,
        s.openingDate,
        s.closingDate,
        formatMoney(s.openingBalance),
        formatMoney(s.closingBalance),
        s.entries,
      ],
      'run',
    );
  }
}

const statementJson = (s: CamtStatement) => ({
  ...s,
  openingBalance: formatMoney(s.openingBalance),
  closingBalance: formatMoney(s.closingBalance),
});
