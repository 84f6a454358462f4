import { registerEnumType } from '@nestjs/graphql';

/** The file formats an import reads. */
export enum ImportFormat {
  /** DATEV "Buchungsstapel" (EXTF header line, Windows-1252, `;`, decimal comma). */
  DATEV = 'DATEV',
  /** ISO 20022 camt.053 bank statement (XML). */
  CAMT = 'CAMT',
  /** A CSV export read through a saved import profile. */
  CSV = 'CSV',
}

/** staged (parsed, nothing booked) → previewed (rules applied, nothing booked) → committed (booked). */
export enum ImportStatus {
  STAGED = 'STAGED',
  PREVIEWED = 'PREVIEWED',
  COMMITTED = 'COMMITTED',
}

/** What the preview (and then the commit) decided for one staged row. */
export enum ImportRowStatus {
  STAGED = 'STAGED',
  /** Passes every rule; the commit books it. */
  TO_BOOK = 'TO_BOOK',
  /** Breaks a rule; `reasons` says which. Never booked. */
  PROBLEM = 'PROBLEM',
  /** Its source key was booked by an earlier import with the same amount. */
  DUPLICATE = 'DUPLICATE',
  /** Its source key was booked with another amount: the commit reverses that booking and books this one. */
  CORRECTION = 'CORRECTION',
  /** A mapping rule says to leave it out. */
  IGNORED = 'IGNORED',
  /** Booked by the commit. */
  BOOKED = 'BOOKED',
  /** Booked by the commit as the replacement of a reversed earlier booking. */
  CORRECTED = 'CORRECTED',
}

export enum MappingAction {
  BOOK = 'BOOK',
  IGNORE = 'IGNORE',
}

registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'DATEV Buchungsstapel, camt.053 bank statement, or CSV through an import profile.',
});
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: 'staged → previewed → committed; nothing is booked before the commit.',
});
registerEnumType(ImportRowStatus, { name: 'ImportRowStatus', description: 'What the preview or commit decided for one staged row.' });
registerEnumType(MappingAction, { name: 'MappingAction', description: 'Book the matching rows, or leave them out.' });
