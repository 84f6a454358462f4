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
  const bytes = await writeWorkbook(ExcelJS as unknown as ExcelModule, JSZip as unknown as ZipModule, workbookPlan(sheets, fixedDate));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Cells as plain values (money already checked and converted): what a worker thread can receive. */
export interface WorkbookPlan {
  fixedDate: string;
  sheets: { name: string; title: string[]; header: string[]; widths: number[]; rows: { cells: (string | number | null)[]; formats: (string | null)[]; bold: boolean }[] }[];
}

export function workbookPlan(sheets: SheetSpec[], fixedDate: Date): WorkbookPlan {
  return {
    fixedDate: fixedDate.toISOString(),
    sheets: sheets.map((spec) => ({
      name: spec.name.slice(0, 31),
      title: spec.title ?? [],
      header: spec.header,
      widths: spec.header.map((h, i) => spec.columnWidths?.[i] ?? Math.min(45, Math.max(12, h.length + 2))),
      rows: spec.rows.map((row, index) => ({
        cells: row.map(toCell),
        formats: row.map((value) => (value instanceof Decimal ? EUR_FORMAT : value instanceof Quantity ? QUANTITY_FORMAT : null)),
        bold: spec.boldRows?.includes(index) ?? false,
      })),
    })),
  };
}

function toCell(value: CellValue): string | number | null {
  if (value instanceof Decimal) return spreadsheetNumber(value);
  // Not money: an indicator value or percentage is a display figure, a double is fine.
  if (value instanceof Quantity) return value.value.toNumber();
  return value;
}

type ExcelModule = typeof ExcelJS;
type ZipModule = typeof JSZip;

/**
 * Writes the workbook from a plan. Self-contained on purpose (no imports, no outer names): a worker
 * thread runs this same function from its source text (xlsx-off-thread.ts), so both paths give
 * identical bytes. JSZip stamps every entry with the current time, so the archive is rewritten with
 * one fixed date and a stable entry order.
 */
export async function writeWorkbook(excel: ExcelModule, zip: ZipModule, plan: WorkbookPlan): Promise<Uint8Array> {
  const date = new Date(plan.fixedDate);
  const workbook = new excel.Workbook();
  workbook.creator = 'Funding Program Tracker';
  workbook.lastModifiedBy = 'Funding Program Tracker';
  workbook.created = date;
  workbook.modified = date;
  for (const spec of plan.sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    for (const line of spec.title) sheet.addRow([line]).font = { bold: true };
    if (spec.title.length) sheet.addRow([]);
    sheet.addRow(spec.header).font = { bold: true };
    for (const row of spec.rows) {
      const added = sheet.addRow(row.cells);
      row.formats.forEach((format, column) => {
        if (format) added.getCell(column + 1).numFmt = format;
      });
      if (row.bold) added.font = { bold: true };
    }
    spec.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  }
  const raw = await workbook.xlsx.writeBuffer();
  const source = await zip.loadAsync(raw as ArrayBuffer);
  const target = new zip();
  for (const name of Object.keys(source.files).sort()) {
    const entry = source.files[name];
    if (entry.dir) continue;
    target.file(name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return target.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
