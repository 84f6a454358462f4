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
  const bytes = await writeWorkbook(ExcelJS as unknown as ExcelModule, JSZip as unknown as ZipModule, workbookPlan(sheets, fixedDate));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Cells as plain values (money already checked and converted): what a worker thread can receive. */
export interface WorkbookPlan {
  fixedDate: string;
  sheets: {
    name: string;
    title: string[];
    header: string[];
    widths: number[];
    plain: boolean;
    rows: { cells: (string | number | Date | null)[]; formats: (string | null)[]; bold: boolean }[];
  }[];
}

export function workbookPlan(sheets: SheetSpec[], fixedDate: Date): WorkbookPlan {
  return {
    fixedDate: fixedDate.toISOString(),
    sheets: sheets.map((spec) => ({
      name: spec.name.slice(0, 31),
      title: spec.title ?? [],
      header: spec.header,
      widths: spec.header.map((h, i) => spec.columnWidths?.[i] ?? Math.min(45, Math.max(12, h.length + 2))),
      plain: spec.plain ?? false,
      rows: spec.rows.map((row, index) => ({
        cells: row.map(toCell),
        formats: row.map(formatOf),
        bold: spec.boldRows?.includes(index) ?? false,
      })),
    })),
  };
}

function formatOf(value: CellValue): string | null {
  if (value instanceof Decimal) return EUR_FORMAT;
  if (value instanceof Quantity) return value.decimals === 2 ? PERCENT_FORMAT : QUANTITY_FORMAT;
  if (value instanceof CalendarDate) return DATE_FORMAT;
  return null;
}

function toCell(value: CellValue): string | number | Date | null {
  if (value instanceof Decimal) return spreadsheetNumber(value);
  // Not money: an indicator value or percentage is a display figure, a double is fine.
  if (value instanceof Quantity) return value.value.toNumber();
  // A real date cell: the day at midnight UTC, which the spreadsheet shows as that day.
  if (value instanceof CalendarDate) return new Date(`${value.date}T00:00:00Z`);
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
    const headerRow = sheet.addRow(spec.header);
    headerRow.font = { bold: true };
    for (const row of spec.rows) {
      const added = sheet.addRow(row.cells);
      row.formats.forEach((format, column) => {
        if (format) added.getCell(column + 1).numFmt = format;
      });
      if (row.bold) added.font = { bold: true };
    }
    spec.widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width));
    // Printed on A4: landscape, one page wide (as many pages down as needed), the header row on
    // every page, page numbers in the footer; on screen the header stays frozen with an autofilter.
    sheet.pageSetup = {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
      printTitlesRow: `${headerRow.number}:${headerRow.number}`,
    };
    sheet.headerFooter = { oddFooter: `&L${spec.name}&RSeite &P von &N` };
    if (spec.plain) continue;
    sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow.number }];
    if (spec.rows.length)
      sheet.autoFilter = {
        from: { row: headerRow.number, column: 1 },
        to: { row: headerRow.number + spec.rows.length, column: spec.header.length },
      };
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
