import { AppError, badInput, conflict, notFound } from '../common/errors/app-error.js';

/** The imports module's clerk-facing errors, in one place. */
export const ImportErrors = {
  importNotFound: (id: string): AppError => notFound('Import', id),
  profileNotFound: (id: string): AppError => notFound('Import profile', id),
  profileNeeded: (): AppError =>
    badInput('profileId', 'A CSV file is read through an import profile: give profileId (create one with createImportProfile).'),
  noAmountColumn: (): AppError =>
    badInput('columns.amount', 'The profile maps no amount column: name the header of the column holding the amount (e.g. "Betrag").'),
  profileNameTaken: (name: string): AppError =>
    conflict(`An import profile named "${name}" already exists in this project.`, { field: 'name' }),
  badFormat: (): AppError => badInput('format', 'The format must be DATEV, CAMT or CSV.'),
  notMultipart: (): AppError =>
    badInput('file', 'Send the file as multipart/form-data in a field named "file" (curl -F file=@export.csv).'),
  noFile: (): AppError => badInput('file', 'The request holds no file; send it in a multipart field named "file".'),
  tooLarge: (limitMb: number): AppError =>
    new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${limitMb} MB (IMPORT_MAX_FILE_MB).`, 'file', { limitMb }),
  rulesChanged: (current: number, base: number | null): AppError =>
    conflict(
      `The mapping rules are at version ${current}, not ${base ?? 0}: someone changed them meanwhile. Read them again and base your change on version ${current}.`,
      { field: 'baseVersion' },
    ),
  bookNeedsCategory: (index: number): AppError =>
    badInput(`rules.${index}.costCategoryCode`, `Rule ${index + 1} books, so it must name a cost category.`),
  ignoreHasCategory: (index: number): AppError =>
    badInput(`rules.${index}.costCategoryCode`, `Rule ${index + 1} ignores rows; it cannot name a cost category.`),
  unknownCategory: (index: number, code: string): AppError =>
    badInput(
      `rules.${index}.costCategoryCode`,
      `Rule ${index + 1}: the cost category "${code}" has no line in this project's financing plan.`,
    ),
  notPreviewed: (): AppError =>
    conflict('Preview the import first (previewImport): nothing is booked without a preview.', { field: 'importId' }),
  alreadyCommitted: (at: Date): AppError =>
    conflict(`This import was already committed (${at.toISOString()}); nothing was booked again.`, { field: 'importId' }),
  previewOutdated: (previewed: number | null, current: number): AppError =>
    conflict(`The mapping rules changed since the preview (version ${previewed ?? 0}, now ${current}); preview again before committing.`, {
      field: 'importId',
    }),
  notABankStatement: (): AppError => badInput('importId', 'Bank reconciliation needs a camt.053 import.'),
  windowOutOfRange: (): AppError => badInput('windowDays', 'The date window must be between 0 and 60 days.'),
};
