import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { ImportFormat, ImportRowStatus, ImportStatus, MappingAction } from '../imports.enums.js';

@ObjectType('ImportSummary', { description: 'Counts of a preview or commit.' })
export class ImportSummaryModel {
  @Field(() => Int) rows: number;
  @Field(() => Int, { description: 'Rows the commit will book.' }) toBook: number;
  @Field(() => Int) problems: number;
  @Field(() => Int, { description: 'Rows booked by earlier imports with the same amount.' }) duplicates: number;
  @Field(() => Int, { description: 'Rows whose amount changed since an earlier import: reversal plus replacement.' }) corrections: number;
  @Field(() => Int) ignored: number;
  @Field(() => Int) booked: number;
  @Field(() => Int) corrected: number;
  @Field(() => DecimalScalar, { description: 'Eligible amount booked (or to book), net of the reversed earlier bookings.' })
  amountToBook: Decimal;
}

@ObjectType('BankStatement', { description: 'A camt.053 statement of an import, with its booked balances.' })
export class BankStatementModel {
  @Field(() => String) statementId: string;
  @Field(() => String) iban: string;
  @Field(() => LocalDateScalar) openingDate: LocalDate;
  @Field(() => DecimalScalar) openingBalance: Decimal;
  @Field(() => LocalDateScalar) closingDate: LocalDate;
  @Field(() => DecimalScalar) closingBalance: Decimal;
  @Field(() => Int) entries: number;
}

@ObjectType('ImportProgress', { description: 'How far a parse, preview or commit has got (visible while it runs).' })
export class ImportProgressModel {
  @Field(() => ID) importId: string;
  @Field(() => String, { description: 'PARSING, STAGED, PREVIEWING, PREVIEWED, COMMITTING, COMMITTED or FAILED.' }) phase: string;
  @Field(() => Int) done: number;
  @Field(() => Int, { nullable: true }) total: number | null;
  @Field(() => Boolean) finished: boolean;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field(() => Date) updatedAt: Date;
}

@ObjectType('BookingImport', { description: 'An uploaded file: staged, previewed, committed.' })
export class BookingImportModel {
  @Field(() => ID) id: string;
  @Field(() => ID) projectId: string;
  @Field(() => ImportFormat) format: ImportFormat;
  @Field(() => ID, { nullable: true }) profileId: string | null;
  @Field(() => String) fileName: string;
  @Field(() => String) fileSha256: string;
  @Field(() => Int) bytes: number;
  @Field(() => ImportStatus) status: ImportStatus;
  @Field(() => Int) rowCount: number;
  @Field(() => Int, { nullable: true, description: 'The mapping rules version of the last preview or the commit.' }) mappingVersion:
    number | null;
  @Field(() => ImportSummaryModel, { nullable: true }) summary: ImportSummaryModel | null;
  @Field(() => [BankStatementModel]) statements: BankStatementModel[];
  @Field(() => ID) uploadedById: string;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) previewedAt: Date | null;
  @Field(() => Date, { nullable: true }) committedAt: Date | null;
}

@ObjectType('RowReason')
export class RowReasonModel {
  @Field(() => String, { description: 'The field the reason is about (receipt.eligibleAmount, mapping, sourceKey …).' }) field: string;
  @Field(() => String) message: string;
}

@ObjectType('ImportRow', { description: 'A staged row with what the preview or commit decided.' })
export class ImportRowModel {
  @Field(() => ID) id: string;
  @Field(() => Int) line: number;
  @Field(() => String) sourceKey: string;
  @Field(() => String, { nullable: true }) receiptNumber: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) invoiceDate: LocalDate | null;
  @Field(() => LocalDateScalar, { nullable: true }) paymentDate: LocalDate | null;
  @Field(() => LocalDateScalar, { nullable: true }) valueDate: LocalDate | null;
  @Field(() => DecimalScalar, { description: 'Positive: money paid out; negative: received or credited.' }) amount: Decimal;
  @Field(() => String) counterparty: string;
  @Field(() => String) text: string;
  @Field(() => String, { nullable: true }) account: string | null;
  @Field(() => String, { nullable: true }) contraAccount: string | null;
  @Field(() => String, { nullable: true }) costCentre: string | null;
  @Field(() => String, { nullable: true }) costCentre2: string | null;
  @Field(() => String, { nullable: true }) reference: string | null;
  @Field(() => ImportRowStatus) status: ImportRowStatus;
  @Field(() => [RowReasonModel]) reasons: RowReasonModel[];
  @Field(() => ID, { nullable: true }) costCategoryId: string | null;
  @Field(() => ID, { nullable: true, description: 'The ledger row booked from it (or, for a duplicate, the earlier booking).' })
  expenditureId: string | null;
  @Field(() => ID, { nullable: true, description: 'For a correction: the earlier booking it replaces.' }) replacesExpenditureId:
    string | null;
}

