import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Decimal } from 'decimal.js';

import { generateDemoParticipants } from '../../src/database/seeders/participants-demo.js';
import { DEMO_AS_OF } from '../../src/database/seeders/participants-demo-data.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { frozen files { name contentType bytes sha256 url } problems { code recordType recordId link message } } }`;
const PREFLIGHT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate) {
  proofPreflight(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf) { code recordType recordId link } }`;
const STATUS = `mutation($input: ChangeProofStatusInput!) { changeProofStatus(input: $input) { id status asOf manifest overdue } }`;
const PROOFS = `query($projectId: ID!, $asOf: LocalDate) { proofs(projectId: $projectId, asOf: $asOf) { kind fiscalYear dueDate status overdue } }`;
const DUE = `query($asOf: LocalDate) { dueProofs(asOf: $asOf) { kind fiscalYear dueDate overdue fileNumber } }`;

const AS_OF = DEMO_AS_OF;

/** Parses a German CSV (BOM, `;`, CRLF, quotes only where needed) into rows of cells. */
function parseGermanCsv(content: Buffer): string[][] {
  const text = content.toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

const germanToDecimal = (cell: string) => {
  expect(cell).toMatch(/^-?\d+,\d{2}$/);
  return new Decimal(cell.replace(',', '.'));
};

describe('reporting: proofs of use as files', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await t.gqlAs('finance', '{ projects { nodes { id } } }')).data!.projects.nodes[0].id;
  });
  afterAll(() => t.close());

  async function download(user: string, url: string) {
    const response = await t.http().get(url).set(await t.auth(user)).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    return response;
  }

  async function filesOf(user: string, vars: Record<string, unknown>) {
    const result = await t.gqlAs(user, EXPORT, { projectId, ...vars });
    expect(result.errors).toBeUndefined();
    const files = new Map<string, Buffer>();
    for (const f of result.data!.proofExport.files) {
      const response = await download(user, f.url);
      expect(response.status).toBe(200);
      files.set(f.name, response.body as Buffer);
    }
    return { meta: result.data!.proofExport, files };
  }

  async function ledgerSum(where: string, params: unknown[]) {
    const [row] = await t.orm.em.fork().execute<{ gross: string; eligible: string }[]>(
      `select coalesce(sum(e.gross_amount), 0)::text as gross, coalesce(sum(e.eligible_amount), 0)::text as eligible
         from expenditure e join expenditure_state s on s.expenditure_id = e.id
        where e.project_id = ? and s.status <> 'REJECTED' and e.payment_date <= ? and ${where}`,
      [projectId, AS_OF, ...params],
    );
    return row;
  }

  it('generates the interim proof 2023 whose sums equal the ledger to the cent', async () => {
    const { files, meta } = await filesOf('finance', { kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    expect([...files.keys()].sort()).toEqual(
      [
        'MANIFEST.sha256',
        'zwischennachweis-2023.json',
        'zwischennachweis-2023.pdf',
        'zwischennachweis-2023.xlsx',
        ...['belegliste', 'ergebnis', 'finanzierung', 'indikatorenbericht', 'mittelabrufe', 'soll-ist-vergleich', 'teilnehmende', 'vorpruefung'].map((p) => `zwischennachweis-2023-${p}.csv`),
      ].sort(),
    );
    console.log(meta.problems.length, meta.problems.slice(0, 3));
    const expected = await ledgerSum('e.fiscal_year = 2023', []);
    const json = JSON.parse(files.get('zwischennachweis-2023.json')!.toString('utf8'));
    const actual = json.planVsActual.reduce((s: Decimal, r: { actual: string }) => s.plus(r.actual), new Decimal(0));
    expect(actual.toFixed(2)).toBe(expected.eligible);
    expect(json.result.eligibleSpending).toBe(expected.eligible);

    const receipts = parseGermanCsv(files.get('zwischennachweis-2023-belegliste.csv')!);
    expect(receipts[0][0]).toBe('Lfd. Nr.');
    const body = receipts.slice(1);
    const total = body.find((r) => r[0] === 'Gesamt')!;
    expect(germanToDecimal(total[7]).toFixed(2)).toBe(expected.gross);
    expect(germanToDecimal(total[9]).toFixed(2)).toBe(expected.eligible);
    // every category's sum row equals the sum of its rows
    let running = new Decimal(0);
    for (const row of body) {
      if (row[0] === 'Summe') {
        expect(germanToDecimal(row[9]).toFixed(2)).toBe(running.toFixed(2));
        running = new Decimal(0);
      } else if (row[0] !== 'Gesamt') running = running.plus(germanToDecimal(row[9]));
    }
  });
});
