import { Decimal } from 'decimal.js';

import { germanCsv } from '../formats/german-csv.js';
import { sampleProof } from '../../../test/factories/sample-proof.js';
import { ProofPart } from '../proof.enums.js';
import { proofParts } from './proof-layout.js';
import { RECEIPT_HEADER, receiptListRows } from './receipt-list.js';

describe('proof layout', () => {
  it('lays out the receipt list per category with sum rows and a total that add up exactly', () => {
    const { rows, sumRows } = receiptListRows(sampleProof().receipts!);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 'Summe', 3, 'Summe', 'Gesamt']);
    expect(sumRows).toEqual([2, 4, 5]);
    expect((rows[2][9] as Decimal).toFixed(2)).toBe('1250.10');
    expect((rows[2][8] as Decimal).toFixed(2)).toBe('50.00');
    expect((rows[5][7] as Decimal).toFixed(2)).toBe('1300.30');
    expect((rows[5][9] as Decimal).toFixed(2)).toBe('1250.30');
    expect(RECEIPT_HEADER).toHaveLength(rows[0].length);
  });

  it("uses the German headings of docs/domain.md#report-layouts and the programme's percent in the overrun flag", () => {
    const parts = proofParts(sampleProof());
    const plan = parts.find((p) => p.slug === 'soll-ist-vergleich')!;
    expect(plan.header).toEqual([
      'Position',
      'Bezeichnung',
      'Soll lt. Finanzierungsplan EUR',
      'Ist EUR',
      'Abweichung EUR',
      'Abweichung %',
      'Abweichung über 20 %',
      'Erläuterung der Abweichung',
    ]);
    // overrun and underspending are both flagged, each with the finance officer's explanation (or that it is missing)
    expect(plan.rows[0].slice(6)).toEqual(['Überschreitung', 'Tarifsteigerung TVöD 2023']);
    expect(plan.rows[1].slice(6)).toEqual(['Unterschreitung', 'Erläuterung fehlt']);
    expect(plan.rows[2].slice(0, 5).map((c) => (c instanceof Decimal ? c.toFixed(2) : c))).toEqual([
      'Summe',
      null,
      '1500.00',
      '1250.30',
      '-249.70',
    ]);
    const financing = parts.find((p) => p.slug === 'finanzierung')!;
    expect(financing.header).toEqual([
      'Finanzierung',
      'Soll lt. Finanzierungsplan EUR',
      'Ist EUR',
      'Abweichung EUR',
      'Abweichung %',
      'Nachweis des Ist',
    ]);
    expect(financing.rows.map((r) => [r[0], ...r.slice(1, 4).map((c) => (c as Decimal).toFixed(2))])).toEqual([
      ['Zuwendung', '1350.00', '1000.00', '-350.00'],
      ['Eigenmittel', '150.00', '250.30', '100.30'],
      ['Summe', '1500.00', '1250.30', '-249.70'],
    ]);
    // −249.70 / 1,500.00 = −16.646… % → −16.65 (display)
    expect((financing.rows[2][4] as { value: Decimal }).value.toFixed(2)).toBe('-16.65');
    expect(financing.rows[1][5]).toContain('nicht durch Zuwendung');
    expect(parts.find((p) => p.slug === 'mittelabrufe')!.header).toEqual([
      'Datum',
      'Abruf-Nr.',
      'Art',
      'Betrag EUR',
      'verbraucht für Ausgaben EUR',
      'davon aus Vorjahren EUR',
      'zurückgezahlt EUR',
      'Bestand EUR',
      'Zinsen EUR',
    ]);
    const result = parts.find((p) => p.slug === 'ergebnis')!.rows;
    expect(result[3]).toEqual(['Unterzahlung', new Decimal('125.27')]);
    // the derivation from the Mittelabrufe table ends in the signed result
    expect(result.at(-1)).toEqual(['ergibt: Überzahlung (+) / Unterzahlung (−)', new Decimal('-125.27')]);
    expect(parts.find((p) => p.slug === 'indikatorenbericht')!.header).toContain('Ist kumuliert');
  });

  it('writes a CSV that parses back with `;` and decimal comma, including percentages', () => {
    const plan = proofParts(sampleProof(), [ProofPart.PLAN_VS_ACTUAL])[0];
    const text = germanCsv(plan.header, plan.rows).toString('utf8');
    expect(text.split('\r\n')[1]).toBe('A;Personalausgaben;1000,00;1250,10;250,10;25,01;Überschreitung;Tarifsteigerung TVöD 2023');
    expect(text.split('\r\n')[2]).toBe('B6;Teilnehmendenkosten;500,00;0,20;-499,80;-99,96;Unterschreitung;Erläuterung fehlt');
  });

  it('lays out only the parts asked for, in the fixed order, and refuses a part whose data was not loaded', () => {
    const { receipts, ...withoutReceipts } = sampleProof();
    expect(receipts).toBeDefined();
    expect(proofParts(withoutReceipts, [ProofPart.RESULT, ProofPart.PLAN_VS_ACTUAL]).map((p) => p.slug)).toEqual([
      'soll-ist-vergleich',
      'ergebnis',
    ]);
    expect(() => proofParts(withoutReceipts, [ProofPart.RECEIPTS])).toThrow('"receipts" was not loaded');
  });
});