@ObjectType('ImportProfileColumns')
export class ImportProfileColumnsModel {
  @Field(() => String) amount: string;
  @Field(() => String, { nullable: true }) receiptNumber?: string;
  @Field(() => String, { nullable: true }) invoiceDate?: string;
  @Field(() => String, { nullable: true }) paymentDate?: string;
  @Field(() => String, { nullable: true }) payee?: string;
  @Field(() => String, { nullable: true }) purpose?: string;
  @Field(() => String, { nullable: true }) account?: string;
  @Field(() => String, { nullable: true }) contraAccount?: string;
  @Field(() => String, { nullable: true }) costCentre?: string;
  @Field(() => String, { nullable: true }) costCentre2?: string;
  @Field(() => String, { nullable: true }) sourceId?: string;
}

@ObjectType('ImportProfile', { description: 'How one source writes its CSV export.' })
export class ImportProfileModel {
  @Field(() => ID) id: string;
  @Field(() => ID) projectId: string;
  @Field(() => String) name: string;
  @Field(() => String) delimiter: string;
  @Field(() => String) encoding: string;
  @Field(() => String) decimalSeparator: string;
  @Field(() => String) thousandsSeparator: string;
  @Field(() => String) dateFormat: string;
  @Field(() => ImportProfileColumnsModel) columns: ImportProfileColumnsModel;
  @Field(() => Date) createdAt: Date;
}

@ObjectType('MappingRule')
export class MappingRuleModel {
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => ImportFormat, { nullable: true }) format: ImportFormat | null;
  @Field(() => String, { nullable: true }) account: string | null;
  @Field(() => String, { nullable: true }) contraAccount: string | null;
  @Field(() => String, { nullable: true }) costCentre: string | null;
  @Field(() => String, { nullable: true }) textContains: string | null;
  @Field(() => MappingAction) action: MappingAction;
  @Field(() => String, { nullable: true }) costCategoryCode: string | null;
  @Field(() => ID, { nullable: true }) measureId: string | null;
}

@ObjectType('MappingRuleSet', { description: "One version of a project's mapping rules (never changed; a change is a new version)." })
export class MappingRuleSetModel {
  @Field(() => ID) projectId: string;
  @Field(() => Int) version: number;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => [MappingRuleModel]) rules: MappingRuleModel[];
  @Field(() => ID) createdById: string;
  @Field(() => Date) createdAt: Date;
}

@ObjectType('BankPayment', { description: 'A debit entry of a bank statement.' })
export class BankPaymentModel {
  @Field(() => Int) line: number;
  @Field(() => LocalDateScalar) bookingDate: LocalDate;
  @Field(() => LocalDateScalar, { nullable: true }) valueDate: LocalDate | null;
  @Field(() => DecimalScalar) amount: Decimal;
  @Field(() => String) counterparty: string;
  @Field(() => String) text: string;
  @Field(() => String, { nullable: true }) reference: string | null;
}

@ObjectType('ReceiptRef', { description: 'A booked receipt, as reconciliation shows it.' })
export class ReceiptRefModel {
  @Field(() => ID) id: string;
  @Field(() => String) receiptNumber: string;
  @Field(() => LocalDateScalar) paymentDate: LocalDate;
  @Field(() => String) payee: string;
  @Field(() => DecimalScalar) grossAmount: Decimal;
}

@ObjectType('PaymentMatch')
export class PaymentMatchModel {
  @Field(() => BankPaymentModel) payment: BankPaymentModel;
  @Field(() => ReceiptRefModel) receipt: ReceiptRefModel;
  @Field(() => Int, { description: "Days between the receipt's payment date and the bank's booking date." }) days: number;
  @Field(() => [String], { description: 'AMOUNT, DATE, REFERENCE, COUNTERPARTY.' }) criteria: string[];
  @Field(() => Boolean, { description: "Stored by confirmBankPayments: the receipt's payment is confirmed by the bank." })
  confirmed: boolean;
}

@ObjectType('BankReconciliation', { description: 'Bank payments of a camt.053 import against the booked receipts.' })
export class BankReconciliationModel {
  @Field(() => ID) importId: string;
  @Field(() => Int) windowDays: number;
  @Field(() => LocalDateScalar, { description: "The statements' first day." }) from: LocalDate;
  @Field(() => LocalDateScalar) to: LocalDate;
  @Field(() => [PaymentMatchModel]) matches: PaymentMatchModel[];
  @Field(() => [BankPaymentModel], { description: 'Debits with no receipt of equal amount in the window.' })
  unmatchedPayments: BankPaymentModel[];
  @Field(() => [ReceiptRefModel], { description: "Receipts paid within the statements' period that no debit matches." })
  unmatchedReceipts: ReceiptRefModel[];
}
