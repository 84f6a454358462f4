import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Decimal } from 'decimal.js';

import { CalendarDate, type CellValue, Quantity, spreadsheetNumber } from './cell-values.js';

export const EUR_FORMAT = '#,##0.00 "€";[Red]-#,##0.00 "€"';
export const QUANTITY_FORMAT = '#,##0.##';
export const PERCENT_FORMAT = '#,##0.00';
export const DATE_FORMAT = 'DD.MM.YYYY';

export interface SheetSpec {
  name: string;
  /** Lines above the table (title, file number, as-of date). */
  title?: string[];
  header: string[];
  rows: CellValue[][];
  /** Row indexes (into `rows`) to print bold, e.g. sum rows. */
  boldRows?: number[];
  columnWidths?: number[];
  /** A form-like sheet (the cover page): no autofilter, no frozen header. */
  plain?: boolean;
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
      if (value instanceof Quantity) added.getCell(column + 1).numFmt = value.decimals === 2 ? PERCENT_FORMAT : QUANTITY_FORMAT;
      if (value instanceof CalendarDate) added.getCell(column + 1).numFmt = DATE_FORMAT;
    });
    if (spec.boldRows?.includes(index)) added.font = { bold: true };
  });
  spec.header.forEach((_, i) => (sheet.getColumn(i + 1).width = spec.columnWidths?.[i] ?? Math.min(45, Math.max(12, spec.header[i].length + 2))));
  printLayout(sheet, headerRow.number, spec);
}

/**
 * Laid out for printing on A4: landscape, scaled to one page width (as many pages down as the
 * rows need), the header row repeated on every page, page numbers in the footer; on screen the
 * header row stays frozen and carries an autofilter.
 */
function printLayout(sheet: ExcelJS.Worksheet, headerRow: number, spec: SheetSpec): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  sheet.headerFooter = { oddFooter: `&L${spec.name}&RSeite &P von &N` };
  if (spec.plain) return;
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow }];
  if (spec.rows.length) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow + spec.rows.length, column: spec.header.length } };
}

function toCell(value: CellValue): ExcelJS.CellValue {
  if (value instanceof Decimal) return spreadsheetNumber(value);
  // Not money: an indicator value or percentage is a display figure, a double is fine.
  if (value instanceof Quantity) return value.value.toNumber();
  // A real date cell: the day at midnight UTC, which the spreadsheet shows as that day.
  if (value instanceof CalendarDate) return new Date(`${value.date}T00:00:00Z`);
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
