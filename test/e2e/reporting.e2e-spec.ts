import { get } from 'node:http';
import type { AddressInfo } from 'node:net';

import { jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Decimal } from 'decimal.js';

import { generateDemoParticipants } from '../../src/database/seeders/participants-demo.js';
import {
  DEMO_AS_OF,
  FEMALE_FIRST_NAMES,
  LAST_NAMES,
  MALE_FIRST_NAMES,
  STREETS,
} from '../../src/database/seeders/participants-demo-data.js';
import { key, paidTranche, receipt, RECORD } from '../factories/money-ops.js';
import { AuthService } from '../../src/auth/auth.service.js';
import type { PreflightCode } from '../../src/reporting/proof-data.js';
import { ReportingService } from '../../src/reporting/reporting.service.js';
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
    const response = await t
      .http()
      .get(url)
      .set(await t.auth(user))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return response;
  }

  const downloaded = new Map<string, Promise<{ meta: any; files: Map<string, Buffer> }>>();
  /** Every file of a proof, each fetched by its download URL (cached per user and request: generating a final proof takes seconds). */
  function filesOf(user: string, vars: Record<string, unknown>) {
    const cacheKey = JSON.stringify([user, vars]);
    if (!downloaded.has(cacheKey)) downloaded.set(cacheKey, fetchFiles(user, vars));
    return downloaded.get(cacheKey)!;
  }

  /**
   * The final proof of the demo (all of its 20,000+ receipts) is generated once through the
   * service, as the resolver does, instead of once per file download; a download of it is
   * compared with these bytes below.
   */
  async function generatedFiles(user: string, vars: Record<string, unknown>) {
    const authUser = await t.app.get(AuthService).userFromHeader((await t.auth(user)).authorization);
    const { files } = await t.app.get(ReportingService).files(authUser!, { projectId, ...vars } as never);
    return { meta: null, files: new Map(files.map((f) => [f.name, f.content])) };
  }

  async function fetchFiles(user: string, vars: Record<string, unknown>) {
    if (vars.kind === 'FINAL') return generatedFiles(user, vars);
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
        'zwischennachweis-2023-sachbericht.pdf',
        'zwischennachweis-2023-sachbericht.docx',
        'zwischennachweis-2023.xlsx',
        ...[
          'belegliste',
          'deckblatt',
          'ergebnis',
          'finanzierung',
          'indikatorenbericht',
          'mittelabrufe',
          'soll-ist-vergleich',
          'teilnehmende',
          'vorpruefung',
        ].map((p) => `zwischennachweis-2023-${p}.csv`),
      ].sort(),
    );
    expect(meta.frozen).toBe(false);
    const expected = await ledgerSum('e.fiscal_year = 2023', []);
    const json = JSON.parse(files.get('zwischennachweis-2023.json')!.toString('utf8'));
    const actual = json.planVsActual.reduce((s: Decimal, r: { actual: string }) => s.plus(r.actual), new Decimal(0));
    expect(actual.toFixed(2)).toBe(expected.eligible);
    expect(json.result.eligibleSpending).toBe(expected.eligible);
    // Finanzierung: an actual for every kind of cover; grant and own funds together cover the spending
    const financing = new Map<string, string>(json.financing.map((f: { kind: string; actual: string }) => [f.kind, f.actual]));
    const ownFunds = Decimal.max(0, new Decimal(expected.eligible).minus(json.result.received)).toFixed(2);
    expect(Object.fromEntries(financing)).toEqual({
      FEDERAL_GRANT: json.result.received,
      OWN_FUNDS: ownFunds,
      THIRD_PARTY_FUNDS: '0.00',
      INCOME: '0.00',
    });
    const financingCsv = parseGermanCsv(files.get('zwischennachweis-2023-finanzierung.csv')!);
    expect(financingCsv[0]).toEqual([
      'Finanzierung',
      'Soll lt. Finanzierungsplan EUR',
      'Ist EUR',
      'Abweichung EUR',
      'Abweichung %',
      'Nachweis des Ist',
    ]);
    const sumRow = financingCsv.find((r) => r[0] === 'Summe')!;
    expect(germanToDecimal(sumRow[2]).toFixed(2)).toBe(Decimal.max(expected.eligible, json.result.received).toFixed(2));
    // third-party funds and income come from the income ledger (none booked for 2023 in the demo)
    expect(financingCsv.find((r) => r[0] === 'Drittmittel')![5]).toContain('Einnahmebuchungen');

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
  }, 300_000);

  it('generates the final proof, whose totals equal the ledger over the whole period, and XLSX cells that add up', async () => {
    const { files } = await filesOf('auditor', { kind: 'FINAL', asOf: AS_OF });
    const expected = await ledgerSum('true', []);
    const json = JSON.parse(files.get('verwendungsnachweis.json')!.toString('utf8'));
    expect(json.result.eligibleSpending).toBe(expected.eligible);
    const downloaded = await download('auditor', `/exports/projects/${projectId}/final-proof/verwendungsnachweis.json?asOf=${AS_OF}`);
    expect(downloaded.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(downloaded.body.equals(files.get('verwendungsnachweis.json')!)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(files.get('verwendungsnachweis.xlsx')! as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Deckblatt',
      'Soll-Ist-Vergleich',
      'Finanzierung',
      'Mittelabrufe',
      'Ergebnis',
      'Belegliste',
      'Indikatorenbericht',
      'Teilnehmende',
      'Vorprüfung',
      'Schlussabrechnung',
    ]);
    const sheet = workbook.getWorksheet('Soll-Ist-Vergleich')!;
    expect(sheet.getRow(5).values).toEqual([
      undefined,
      'Position',
      'Bezeichnung',
      'Soll lt. Finanzierungsplan EUR',
      'Ist EUR',
      'Abweichung EUR',
      'Abweichung %',
      'Abweichung über 20 %',
      'Erläuterung der Abweichung',
    ]);
    let actual = new Decimal(0);
    let sumRow: ExcelJS.Row | undefined;
    sheet.eachRow((row, n) => {
      if (n <= 5) return;
      if (row.getCell(1).value === 'Summe') sumRow = row;
      else {
        expect(typeof row.getCell(4).value).toBe('number');
        expect(row.getCell(4).numFmt).toContain('€');
        actual = actual.plus(new Decimal(row.getCell(4).value as number));
      }
    });
    expect(new Decimal(sumRow!.getCell(4).value as number).toFixed(2)).toBe(actual.toFixed(2));
    expect(actual.toFixed(2)).toBe(expected.eligible);
    const receipts = workbook.getWorksheet('Belegliste')!;
    const last = receipts.getRow(receipts.rowCount);
    expect(last.getCell(1).value).toBe('Gesamt');
    expect(new Decimal(last.getCell(10).value as number).toFixed(2)).toBe(expected.eligible);
  }, 300_000);

  it('downloads every file of the final proof alone with the bytes of the whole set, loading only what that file needs', async () => {
    const { files } = await filesOf('auditor', { kind: 'FINAL', asOf: AS_OF });
    const connection = t.orm.em.getConnection();
    const sqlOf = new Map<string, string[]>();
    for (const [name, content] of files) {
      const spy = jest.spyOn(connection, 'execute');
      const response = await download('auditor', `/exports/projects/${projectId}/final-proof/${name}?asOf=${AS_OF}`);
      sqlOf.set(
        name,
        spy.mock.calls.map((call) => String(call[0])),
      );
      spy.mockRestore();
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      expect({ name, same: (response.body as Buffer).equals(content) }).toEqual({ name, same: true });
    }
    // What each download read, told by the statements that only one section of the proof runs.
    const reads = (name: string) => {
      const sql = sqlOf.get(`verwendungsnachweis${name}`)!;
      return {
        receiptList: sql.some((s) => s.includes('storniert durch Storno')), // the Belegliste's select (its Bemerkung)
        drawdowns: sql.some((s) => /from drawdown/.test(s)),
        participants: sql.some((s) => /from "?participant"?\b/.test(s)),
        indicators: sql.some((s) => s.includes('indicator_definition')),
      };
    };
    expect(reads('-soll-ist-vergleich.csv')).toEqual({ receiptList: false, drawdowns: true, participants: false, indicators: false });
    expect(reads('-belegliste.csv')).toEqual({ receiptList: true, drawdowns: false, participants: false, indicators: false });
    expect(reads('-indikatorenbericht.csv')).toEqual({ receiptList: false, drawdowns: false, participants: true, indicators: true });
    expect(reads('-teilnehmende.csv')).toEqual({ receiptList: false, drawdowns: false, participants: true, indicators: false });
    expect(reads('.pdf')).toMatchObject({ receiptList: false, indicators: false });
    expect(reads('.xlsx')).toEqual({ receiptList: true, drawdowns: true, participants: true, indicators: true });
  }, 300_000);

  it('gives byte-identical files and a matching SHA-256 manifest for the same data and as-of date', async () => {
    const first = await t.gqlAs('grantor', EXPORT, { projectId, kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // another wall-clock second
    const second = await t.gqlAs('grantor', EXPORT, { projectId, kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    const hashes = (r: typeof first) => r.data!.proofExport.files.map((f: { name: string; sha256: string }) => `${f.name}:${f.sha256}`);
    expect(hashes(second)).toEqual(hashes(first));
    const manifest = (
      await download('grantor', `/exports/projects/${projectId}/interim-proofs/2023/MANIFEST.sha256?asOf=${AS_OF}`)
    ).body.toString('utf8');
    for (const f of first.data!.proofExport.files.filter((f: { name: string }) => f.name !== 'MANIFEST.sha256'))
      expect(manifest).toContain(`${f.sha256}  ${f.name}\n`);
    const pdf = await download('grantor', `/exports/projects/${projectId}/interim-proofs/2023/zwischennachweis-2023.pdf?asOf=${AS_OF}`);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  }, 300_000);

  it('downloads over HTTP with content type and file name, and only for those who may', async () => {
    const url = `/exports/projects/${projectId}/interim-proofs/2023/zwischennachweis-2023.xlsx?asOf=${AS_OF}`;
    const ok = await download('finance', url);
    expect(ok.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(ok.headers['content-disposition']).toBe('attachment; filename="zwischennachweis-2023.xlsx"');
    expect((await t.http().get(url)).status).toBe(401);
    expect((await download('caseworker', url)).status).toBe(403);
    // the analyst gets the aggregated parts only
    const analyst = await t.gqlAs('analyst', EXPORT, { projectId, kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    expect(analyst.data!.proofExport.files.map((f: { name: string }) => f.name).sort()).toEqual(
      [
        'MANIFEST.sha256',
        'zwischennachweis-2023-indikatorenbericht.csv',
        'zwischennachweis-2023-teilnehmende.csv',
        'zwischennachweis-2023.json',
        'zwischennachweis-2023.xlsx',
      ].sort(),
    );
    expect((await download('analyst', url.replace('.xlsx?', '-belegliste.csv?'))).status).toBe(404);
    expect((await download('analyst', `/exports/projects/${projectId}/receipts.csv?fiscalYear=2023`)).status).toBe(403);
    const invalid = await t.gqlAs('finance', EXPORT, { projectId, kind: 'INTERIM', fiscalYear: 2027, asOf: AS_OF });
    expect(invalid.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fiscalYear' });
  }, 300_000);

  it('streams the receipt list with the same bytes as the Belegliste CSV of the proof', async () => {
    const streamed = await download('finance', `/exports/projects/${projectId}/receipts.csv?fiscalYear=2023&asOf=${AS_OF}`);
    expect(streamed.status).toBe(200);
    expect(streamed.headers['content-disposition']).toBe('attachment; filename="zwischennachweis-2023-belegliste.csv"');
    const part = await download(
      'finance',
      `/exports/projects/${projectId}/interim-proofs/2023/zwischennachweis-2023-belegliste.csv?asOf=${AS_OF}`,
    );
    expect(streamed.body.equals(part.body)).toBe(true);
  });

  it('streams the whole-period receipt list, reversals and sum rows included, with the bytes of the final proof', async () => {
    const streamed = await download('auditor', `/exports/projects/${projectId}/receipts.csv?asOf=${AS_OF}`);
    expect(streamed.status).toBe(200);
    const text = streamed.body.toString('utf8');
    expect(text).toContain('Storno von Beleg'); // the demo's reversals are in the period
    expect(text.split('\r\n').filter((line: string) => line.startsWith('Summe;')).length).toBeGreaterThan(3);
    const part = await download('auditor', `/exports/projects/${projectId}/final-proof/verwendungsnachweis-belegliste.csv?asOf=${AS_OF}`);
    expect(part.status).toBe(200);
    expect(streamed.body.equals(part.body)).toBe(true);
  });

  it('recovers when clients leave in the middle of a streamed receipt list', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const headers = await t.auth('auditor');
    // More abandoned downloads than the pool has connections: one that went back to the pool in
    // the middle of a COPY would break the requests after it.
    for (let i = 0; i < 12; i++) {
      const received = await new Promise<number>((resolve, reject) => {
        const request = get(
          { host: '127.0.0.1', port, path: `/exports/projects/${projectId}/receipts.csv?asOf=${AS_OF}`, headers },
          (response) => {
            response.once('data', (chunk: Buffer) => {
              request.destroy();
              resolve(chunk.length);
            });
          },
        );
        request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      });
      expect(received).toBeGreaterThan(0);
    }
    const streamed = await download('auditor', `/exports/projects/${projectId}/receipts.csv?asOf=${AS_OF}`);
    const part = await download('auditor', `/exports/projects/${projectId}/final-proof/verwendungsnachweis-belegliste.csv?asOf=${AS_OF}`);
    expect(streamed.body.equals(part.body)).toBe(true);
  });

  it('never puts identity data of the demo participants into any export', async () => {
    const people = generateDemoParticipants();
    const names = new Set(people.map((p) => `${p.identity.firstName} ${p.identity.lastName}`));
    const escape = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // One pass per file: anything shaped like a demo name, address or social insurance number, then checked against the real ones.
    const nameShape = new RegExp(
      `(?:${[...FEMALE_FIRST_NAMES, ...MALE_FIRST_NAMES].map(escape).join('|')}) (?:${LAST_NAMES.map(escape).join('|')})`,
      'gu',
    );
    const addressShape = new RegExp(`(?:${STREETS.map(escape).join('|')}) \\d+, 421\\d\\d`, 'gu');
    const sinShape = /\b\d{2} \d{6} [A-ZÄÖÜ] \d{3}\b/gu;
    const identityIn = (text: string) => [
      ...(text.match(nameShape) ?? []).filter((n) => names.has(n)),
      ...(text.match(addressShape) ?? []),
      ...(text.match(sinShape) ?? []),
    ];
    expect(identityIn(`x ${people[0].identity.firstName} ${people[0].identity.lastName}; ${people[0].identity.address}`)).toHaveLength(2); // the scan can fail
    // The final proof holds every receipt; the analyst's aggregated set is checked too.
    for (const [user, vars] of [
      ['auditor', { kind: 'FINAL' }],
      ['finance', { kind: 'INTERIM', fiscalYear: 2023 }],
      ['analyst', { kind: 'INTERIM', fiscalYear: 2023 }],
    ] as const) {
      {
        const { files } = await filesOf(user, { ...vars, asOf: AS_OF });
        for (const [name, content] of files) {
          const texts = name.endsWith('.xlsx')
            ? await Promise.all(Object.values((await JSZip.loadAsync(content)).files).map((f) => f.async('string')))
            : [content.toString('utf8')];
          const text = texts.join('\n');
          const found = identityIn(text);
          expect({ name, found }).toEqual({ name, found: [] });
        }
      }
    }
  });

  it('lists what the project owes with due dates from the programme rules', async () => {
    const proofs = await t.gqlAs('grantor', PROOFS, { projectId, asOf: '2024-05-15' });
    expect(proofs.errors).toBeUndefined();
    const list = proofs.data!.proofs;
    expect(list.find((p: { fiscalYear: number }) => p.fiscalYear === 2023)).toMatchObject({
      kind: 'INTERIM',
      dueDate: '2024-04-30',
      status: 'OPEN',
      overdue: true,
    });
    expect(list.find((p: { kind: string }) => p.kind === 'FINAL')).toMatchObject({ fiscalYear: null, overdue: false });
    expect(list.some((p: { fiscalYear: number }) => p.fiscalYear === 2027)).toBe(false); // none for the final year
    const due = await t.gqlAs('finance', DUE, { asOf: '2024-05-15' });
    expect(due.data!.dueProofs.map((p: { fiscalYear: number }) => p.fiscalYear)).toEqual([2022, 2023]);
  });

  it('freezes a submitted proof: a later booking changes neither its files nor its figures', async () => {
    const request = { projectId, kind: 'INTERIM', fiscalYear: 2024 };
    expect(
      (await t.gqlAs('finance', STATUS, { input: { ...request, status: 'SUBMITTED', asOf: AS_OF } })).errors![0].extensions!.code,
    ).toBe('CONFLICT');
    expect((await t.gqlAs('grantor', STATUS, { input: { ...request, status: 'IN_PREPARATION' } })).errors![0].extensions!.code).toBe(
      'FORBIDDEN',
    );
    expect((await t.gqlAs('finance', STATUS, { input: { ...request, status: 'IN_PREPARATION' } })).data!.changeProofStatus.status).toBe(
      'IN_PREPARATION',
    );
    const submitted = await t.gqlAs('finance', STATUS, { input: { ...request, status: 'SUBMITTED', asOf: AS_OF } });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.changeProofStatus).toMatchObject({ status: 'SUBMITTED', asOf: AS_OF });
    const before = await t.gqlAs('finance', EXPORT, { ...request, asOf: AS_OF });
    expect(before.data!.proofExport.frozen).toBe(true);

    const categories = await t.orm.em
      .fork()
      .execute<{ id: string }[]>(
        `select cc.id from cost_category cc join project p on p.program_id = cc.program_id where p.id = ? and cc.code = 'B6'`,
        [projectId],
      );
    const booked = await t.gqlAs('finance', RECORD, {
      input: {
        idempotencyKey: key(),
        projectId,
        receipt: receipt(categories[0].id, {
          paymentDate: '2024-03-10',
          invoiceDate: '2024-03-01',
          grossAmount: '77.70',
          eligibleAmount: '77.70',
        }),
      },
    });
    expect(booked.errors).toBeUndefined();

    const after = await t.gqlAs('finance', EXPORT, { ...request, asOf: AS_OF });
    expect(after.data!.proofExport.files).toEqual(before.data!.proofExport.files);
    const live = await t.gqlAs('finance', EXPORT, { projectId, kind: 'FINAL', asOf: AS_OF });
    expect(live.data!.proofExport.frozen).toBe(false);
    const json = await download('finance', after.data!.proofExport.files.find((f: { name: string }) => f.name.endsWith('.json')).url);
    expect(json.body.toString('utf8')).not.toContain('77.70');
    expect((await t.gqlAs('grantor', STATUS, { input: { ...request, status: 'ACCEPTED' } })).data!.changeProofStatus.status).toBe(
      'ACCEPTED',
    );
  }, 300_000);

  it('pre-flight lists every planted problem with its record and a query for it', async () => {
    const em = t.orm.em.fork();
    const [ids] = await em.execute<{ program_id: string; user_id: string }[]>(
      `select p.program_id, (select id from app_user where username = 'finance') as user_id from project p where p.id = ?`,
      [projectId],
    );
    const [unplanned] = await em.execute<{ id: string }[]>(
      `select cc.id from cost_category cc where cc.program_id = ? and not exists (
         select 1 from budget_line bl where bl.project_id = ? and bl.fiscal_year = 2023 and bl.cost_category_id = cc.id
            and bl.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)) order by cc.sort_order limit 1`,
      [ids.program_id, projectId, projectId],
    );
    // Planted directly in the ledger, as a plan revision dropping a line would leave it.
    const expenditureId = '11111111-1111-4111-8111-111111111111';
    await em.execute(
      `insert into expenditure (id, project_id, kind, receipt_number, revision, invoice_date, payment_date, fiscal_year, payee, purpose, cost_category_id, gross_amount, ineligible_amount, eligible_amount, recorded_by_id)
       values (?, ?, 'BOOKING', 'PLANTED-1', 0, '2023-05-01', '2023-05-02', 2023, 'Planted GmbH', 'Test', ?, 50.00, 0, 50.00, ?)`,
      [expenditureId, projectId, unplanned.id, ids.user_id],
    );
    await em.execute(
      `insert into expenditure_state (id, project_id, expenditure_id, status, changed_by_id) values (gen_random_uuid(), ?, ?, 'RECORDED', ?)`,
      [projectId, expenditureId, ids.user_id],
    );
    const drawdownId = '22222222-2222-4222-8222-222222222222';
    await em.execute(
      `insert into drawdown (id, project_id, fiscal_year, number, kind, status, amount, requested_by_id, requested_at) values (?, ?, 2023, 999, 'TRANCHE', 'REQUESTED', 10.00, ?, now())`,
      [drawdownId, projectId, ids.user_id],
    );
    // a participant of the proof's period: entered before 2023 and still taking part in 2023
    const [participant] = await em.execute<{ id: string }[]>(
      `select id from participant where project_id = ? and entry_date < '2023-01-01' and (exit_date is null or exit_date >= '2023-01-01') order by entry_date, id limit 1`,
      [projectId],
    );
    await em.execute(`update participant set labour_status_at_entry = null where id = ?`, [participant.id]);
    // A tranche paid out on 1 October 2026 and never used: its use deadline (payout + 42 days) passed before the as-of date.
    const [staff] = await em.execute<{ id: string }[]>(`select id from cost_category where program_id = ? and code = 'A'`, [
      ids.program_id,
    ]);
    const overdueId = await paidTranche(
      t,
      { finance: 'finance', approver: 'grantor' },
      projectId,
      [{ costCategoryId: staff.id, amount: '150000.00' }],
      '2026-10-01',
    );

    const result = await t.gqlAs('finance', PREFLIGHT, { projectId, kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    expect(result.errors).toBeUndefined();
    const problems: { code: string; recordId: string; link: string }[] = result.data!.proofPreflight;
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'EXPENDITURE_NOT_IN_PLAN',
        recordId: expenditureId,
        link: expect.stringContaining(`expenditure(id: "${expenditureId}")`),
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ code: 'DRAWDOWN_UNDECIDED', recordId: drawdownId }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'OVERRUN_WITHOUT_REVISION', recordId: unplanned.id }));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'PARTICIPANT_DATA_MISSING', recordId: participant.id }));
    // a 2026 tranche is a problem of the proofs covering 2026, never of the 2023 proof (period-true pre-flight)
    expect(problems.map((p) => p.recordId)).not.toContain(overdueId);
    const final = await t.gqlAs('finance', PREFLIGHT, { projectId, kind: 'FINAL', asOf: AS_OF });
    const finalProblems: { code: string; recordId: string; link: string }[] = final.data!.proofPreflight;
    expect(finalProblems).toContainEqual(
      expect.objectContaining({
        code: 'DRAWDOWN_OVERDUE',
        recordId: overdueId,
        link: expect.stringContaining(`drawdown(id: "${overdueId}")`),
      }),
    );
    // every kind of problem the pre-flight knows is planted above and listed
    const kinds = Object.keys({
      EXPENDITURE_NOT_IN_PLAN: 1,
      DRAWDOWN_UNDECIDED: 1,
      OVERRUN_WITHOUT_REVISION: 1,
      PARTICIPANT_DATA_MISSING: 1,
      DRAWDOWN_OVERDUE: 1,
    } satisfies Record<PreflightCode, 1>);
    expect([...new Set([...problems, ...finalProblems].map((p) => p.code))].sort()).toEqual(kinds.sort());
    // the proof is generated anyway and carries the list
    const exported = await t.gqlAs('finance', EXPORT, { projectId, kind: 'INTERIM', fiscalYear: 2023, asOf: AS_OF });
    expect(exported.data!.proofExport.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'EXPENDITURE_NOT_IN_PLAN', recordId: expenditureId })]),
    );
    const link = problems.find((p) => p.code === 'DRAWDOWN_UNDECIDED' && p.recordId === drawdownId)!.link;
    expect((await t.gqlAs('finance', link)).data!.drawdown.status).toBe('REQUESTED');
  }, 300_000);
});
