import { createHash } from 'node:crypto';

import ExcelJS from 'exceljs';
import JSZip from 'jszip';

import { AuthService } from '../../src/auth/auth.service.js';
import { DEMO_AS_OF } from '../../src/database/seeders/participants-demo-data.js';
import { ReportingService } from '../../src/reporting/reporting.service.js';
import { demoIds } from '../factories/budget.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SETTLEMENT = `query($projectId: ID!, $asOf: LocalDate) { settlement(projectId: $projectId, asOf: $asOf) { finalGrant paidOut reclaim totalDue steps { label amount } } }`;
const SAVE = `mutation($input: SaveNarrativeSectionInput!) { saveNarrativeSection(input: $input) { version } }`;

/** Parses a German CSV (BOM, `;`, CRLF, quotes only where needed) into rows of cells. */
function parseGermanCsv(buffer: Buffer): string[][] {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
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
  if (cell || row.length) (row.push(cell), rows.push(row));
  return rows;
}

/**
 * The final proof of the demo with the income side, the settlement and the Sachbericht: every
 * format shows them, and the same data and as-of date give the same bytes.
 */
describe('proof files: Einnahmen, Schlussabrechnung and Sachbericht', () => {
  let t: TestApp;
  let projectId: string;
  let files: Map<string, Buffer>;

  const generate = async () => {
    const user = await t.app.get(AuthService).userFromHeader((await t.auth('finance')).authorization);
    const { files: set } = await t.app.get(ReportingService).files(user!, { projectId, kind: 'FINAL', asOf: DEMO_AS_OF } as never);
    return new Map(set.map((f) => [f.name, f.content]));
  };

  beforeAll(async () => {
    t = await createTestApp();
    projectId = (await demoIds(t)).projectId;
    const save = (section: string, markdown: string, extra: Record<string, unknown> = {}) =>
      t.gqlAs('finance', SAVE, { input: { projectId, kind: 'FINAL', section, baseVersion: 0, markdown, ...extra } });
    await save(
      'USE_AND_COURSE',
      '## Verlauf\n\nDas Modellprojekt **Neustart Wuppertal** begann im Januar 2022.\n\n- Coaching\n- Kinderbetreuung',
    );
    await save('RESULTS', 'Die Integrationsziele wurden *weitgehend* erreicht.');
    const b1 = (
      await t.orm.em
        .fork()
        .execute<{ id: string }[]>(
          `select cc.id from cost_category cc join project p on p.program_id = cc.program_id where p.id = ? and cc.code = 'B1'`,
          [projectId],
        )
    )[0].id;
    await save('DEVIATION_NOTE', 'Zwei Träger fielen 2023 aus.', { costCategoryId: b1 });
    files = await generate();
  }, 600_000);
  afterAll(() => t.close());

  it('lists the settlement part and the Sachbericht as PDF and DOCX', () => {
    expect([...files.keys()]).toEqual(
      expect.arrayContaining([
        'verwendungsnachweis-schlussabrechnung.csv',
        'verwendungsnachweis-sachbericht.pdf',
        'verwendungsnachweis-sachbericht.docx',
      ]),
    );
  });

  it('shows Einnahmen with Soll, Ist and Abweichung, the income booked for the demo included', () => {
    const json = JSON.parse(files.get('verwendungsnachweis.json')!.toString('utf8'));
    const financing = Object.fromEntries(json.financing.map((f: any) => [f.kind, [f.planned, f.actual, f.deviation]]));
    expect(financing.THIRD_PARTY_FUNDS).toEqual(['0.00', '29700.00', '29700.00']);
    expect(financing.INCOME).toEqual(['0.00', '41.37', '41.37']);
    const csv = parseGermanCsv(files.get('verwendungsnachweis-finanzierung.csv')!);
    expect(csv[0]).toEqual(expect.arrayContaining(['Soll lt. Finanzierungsplan EUR', 'Ist EUR', 'Abweichung EUR']));
    const third = csv.find((r) => r[0] === 'Drittmittel')!;
    expect(third.slice(1, 4)).toEqual(['0,00', '29700,00', '29700,00']);
    expect(third.join(' ')).not.toContain('nicht gebucht');
  });

  it('shows the settlement with its Berechnung, equal to the settlement query, in CSV, JSON, XLSX and PDF', async () => {
    const query = (await t.gqlAs('finance', SETTLEMENT, { projectId, asOf: DEMO_AS_OF })).data!.settlement;
    const json = JSON.parse(files.get('verwendungsnachweis.json')!.toString('utf8'));
    expect(json.settlement).toMatchObject({
      finalGrant: query.finalGrant,
      paidOut: query.paidOut,
      reclaim: query.reclaim,
      totalDue: query.totalDue,
    });
    const csv = parseGermanCsv(files.get('verwendungsnachweis-schlussabrechnung.csv')!);
    const labels = csv.map((r) => r[1]);
    expect(labels).toEqual(expect.arrayContaining(['Zuwendung endgültig', 'Überzahlung', 'Erstattungsbetrag (§ 49a Abs. 1 VwVfG)']));
    expect(csv.length - 1).toBe(query.steps.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(files.get('verwendungsnachweis.xlsx')! as never);
    expect(book.worksheets.map((w) => w.name)).toContain('Schlussabrechnung');
    const pdf = files.get('verwendungsnachweis.pdf')!.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
  });

  it("fills the Sachbericht with the saved text and the tracker's tables, as an editable DOCX", async () => {
    const zip = await JSZip.loadAsync(files.get('verwendungsnachweis-sachbericht.docx')!);
    const body = await zip.file('word/document.xml')!.async('string');
    for (const text of [
      '1. Verwendung der Zuwendung und Verlauf des Vorhabens',
      'Neustart Wuppertal',
      '2. Erzielte Ergebnisse im Vergleich zu den Zielen',
      'EECO01',
      'Zwei Träger fielen 2023 aus.',
      'Mittelabrufe',
      '(Noch kein Text erfasst.)',
    ]) {
      expect(body).toContain(text);
    }
  });

  it('gives byte-identical files on repeat', async () => {
    const again = await generate();
    const digest = (m: Map<string, Buffer>) =>
      [...m].map(([name, content]) => `${name} ${createHash('sha256').update(content).digest('hex')}`);
    expect(digest(again)).toEqual(digest(files));
  }, 600_000);
});
