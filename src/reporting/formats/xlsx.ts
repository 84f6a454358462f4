import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Decimal } from 'decimal.js';

import { type CellValue, Quantity, spreadsheetNumber } from './cell-values.js';

export const EUR_FORMAT = '#,##0.00 "€";[Red]-#,##0.00 "€"';
export const QUANTITY_FORMAT = '#,##0.##';

export interface SheetSpec {
  name: string;
  /** Lines above the table (title, file number, as-of date). */
  title?: string[];
  header: string[];
  rows: CellValue[][];
  /** Row indexes (into `rows`) to print bold, e.g. sum rows. */
  boldRows?: number[];
  columnWidths?: number[];
}

/**
 * An XLSX workbook with one sheet per part: money as real numeric cells in a EUR number format,
 * and byte-identical output for the same input and `fixedDate` (document dates and the zip entry
 * dates are pinned, entries are written in a stable order).
 */
export async function buildXlsx(sheets: SheetSpec[], fixedDate: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Funding Program Tracker';
  workbook.lastModifiedBy = 'Funding Program Tracker';
  workbook.created = fixedDate;
  workbook.modified = fixedDate;
  for (const spec of sheets) addSheet(workbook, spec);
  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  return repackWithFixedDates(raw, fixedDate);
}

function addSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
  for (const line of spec.title ?? []) sheet.addRow([line]).font = { bold: true };
  if (spec.title?.length) sheet.addRow([]);
  const headerRow = sheet.addRow(spec.header);
  headerRow.font = { bold: true };
  spec.rows.forEach((row, index) => {
    const added = sheet.addRow(row.map(toCell));
    row.forEach((value, column) => {
      if (value instanceof Decimal) added.getCell(column + 1).numFmt = EUR_FORMAT;
      if (value instanceof Quantity) added.getCell(column + 1).numFmt = QUANTITY_FORMAT;
    });
    if (spec.boldRows?.includes(index)) added.font = { bold: true };
  });
  spec.header.forEach((_, i) => (sheet.getColumn(i + 1).width = spec.columnWidths?.[i] ?? Math.min(45, Math.max(12, spec.header[i].length + 2))));
}

function toCell(value: CellValue): ExcelJS.CellValue {
  if (value instanceof Decimal) return spreadsheetNumber(value);
  // Not money: an indicator value or percentage is a display figure, a double is fine.
  if (value instanceof Quantity) return value.value.toNumber();
  return value;
}

/** JSZip stamps every entry with the current time; rewrite the archive with one fixed date. */
async function repackWithFixedDates(xlsx: Buffer, date: Date): Promise<Buffer> {
  const source = await JSZip.loadAsync(xlsx);
  const target = new JSZip();
  for (const name of Object.keys(source.files).sort()) {
    const entry = source.files[name];
    if (entry.dir) continue;
    target.file(name, await entry.async('nodebuffer'), { date, createFolders: false });
  }
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
