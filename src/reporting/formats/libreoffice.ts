import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';

const run = promisify(execFile);

/** Whether LibreOffice's `soffice` is on the PATH. */
export async function hasSoffice(): Promise<boolean> {
  try {
    await run('soffice', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens an XLSX in LibreOffice Calc (headless) and saves every sheet as CSV: what a real
 * spreadsheet program reads from the file. Field options: `,` separator, `"` quotes, UTF-8, and
 * "formatted as shown" off, so numbers come out raw ("1250.1"); -1 exports all sheets (LO ≥ 7.2).
 */
export async function sheetsAsLibreOfficeSees(xlsx: Buffer): Promise<Map<string, string[][]>> {
  const dir = await mkdtemp(join(tmpdir(), 'fpt-xlsx-'));
  try {
    await writeFile(join(dir, 'book.xlsx'), xlsx);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        dir,
        join(dir, 'book.xlsx'),
      ],
      { timeout: 120_000 },
    );
    const sheets = new Map<string, string[][]>();
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
      const sheet = name.replace(/^book-/, '').replace(/\.csv$/, '');
      sheets.set(sheet, parseCsv(await readFile(join(dir, name), 'utf8')));
    }
    return sheets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Compares every numeric cell of the workbook (as exceljs wrote it) with what LibreOffice reads
 * for the same cell, to the cent. Returns the differences (empty when all agree) and how many
 * numbers were compared.
 */
export async function compareWithLibreOffice(xlsx: Buffer): Promise<{ compared: number; differences: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as never);
  const seen = await sheetsAsLibreOfficeSees(xlsx);
  const differences: string[] = [];
  let compared = 0;
  for (const sheet of workbook.worksheets) {
    const rows = seen.get(sheet.name);
    if (!rows) {
      differences.push(`sheet ${sheet.name} missing in LibreOffice's export`);
      continue;
    }
    sheet.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (typeof cell.value !== 'number') return;
        compared += 1;
        const theirs = rows[r - 1]?.[c - 1];
        if (theirs === undefined || !new Decimal(theirs).eq(new Decimal(cell.value).toDecimalPlaces(2)))
          differences.push(`${sheet.name}!R${r}C${c}: ${cell.value} vs ${theirs}`);
      }),
    );
  }
  return { compared, differences };
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      if (ch === '\r') i++;
      (row.push(cell), rows.push(row), (row = []), (cell = ''));
    } else cell += ch;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}
