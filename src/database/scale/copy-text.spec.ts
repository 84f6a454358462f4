import { IdentityVault } from '../../participants/identity-vault.js';
import { STANDARD_COST_CATEGORIES } from '../seeders/budget-data.js';
import { copyStatement, copyText, copyValue, encodeProject } from './copy-text.js';
import type { ScaleContext } from './scale-project.js';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return, writes null as \\N and booleans as t/f', () => {
    expect(copyValue('Müller\\Schmidt\tGmbH\nZeile 2\r')).toBe('Müller\\\\Schmidt\\tGmbH\\nZeile 2\\r');
    expect(copyValue(null)).toBe('\\N');
    expect(copyValue(undefined)).toBe('\\N');
    expect(copyValue('\\N')).toBe('\\\\N'); // the text "\N" stays text, not null
    expect([copyValue(true), copyValue(false), copyValue(2026), copyValue('1234.50')]).toEqual(['t', 'f', '2026', '1234.50']);
  });

  it('writes one line per row, columns separated by tabs, and names the columns in the statement', () => {
    const table = {
      table: 'measure',
      columns: ['id:uuid', 'title:text', 'capacity:int'],
      rows: [
        ['a', 'Kurs\t1', 12],
        ['b', null, 3],
      ],
    };
    expect(copyText(table)).toBe('a\tKurs\\t1\t12\nb\t\\N\t3\n');
    expect(copyText({ ...table, rows: [] })).toBe('');
    expect(copyStatement('measure', table.columns)).toBe('copy "measure" ("id", "title", "capacity") from stdin');
  });
});

describe('encodeProject', () => {
  const ctx: ScaleContext = {
    seed: 9,
    programId: '00000000-0000-4000-8000-00000000000a',
    categoryIdByCode: new Map(
      STANDARD_COST_CATEGORIES.map((c, i) => [c.code, `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`]),
    ),
    financeId: '00000000-0000-4000-8000-0000000000f1',
    grantorId: '00000000-0000-4000-8000-0000000000f2',
    vault: IdentityVault.fromKeys(Buffer.alloc(32, 1), Buffer.alloc(32, 2)),
    receiptsPerProject: 1500,
    participantsPerProject: 60,
    receiptsFixed: 1200,
    receiptsPerDensity: 20000,
  };

  it('gives the same bytes for the same seed and number, except the identity ciphertexts (fresh IV each time)', () => {
    const [first, again] = [encodeProject(ctx, 5), encodeProject(ctx, 5)];
    const text = (p: typeof first, table: string) => new TextDecoder().decode(p.tables.find((t) => t.table === table)!.data);
    expect(first.tables.map((t) => t.table)).toEqual(again.tables.map((t) => t.table));
    for (const t of first.tables.filter((x) => x.table !== 'participant_identity')) expect(text(again, t.table)).toBe(text(first, t.table));
    const withoutCiphers = (p: typeof first) =>
      text(p, 'participant_identity')
        .split('\n')
        .map((line) =>
          line
            .split('\t')
            .filter((_, i) => i !== 2 && i !== 3)
            .join('\t'),
        );
    expect(withoutCiphers(again)).toEqual(withoutCiphers(first));
    expect(first.tables.find((t) => t.table === 'expenditure')!.rows).toBe(first.receipts);
    expect(text(first, 'expenditure').split('\n').length - 1).toBe(first.receipts);
  });
});
