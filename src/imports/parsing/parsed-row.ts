import type { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { AppError } from '../../common/errors/app-error.js';

/** One booking line of a file, as every format parser hands it to staging. */
export interface ParsedRow {
  /** Line of the file where the row starts (1-based). */
  line: number;
  /** The source's own id of the booking, when it has one; otherwise the key becomes file hash + line. */
  sourceId: string | null;
  receiptNumber: string | null;
  invoiceDate: LocalDate | null;
  paymentDate: LocalDate | null;
  valueDate: LocalDate | null;
  /** Positive: money paid out (a receipt); negative: money received, or a credit (Haben) booking. */
  amount: Decimal;
  counterparty: string;
  text: string;
  account: string | null;
  contraAccount: string | null;
  costCentre: string | null;
  costCentre2: string | null;
  reference: string | null;
}

/**
 * A file that cannot be read as what it claims to be. Names the file, the line and the field, so
 * a clerk can open the file and find it; nothing of such a file is staged.
 */
export class ImportFileError extends AppError {
  constructor(file: string, line: number | null, field: string, problem: string) {
    super('BAD_USER_INPUT', `${file}${line ? `, line ${line}` : ''}, field "${field}": ${problem}`, field, { file, line });
  }
}

/** Where a parser reports: the file's name for errors. */
export interface ParseContext {
  fileName: string;
}
