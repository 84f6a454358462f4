import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

import iconv from 'iconv-lite';

import { type CamtStatement, parseCamt } from './camt.js';
import { parseDatev } from './datev.js';
import type { ParsedRow } from './parsed-row.js';
import { parseAmount, parseDate } from './values.js';

const collect = async (rows: AsyncGenerator<ParsedRow>) => {
  const out: ParsedRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
};
const ctx = { fileName: 'sample' };

describe('DATEV Buchungsstapel parser', () => {
  it('reads the shipped sample: Windows-1252 umlauts, S/H sign, TTMM dates in the batch period, Belegfeld 1 as key', async () => {
    let header: unknown;
    const rows = await collect(
      parseDatev(createReadStream('test/fixtures/imports/datev-buchungsstapel-2024-q1.csv'), ctx, (h) => (header = h)),
    );
    expect(header).toMatchObject({ consultantNumber: '29098', clientNumber: '55003', periodFrom: '2024-01-01', periodTo: '2024-12-31' });
    expect(rows).toHaveLength(9);
    expect(rows[0]).toMatchObject({
      line: 3,
      receiptNumber: 'GH-2024-01',
      paymentDate: '2024-01-31',
      account: '4120',
      contraAccount: '1200',
      costCentre: 'MP42',
      text: 'Gehälter Januar Coachingteam',
      sourceId: '29098/55003/GH-2024-01',
    });
    expect(rows[0].amount.toFixed(2)).toBe('3250.00');
    expect(rows[7].amount.toFixed(2)).toBe('-50.00'); // H (Haben)
    expect(rows[8].counterparty).toBe('Büromöbel Schäfer GmbH');
  });

  it('names the line and field of a date outside the batch period', async () => {
    const text = iconv
      .decode(await readAll('test/fixtures/imports/datev-buchungsstapel-2024-q1.csv'), 'win1252')
      .replace(';20240101;20241231;', ';20240101;20240331;');
    await expect(collect(parseDatev(Readable.from([iconv.encode(text, 'win1252')]), ctx, () => {}))).rejects.toMatchObject({
      message: 'sample, line 7, field "Belegdatum": 05.04. does not lie in the batch\'s period 2024-01-01 to 2024-03-31.',
    });
  });
});

describe('camt.053 parser', () => {
  it('reads entries with sign, dates, references and the statement balances', async () => {
    const statements: CamtStatement[] = [];
    const rows = await collect(parseCamt(createReadStream('test/fixtures/imports/camt053-2024-03.xml'), ctx, (s) => statements.push(s)));
    expect(rows.map((r) => [r.amount.toFixed(2), r.receiptNumber, r.counterparty])).toEqual([
      ['1190.00', 'RE-2024-0101', 'Beratungsgesellschaft Nordlicht mbH'],
      ['1450.00', '2024030500002', 'Immobilien Talblick GmbH & Co. KG'],
      ['99.99', '2024031200003', 'Telefonanbieter Wupperfon'],
      ['-25000.00', '2024031500004', 'Bundeskasse'],
    ]);
    expect(statements).toEqual([
      expect.objectContaining({ iban: 'DE89370400440532013000', openingDate: '2024-03-01', closingDate: '2024-03-31', entries: 4 }),
    ]);
    expect(statements[0].closingBalance.toFixed(2)).toBe('72260.01');
  });

  it('refuses a statement that does not add up, naming the closing balance', async () => {
    const text = (await readAll('test/fixtures/imports/camt053-2024-04.xml'))
      .toString('utf8')
      .replace('<Amt Ccy="EUR">86.40</Amt>', '<Amt Ccy="EUR">86.41</Amt>');
    await expect(collect(parseCamt(Readable.from([Buffer.from(text)]), ctx, () => {}))).rejects.toMatchObject({
      extensions: { field: 'Bal/Amt (CLBD)', line: 23 },
    });
  });
});

describe('amounts and dates of accounting exports', () => {
  const at = { file: 'f', line: 3, field: 'Betrag' };
  it.each([
    ['1.234,56', '1234.56'],
    ['-12,00', '-12.00'],
    ['12,00-', '-12.00'],
    ['0,5', '0.50'],
  ])('%s → %s', (text, expected) =>
    expect(parseAmount(text, { decimalSeparator: ',', thousandsSeparator: '.' }, at).toFixed(2)).toBe(expected),
  );
  it('refuses three decimals and a point where a comma is expected', () => {
    expect(() => parseAmount('1,234', { decimalSeparator: ',', thousandsSeparator: '' }, at)).toThrow(
      'f, line 3, field "Betrag": "1,234" is not an amount with at most two decimals.',
    );
    expect(() => parseAmount('12.50', { decimalSeparator: ',', thousandsSeparator: '' }, at)).toThrow(/not an amount in this format/);
  });
  it('reads the profile date formats and refuses impossible dates', () => {
    expect(parseDate('1.3.2024', 'DD.MM.YYYY', at)).toBe('2024-03-01');
    expect(parseDate('03/01/2024', 'MM/DD/YYYY', at)).toBe('2024-03-01');
    expect(() => parseDate('30.02.2024', 'DD.MM.YYYY', at)).toThrow(/not a calendar date/);
  });
});

async function readAll(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
