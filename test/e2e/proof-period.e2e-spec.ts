import { Decimal } from 'decimal.js';

import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, paidTranche, receipt, RECORD, REPAY, REQUEST } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { files { name sha256 url } problems { code message } } }`;
const PREFLIGHT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofPreflight(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { code message } }`;

const AS_OF = '2026-11-30';

function parseGermanCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}
const amount = (cell: string) => new Decimal(cell.replace(',', '.'));

/**
 * A proof looks only at its own period: bookings, drawdown requests and
 * repayments of other years leave the bytes of the 2022 interim proof unchanged; the pre-flight of
 * 2022 does not list a 2024 request; after a repayment the Mittelabrufe table still adds up and
 * the result equals its derivation from the table.
 */
describe('proof period: a proof depends only on its period and as-of date', () => {
  let t: TestApp;
  let p: FundedProject;
  const who = () => ({ finance: p.finance, approver: p.finance2 });
  const book = async (categoryId: string, paymentDate: string, gross: string) => {
    const result = await t.gqlAs(p.finance, RECORD, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        receipt: receipt(categoryId, { invoiceDate: paymentDate, paymentDate, grossAmount: gross, eligibleAmount: gross }),
      },
    });
    expect(result.errors).toBeUndefined();
  };
  const interim = (fiscalYear: number) => ({ projectId: p.projectId, kind: 'INTERIM', fiscalYear, asOf: AS_OF });
  const manifest = async (fiscalYear: number) => {
    const result = await t.gqlAs(p.finance, EXPORT, interim(fiscalYear));
    expect(result.errors).toBeUndefined();
    return result.data!.proofExport;
  };
  const csv = async (files: { name: string; url: string }[], suffix: string) =>
    parseGermanCsv(
      (
        await t
          .http()
          .get(files.find((f) => f.name.endsWith(suffix))!.url)
          .set(await t.auth(p.finance))
      ).text,
    );

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, {
      plan: { 2022: { A: '100000.00' }, 2023: { A: '100000.00' }, 2024: { A: '100000.00' }, 2025: { A: '50000.00' } },
    });
    await paidTranche(t, who(), p.projectId, [{ costCategoryId: p.category.A, amount: '80000.00' }], '2022-02-01');
    await book(p.category.A, '2022-03-10', '50000.00');
  }, 300_000);
  afterAll(() => t.close());

  it('keeps every byte of the 2022 proof when 2023 and 2024 get bookings, tranches, requests and repayments', async () => {
    const before = await manifest(2022);
    await book(p.category.A, '2023-02-10', '20000.00'); // used FIFO from the 2022 tranche's balance
    await paidTranche(t, who(), p.projectId, [{ costCategoryId: p.category.A, amount: '60000.00' }], '2023-03-01');
    await book(p.category.A, '2023-05-10', '30000.00');
    const requested = await t.gqlAs(p.finance, REQUEST, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        expectedPayoutDate: '2024-03-01',
        neededUntil: '2024-03-01',
        lines: [{ costCategoryId: p.category.A, amount: '10000.00' }],
      },
    });
    expect(requested.errors).toBeUndefined();
    const after = await manifest(2022);
    expect(after.files.map((f: any) => [f.name, f.sha256])).toEqual(before.files.map((f: any) => [f.name, f.sha256]));
    // the 2024 request is a problem of 2024's proof, not of 2022's
    const pre2022 = await t.gqlAs(p.finance, PREFLIGHT, interim(2022));
    expect(pre2022.data!.proofPreflight.map((x: any) => x.code)).not.toContain('DRAWDOWN_UNDECIDED');
    const pre2024 = await t.gqlAs(p.finance, PREFLIGHT, interim(2024));
    expect(pre2024.data!.proofPreflight.map((x: any) => x.code)).toContain('DRAWDOWN_UNDECIDED');
  }, 300_000);

  it('reconciles the 2023 Mittelabrufe table after a repayment and derives the result from it', async () => {
    const repaid = await t.gqlAs(p.finance, REPAY, {
      input: {
        idempotencyKey: key(),
        projectId: p.projectId,
        kind: 'REPAYMENT',
        paymentDate: '2023-09-01',
        reason: 'nicht benötigt',
        lines: [{ costCategoryId: p.category.A, amount: '20000.00' }],
      },
    });
    expect(repaid.errors).toBeUndefined();
    const { files } = await manifest(2023);
    const table = await csv(files, '-mittelabrufe.csv');
    const header = table[0];
    const col = (name: string) => header.indexOf(name);
    expect(header).toEqual(
      expect.arrayContaining(['Betrag EUR', 'verbraucht für Ausgaben EUR', 'davon aus Vorjahren EUR', 'zurückgezahlt EUR', 'Bestand EUR']),
    );
    const rows = table.slice(1);
    const value = (row: string[], name: string) => (row[col(name)] ? amount(row[col(name)]) : new Decimal(0));
    for (const row of rows) {
      expect(value(row, 'Betrag EUR').toFixed(2)).toBe(
        value(row, 'verbraucht für Ausgaben EUR').plus(value(row, 'zurückgezahlt EUR')).plus(value(row, 'Bestand EUR')).toFixed(2),
      );
    }
    const total = rows.find((r) => r[0] === 'Summe')!;
    // 2023: tranche 60,000.00 − repayment 20,000.00. FIFO: the 2022 tranche (80,000.00) covers 2022's 50,000.00, then 20,000.00
    // and 10,000.00 of 2023's receipts; the 2023 tranche covers the other 20,000.00, the repayment takes back 20,000.00, 20,000.00 stay
    // (before the fix "verbraucht" counted the repayment as spending: 40,000.00, and Betrag ≠ verbraucht + Bestand)
    expect(
      [
        value(total, 'Betrag EUR'),
        value(total, 'verbraucht für Ausgaben EUR'),
        value(total, 'davon aus Vorjahren EUR'),
        value(total, 'Bestand EUR'),
      ].map((d) => d.toFixed(2)),
    ).toEqual(['40000.00', '20000.00', '0.00', '20000.00']);
    // verbraucht never exceeds the eligible spending of the period (the repayment is not spending)
    expect(value(total, 'verbraucht für Ausgaben EUR').lte('50000.00')).toBe(true);
    const result = await csv(files, '-ergebnis.csv');
    const line = (label: string) => amount(result.find((r) => r[0].startsWith(label))![1]);
    expect(result.every((r) => !/^'/.test(r[0]))).toBe(true);
    // received 40,000.00 − grant 50,000.00 = −10,000.00 = Bestand 20,000 + repaid 0 + Vorjahre 0 + later 0 − other cover 30,000 + own share 0
    expect(line('ergibt: Überzahlung').toFixed(2)).toBe('-10000.00');
    expect(line('Unterzahlung').toFixed(2)).toBe('10000.00');
    expect(line('Bestand').toFixed(2)).toBe('20000.00');
    expect(line('abzüglich: Ausgaben des Zeitraums').toFixed(2)).toBe('30000.00');
  }, 300_000);
});
