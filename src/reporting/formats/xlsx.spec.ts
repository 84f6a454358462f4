import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';

import { buildXlsx, EUR_FORMAT } from './xlsx.js';

const FIXED = new Date('2024-05-01T00:00:00Z');

const sheets = () => [
  {
    name: 'Belegliste',
    title: ['Belegliste', 'Aktenzeichen MP-1'],
    header: ['Lfd. Nr.', 'Beleg-Nr.', 'Betrag brutto EUR'],
    rows: [
      [1, 'B-1', new Decimal('0.10')],
      [2, 'B-2', new Decimal('999999999999.99')],
      ['Summe', null, new Decimal('1000000000000.09')],
    ],
    boldRows: [2],
  },
];

describe('XLSX builder', () => {
  it('writes byte-identical files for the same input and date', async () => {
    const first = await buildXlsx(sheets(), FIXED);
    await new Promise((r) => setTimeout(r, 1100)); // a different wall-clock second
    const second = await buildXlsx(sheets(), FIXED);
    expect(first.equals(second)).toBe(true);
  });

  it('writes money as numeric cells in a EUR format that read back exactly', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildXlsx(sheets(), FIXED)) as never);
    const sheet = workbook.getWorksheet('Belegliste')!;
    const row = sheet.getRow(5); // two title lines, a blank line, the header, then the rows
    expect(row.getCell(2).value).toBe('B-1');
    expect(typeof row.getCell(3).value).toBe('number');
    expect(row.getCell(3).numFmt).toBe(EUR_FORMAT);
    expect(new Decimal(sheet.getRow(6).getCell(3).value as number).toFixed(2)).toBe('999999999999.99');
    expect(workbook.created.toISOString()).toBe(FIXED.toISOString());
  });

  it('refuses an amount a spreadsheet number cannot carry exactly', async () => {
    await expect(buildXlsx([{ name: 'X', header: ['A'], rows: [[new Decimal('12345678901234567.89')]] }], FIXED)).rejects.toThrow(
      /cannot be written exactly/,
    );
  });
});
