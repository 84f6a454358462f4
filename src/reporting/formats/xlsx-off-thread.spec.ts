import { Decimal } from 'decimal.js';

import { Quantity } from './cell-values.js';
import { buildXlsx, type SheetSpec } from './xlsx.js';
import { buildXlsxOffThread, OFF_THREAD_MIN_ROWS } from './xlsx-off-thread.js';

describe('XLSX off the event loop', () => {
  const date = new Date('2026-06-30T00:00:00Z');
  const sheet = (rows: number, name = 'Belegliste'): SheetSpec => ({
    name,
    title: ['Verwendungsnachweis', 'Az. MP-1'],
    header: ['Nr.', 'Text', 'Betrag', 'Anteil'],
    rows: Array.from({ length: rows }, (_, i) => [
      i + 1,
      `Beleg ${i + 1}`,
      new Decimal(i).mul('1.01').toDecimalPlaces(2),
      new Quantity(new Decimal(i % 100).div(3).toDecimalPlaces(2)),
    ]),
    boldRows: [rows - 1],
  });

  it('gives the same bytes as the in-place build for a workbook big enough for the worker', async () => {
    const big = [sheet(OFF_THREAD_MIN_ROWS + 10), sheet(3, 'Summen')];
    const [inPlace, offThread] = await Promise.all([buildXlsx(big, date), buildXlsxOffThread(big, date)]);
    expect(offThread.length).toBeGreaterThan(10_000);
    expect(offThread.equals(inPlace)).toBe(true);
  });

  it('refuses an amount a spreadsheet number cannot carry before starting a worker', async () => {
    const bad = sheet(OFF_THREAD_MIN_ROWS);
    bad.rows[5][2] = new Decimal('12345678901234567.89');
    await expect(buildXlsxOffThread([bad], date)).rejects.toThrow(/cannot be written exactly/);
  });
});
