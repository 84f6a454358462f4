import { readFileSync } from 'node:fs';

import iconv from 'iconv-lite';

import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const FIXTURES = 'test/fixtures/imports/';
const fixture = (name: string) => readFileSync(FIXTURES + name);

const ROW_FIELDS =
  'line sourceKey receiptNumber paymentDate amount counterparty status reasons { field message } expenditureId replacesExpenditureId';
const IMPORT_FIELDS =
  'id format fileName status rowCount mappingVersion summary { rows toBook problems duplicates corrections ignored booked corrected amountToBook } statements { iban openingBalance closingBalance entries }';
const PREVIEW = `mutation($id: ID!) { previewImport(importId: $id) { ${IMPORT_FIELDS} } }`;
const COMMIT = `mutation($id: ID!) { commitImport(importId: $id) { ${IMPORT_FIELDS} } }`;
const ROWS = `query($id: ID!, $status: ImportRowStatus) { importRows(importId: $id, status: $status, first: 100) { ${ROW_FIELDS} } }`;
const SET_RULES =
  'mutation($input: SetMappingRulesInput!) { setMappingRules(input: $input) { version rules { action costCategoryCode } } }';
const LEDGER = `query($projectId: ID!) { expenditures(projectId: $projectId, first: 100) { totalCount nodes { id kind receiptNumber revision grossAmount eligibleAmount costCategoryCode reversalOfId
  provenance { importId mappingVersion sourceKey fileName line } } } }`;

/** Rules of the sample project: DATEV accounts and cost centres, CSV accounts, the money transit ignored. */
const DATEV_RULES = [
  { account: '4120', action: 'BOOK', costCategoryCode: 'A', description: 'Gehälter' },
  { account: '4900', action: 'BOOK', costCategoryCode: 'B1', description: 'Fremdleistungen' },
  { account: '4210', action: 'BOOK', costCategoryCode: 'B2', description: 'Miete' },
  { account: '466*', action: 'BOOK', costCategoryCode: 'B3' },
  { costCentre: 'TN*', action: 'BOOK', costCategoryCode: 'B6', description: 'Teilnehmendenkosten' },
  { account: '1360', action: 'IGNORE', description: 'Geldtransit' },
];
const CSV_RULES = [
  { format: 'CSV', account: '52710', action: 'BOOK', costCategoryCode: 'B4' },
  { format: 'CSV', account: '52810', action: 'BOOK', costCategoryCode: 'B7' },
  { format: 'CSV', textContains: 'druckerpatronen', action: 'IGNORE', description: 'Bürobedarf zahlt die Verwaltung' },
];

describe('importing bookings (DATEV, camt.053, CSV) through POST /imports and GraphQL', () => {
  let t: TestApp;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    p = await createFundedProject(t.orm, {
      plan: { 2024: { A: '50000.00', B1: '10000.00', B2: '20000.00', B3: '50.00', B4: '5000.00', B6: '3000.00', B7: '5000.00' } },
    });
  });
  afterAll(() => t.close());

  const upload = async (user: string, file: Buffer, name: string, format: string, profileId?: string) =>
    t
      .http()
      .post('/imports')
      .query({ projectId: p.projectId, format, ...(profileId ? { profileId } : {}) })
      .set(await t.auth(user))
      .attach('file', file, name);
  const staged = async () => {
    const [row] = await t.orm.em
      .fork()
      .execute<{ imports: string; rows: string }[]>(
        'select (select count(*) from booking_import where project_id = ?) as imports, (select count(*) from import_row where project_id = ?) as rows',
        [p.projectId, p.projectId],
      );
    return { imports: Number(row.imports), rows: Number(row.rows) };
  };
  const ledgerCount = async () =>
    Number(
      (await t.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from expenditure where project_id = ?', [p.projectId]))[0].n,
    );
  const rowsOf = async (id: string, status?: string) =>
    (await t.gqlAs(p.finance, ROWS, { id, status })).data!.importRows as {
      line: number;
      status: string;
      reasons: { field: string; message: string }[];
      [k: string]: unknown;
    }[];
  const noTotalsDifference = async () =>
    expect((await t.gqlAs(p.auditor, TOTALS_CHECK, { projectId: p.projectId })).data!.budgetTotalsCheck.differences).toEqual([]);

  let firstImport: string;

  it('stages a DATEV Buchungsstapel (Windows-1252) and previews it: to book, problems with reasons, ignored by rule — booking nothing', async () => {
    const rules = await t.gqlAs(p.finance, SET_RULES, { input: { projectId: p.projectId, rules: DATEV_RULES } });
    expect(rules.data!.setMappingRules.version).toBe(1);
    const response = await upload(p.finance, fixture('datev-buchungsstapel-2024-q1.csv'), 'datev-buchungsstapel-2024-q1.csv', 'DATEV');
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ format: 'DATEV', rowCount: 9, status: 'STAGED' });
    firstImport = response.body.id;
    const before = await ledgerCount();

    const preview = await t.gqlAs(p.finance, PREVIEW, { id: firstImport });
    expect(preview.errors).toBeUndefined();
    expect(preview.data!.previewImport).toMatchObject({
      status: 'PREVIEWED',
      mappingVersion: 1,
      summary: { rows: 9, toBook: 4, problems: 4, ignored: 1, duplicates: 0, amountToBook: '6130.00' },
    });
    const rows = await rowsOf(firstImport);
    const byLine = Object.fromEntries(rows.map((r) => [r.line, r]));
    expect(byLine[3]).toMatchObject({
      status: 'TO_BOOK',
      receiptNumber: 'GH-2024-01',
      amount: '3250.00',
      paymentDate: '2024-01-31',
      sourceKey: 'datev:29098/55003/GH-2024-01',
    });
    expect(byLine[5]).toMatchObject({ status: 'TO_BOOK', counterparty: 'Immobilien Talblick GmbH & Co. KG' });
    expect(byLine[6]).toMatchObject({ status: 'TO_BOOK', receiptNumber: 'RE-2024-0103' }); // by cost centre TN01
    // The same rule as recordExpenditure: B3 may spend 50.00 + 20 %.
    expect(byLine[7].status).toBe('PROBLEM');
    expect(byLine[7].reasons).toEqual([
      {
        field: 'receipt.eligibleAmount',
        message: expect.stringMatching(
          /would bring the eligible spending of B3 in 2024 to 86.40 EUR, above the most the plan allows \(60.00 EUR/,
        ),
      },
    ]);
    expect(byLine[8]).toMatchObject({ status: 'IGNORED', reasons: [{ field: 'mapping', message: 'Ignored by rule 6 (Geldtransit).' }] });
    expect(byLine[9].reasons[0]).toMatchObject({
      field: 'mapping',
      message: expect.stringContaining('No mapping rule (version 1) matches this row (account 4980'),
    });
    expect(byLine[10].reasons).toEqual([
      { field: 'receipt.grossAmount', message: 'The gross amount must be more than 0.00 EUR.' },
      { field: 'receipt.ineligibleAmount', message: 'The ineligible part must lie between 0.00 EUR and the gross amount.' },
    ]);
    expect(byLine[11].status).toBe('PROBLEM');
    const problems = await rowsOf(firstImport, 'PROBLEM');
    expect(problems.map((r) => r.line)).toEqual([7, 9, 10, 11]);
    expect(await ledgerCount()).toBe(before);
  });

  it('commits as FINANCE in one transaction: the valid rows are booked with import id and mapping version; totals stay consistent', async () => {
    const auditor = await t.gqlAs(p.auditor, COMMIT, { id: firstImport });
    expect(auditor.errors![0].extensions!.code).toBe('FORBIDDEN');
    const before = await ledgerCount();
    const commit = await t.gqlAs(p.finance, COMMIT, { id: firstImport });
    expect(commit.errors).toBeUndefined();
    expect(commit.data!.commitImport).toMatchObject({ status: 'COMMITTED', summary: { booked: 4, problems: 4, ignored: 1, toBook: 0 } });
    expect(await ledgerCount()).toBe(before + 4);
    const ledger = (await t.gqlAs(p.auditor, LEDGER, { projectId: p.projectId })).data!.expenditures.nodes;
    const salary = ledger.find((e: { receiptNumber: string }) => e.receiptNumber === 'GH-2024-01');
    expect(salary).toMatchObject({
      kind: 'BOOKING',
      grossAmount: '3250.00',
      costCategoryCode: 'A',
      provenance: {
        importId: firstImport,
        mappingVersion: 1,
        sourceKey: 'datev:29098/55003/GH-2024-01',
        fileName: 'datev-buchungsstapel-2024-q1.csv',
        line: 3,
      },
    });
    await noTotalsDifference();
    const progress = await t.gqlAs(p.auditor, 'query($id: ID!) { importProgress(importId: $id) { phase done total finished error } }', {
      id: firstImport,
    });
    expect(progress.data!.importProgress).toEqual({ phase: 'COMMITTED', done: 9, total: 9, finished: true, error: null });
    const again = await t.gqlAs(p.finance, COMMIT, { id: firstImport });
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await ledgerCount()).toBe(before + 4);
    const [event] = await t.orm.em
      .fork()
      .execute("select changes from audit_event where operation = 'commitImport' and outcome = 'SUCCESS'");
    expect(event.changes[0]).toMatchObject({ entity: 'BookingImport', id: firstImport, after: { status: 'COMMITTED', mappingVersion: 1 } });
  });

  it('re-importing the same file books nothing twice: the booked rows are duplicates of the earlier import', async () => {
    const response = await upload(p.finance, fixture('datev-buchungsstapel-2024-q1.csv'), 'datev-buchungsstapel-2024-q1.csv', 'DATEV');
    expect(response.status).toBe(201);
    const preview = (await t.gqlAs(p.finance, PREVIEW, { id: response.body.id })).data!.previewImport;
    expect(preview.summary).toMatchObject({ toBook: 0, duplicates: 4, problems: 4, ignored: 1 });
    const duplicate = (await rowsOf(response.body.id, 'DUPLICATE'))[0];
    expect(duplicate.reasons[0].message).toBe(
      'Already booked by an earlier import (datev-buchungsstapel-2024-q1.csv, line 3); not booked again.',
    );
    const before = await ledgerCount();
    const commit = await t.gqlAs(p.finance, COMMIT, { id: response.body.id });
    expect(commit.data!.commitImport.summary.booked).toBe(0);
    expect(await ledgerCount()).toBe(before);
  });

  let march: string;

  it('reads a camt.053 statement and reconciles its debits with the booked receipts; confirmation stores the matches', async () => {
    const response = await upload(p.finance, fixture('camt053-2024-03.xml'), 'camt053-2024-03.xml', 'CAMT');
    expect(response.status).toBe(201);
    expect(response.body.rowCount).toBe(4);
    march = response.body.id;
    const imported = (await t.gqlAs(p.auditor, `query($id: ID!) { bookingImport(id: $id) { ${IMPORT_FIELDS} } }`, { id: march })).data!
      .bookingImport;
    expect(imported.statements).toEqual([
      { iban: 'DE89370400440532013000', openingBalance: '50000.00', closingBalance: '72260.01', entries: 4 },
    ]);
    const rows = await rowsOf(march);
    expect(rows.map((r) => r.amount)).toEqual(['1190.00', '1450.00', '99.99', '-25000.00']);
    expect(rows[0]).toMatchObject({
      sourceKey: 'camt:DE89370400440532013000/2024030400001',
      counterparty: 'Beratungsgesellschaft Nordlicht mbH',
      paymentDate: '2024-03-04',
    });

    const RECONCILE = `query($id: ID!) { bankReconciliation(importId: $id) { from to
      matches { payment { line amount bookingDate } receipt { receiptNumber paymentDate } days criteria confirmed }
      unmatchedPayments { line amount counterparty } unmatchedReceipts { receiptNumber grossAmount } } }`;
    const result = (await t.gqlAs(p.auditor, RECONCILE, { id: march })).data!.bankReconciliation;
    expect(result.from).toBe('2024-03-01');
    expect(result.matches).toEqual([
      {
        payment: { line: rows[0].line, amount: '1190.00', bookingDate: '2024-03-04' },
        receipt: { receiptNumber: 'RE-2024-0101', paymentDate: '2024-03-01' },
        days: 3,
        criteria: ['AMOUNT', 'DATE', 'REFERENCE', 'COUNTERPARTY'],
        confirmed: false,
      },
      {
        payment: { line: rows[1].line, amount: '1450.00', bookingDate: '2024-03-05' },
        receipt: { receiptNumber: 'RE-2024-0102', paymentDate: '2024-03-04' },
        days: 1,
        criteria: ['AMOUNT', 'DATE', 'COUNTERPARTY'],
        confirmed: false,
      },
    ]);
    expect(result.unmatchedPayments).toEqual([{ line: rows[2].line, amount: '99.99', counterparty: 'Telefonanbieter Wupperfon' }]);
    expect(result.unmatchedReceipts).toEqual([{ receiptNumber: 'RE-2024-0103', grossAmount: '240.00' }]);
    const confirmed = await t.gqlAs(p.finance, 'mutation($id: ID!) { confirmBankPayments(importId: $id) { matches { confirmed } } }', {
      id: march,
    });
    expect(confirmed.data!.confirmBankPayments.matches).toEqual([{ confirmed: true }, { confirmed: true }]);
    expect(
      (await t.gqlAs(p.auditor, RECONCILE, { id: march })).data!.bankReconciliation.matches.map((m: { confirmed: boolean }) => m.confirmed),
    ).toEqual([true, true]);
  });

  it('checks continuity: the next statement follows on; one that does not fit the last closing balance is refused, nothing staged', async () => {
    const april = await upload(p.finance, fixture('camt053-2024-04.xml'), 'camt053-2024-04.xml', 'CAMT');
    expect(april.status).toBe(201);
    const before = await staged();
    const gap = await upload(p.finance, fixture('camt053-2024-06-gap.xml'), 'camt053-2024-06-gap.xml', 'CAMT');
    expect(gap.status).toBe(400);
    expect(gap.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Bal/Amt (OPBD)', file: 'camt053-2024-06-gap.xml', line: 8 });
    const failed = await t.gqlAs(p.finance, 'query($p: ID!) { bookingImports(projectId: $p) { fileName } }', { p: p.projectId });
    expect(failed.data!.bookingImports.map((i: { fileName: string }) => i.fileName)).not.toContain('camt053-2024-06-gap.xml');
    expect(gap.body.message).toMatch(
      /opens with 70000.00 EUR, but the statement before it \(closing 2024-04-30, from camt053-2024-04.xml\) closed with 72173.61 EUR/,
    );
    expect(await staged()).toEqual(before);
    // The same statement again passes the continuity check (its predecessor is unchanged).
    expect((await upload(p.finance, fixture('camt053-2024-04.xml'), 'camt053-2024-04.xml', 'CAMT')).status).toBe(201);
  });

  it('an overlapping later export books only what is new, and a changed amount becomes a correction (reversal plus replacement)', async () => {
    const response = await upload(
      p.finance,
      fixture('datev-buchungsstapel-2024-jan-apr.csv'),
      'datev-buchungsstapel-2024-jan-apr.csv',
      'DATEV',
    );
    expect(response.status).toBe(201);
    const id = response.body.id;
    const preview = (await t.gqlAs(p.finance, PREVIEW, { id })).data!.previewImport;
    expect(preview.summary).toMatchObject({ rows: 5, duplicates: 2, corrections: 1, toBook: 2, problems: 0, amountToBook: '3905.00' });
    const [correction] = await rowsOf(id, 'CORRECTION');
    expect(correction).toMatchObject({ receiptNumber: 'RE-2024-0101', amount: '1250.00' });
    expect(correction.reasons[0].message).toBe(
      'Booked earlier with 1190.00 EUR (datev-buchungsstapel-2024-q1.csv, line 4), now 1250.00 EUR: the commit reverses that booking and books this amount.',
    );
    const before = await ledgerCount();
    const commit = (await t.gqlAs(p.finance, COMMIT, { id })).data!.commitImport;
    expect(commit.summary).toMatchObject({ booked: 2, corrected: 1, duplicates: 2 });
    expect(await ledgerCount()).toBe(before + 4); // two new, one reversal, one replacement
    const ledger = (await t.gqlAs(p.auditor, LEDGER, { projectId: p.projectId })).data!.expenditures.nodes.filter(
      (e: { receiptNumber: string }) => e.receiptNumber === 'RE-2024-0101',
    );
    expect(ledger.map((e: { kind: string; revision: number; grossAmount: string }) => [e.kind, e.revision, e.grossAmount]).sort()).toEqual([
      ['BOOKING', 0, '1190.00'],
      ['BOOKING', 1, '1250.00'],
      ['REVERSAL', 0, '-1190.00'],
    ]);
    await noTotalsDifference();
    // Importing the overlap once more: everything is a duplicate now, the corrected amount included.
    const again = await upload(p.finance, fixture('datev-buchungsstapel-2024-jan-apr.csv'), 'again.csv', 'DATEV');
    expect((await t.gqlAs(p.finance, PREVIEW, { id: again.body.id })).data!.previewImport.summary).toMatchObject({
      duplicates: 5,
      toBook: 0,
      corrections: 0,
    });
  });

  it('validates each mapping rule, also when the rules are written as literals in the document', async () => {
    const literal = await t.gqlAs(
      p.finance,
      `mutation($p: ID!) { setMappingRules(input: { projectId: $p, baseVersion: 1, rules: [{ account: "4120", action: BOOK, costCategoryCode: "A" }, { textContains: "", action: IGNORE }] }) { version } }`,
      { p: p.projectId },
    );
    expect(literal.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules.1.textContains' });
    const unknown = await t.gqlAs(p.finance, SET_RULES, {
      input: { projectId: p.projectId, baseVersion: 1, rules: [{ account: '4120', action: 'BOOK', costCategoryCode: 'Z9' }] },
    });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rules.0.costCategoryCode' });
    expect(
      (await t.gqlAs(p.auditor, 'query($p: ID!) { mappingRules(projectId: $p) { version } }', { p: p.projectId })).data!.mappingRules
        .version,
    ).toBe(1);
  });

  let profileId: string;

  it('reads CSV exports through a saved import profile; a profile without an amount column is refused', async () => {
    const CREATE =
      'mutation($input: CreateImportProfileInput!) { createImportProfile(input: $input) { id name columns { amount receiptNumber } } }';
    const base = {
      projectId: p.projectId,
      name: 'Kämmerei Infoma',
      delimiter: ';',
      encoding: 'utf-8',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      dateFormat: 'DD.MM.YYYY',
    };
    const columns = {
      sourceId: 'Buchungsnummer',
      receiptNumber: 'Belegnummer',
      invoiceDate: 'Belegdatum',
      paymentDate: 'Zahldatum',
      payee: 'Empfänger',
      purpose: 'Verwendungszweck',
      account: 'Sachkonto',
      costCentre: 'Kostenstelle',
    };
    const noAmount = await t.gqlAs(p.finance, CREATE, { input: { ...base, columns } });
    expect(noAmount.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'columns.amount' });
    const created = await t.gqlAs(p.finance, CREATE, { input: { ...base, columns: { ...columns, amount: 'Betrag' } } });
    expect(created.errors).toBeUndefined();
    profileId = created.data!.createImportProfile.id;
    await t.gqlAs(p.finance, SET_RULES, { input: { projectId: p.projectId, baseVersion: 1, rules: [...DATEV_RULES, ...CSV_RULES] } });
    const stale = await t.gqlAs(p.finance, SET_RULES, { input: { projectId: p.projectId, baseVersion: 1, rules: [] } });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'baseVersion' });

    const response = await upload(p.finance, fixture('kaemmerei-export-2024.csv'), 'kaemmerei-export-2024.csv', 'CSV', profileId);
    expect(response.status).toBe(201);
    const preview = (await t.gqlAs(p.finance, PREVIEW, { id: response.body.id })).data!.previewImport;
    expect(preview).toMatchObject({ mappingVersion: 2, summary: { rows: 4, toBook: 3, ignored: 1, amountToBook: '3793.06' } });
    const rows = await rowsOf(response.body.id);
    expect(rows[0]).toMatchObject({
      line: 2,
      receiptNumber: 'ZA-2024-0001',
      amount: '1234.56',
      paymentDate: '2024-02-20',
      counterparty: 'Druckerei Bergisch Land GmbH',
      sourceKey: `csv:${profileId}:id:100001`,
    });
    expect(rows[3]).toMatchObject({ status: 'TO_BOOK', amount: '178.50' });
  });

  it('a concurrent double commit of one import books once', async () => {
    const [id] = (await t.gqlAs(p.finance, `query($p: ID!) { bookingImports(projectId: $p) { id format status } }`, { p: p.projectId }))
      .data!.bookingImports.filter((i: { format: string; status: string }) => i.format === 'CSV' && i.status === 'PREVIEWED')
      .map((i: { id: string }) => i.id);
    const before = await ledgerCount();
    const [a, b] = await Promise.all([t.gqlAs(p.finance, COMMIT, { id }), t.gqlAs(p.finance, COMMIT, { id })]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0].extensions!.code : r.data!.commitImport.summary.booked)).sort();
    expect(outcomes).toEqual([3, 'CONFLICT']);
    expect(await ledgerCount()).toBe(before + 3);
    await noTotalsDifference();
  });

  describe('bad input: a clear error naming file, line and field; nothing staged', () => {
    it.each([
      [
        'a DATEV file in UTF-8 instead of Windows-1252',
        () => Buffer.from(iconv.decode(fixture('datev-buchungsstapel-2024-q1.csv'), 'win1252'), 'utf8'),
        'DATEV',
        undefined,
        { field: 'encoding', line: 2 },
      ],
      [
        'a CSV file in Windows-1252 read by a UTF-8 profile',
        () => iconv.encode('Belegnummer;Betrag;Empfänger\r\nX-1;1,00;Müller Bürobedarf\r\n', 'win1252'),
        'CSV',
        'profile',
        { field: 'encoding', line: 1 },
      ],
      ['a truncated camt.053 file', () => fixture('camt053-2024-04.xml').subarray(0, 900), 'CAMT', undefined, { field: 'XML' }],
      [
        "a CSV whose headers lack the profile's amount column",
        () => Buffer.from('Buchungsnummer;Belegnummer;Belegdatum;Zahldatum;Summe;Empfänger;Verwendungszweck;Sachkonto;Kostenstelle\r\n'),
        'CSV',
        'profile',
        { field: 'Betrag', line: 1 },
      ],
      [
        'a file without an EXTF header',
        () => Buffer.from('Umsatz;Konto\r\n1,00;4120\r\n'),
        'DATEV',
        undefined,
        { field: 'EXTF header', line: 1 },
      ],
      [
        'an amount with three decimals',
        () => Buffer.from(iconv.decode(fixture('datev-buchungsstapel-2024-q1.csv'), 'win1252').replace('3250,00', '3250,001'), 'latin1'),
        'DATEV',
        undefined,
        { field: 'Umsatz (ohne Soll/Haben-Kz)', line: 3 },
      ],
    ])('%s', async (_name, file, format, profile, expected) => {
      const before = await staged();
      const response = await upload(p.finance, file(), 'bad-file.txt', format, profile ? profileId : undefined);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'BAD_USER_INPUT', file: 'bad-file.txt', ...expected });
      expect(response.body.message).toContain('bad-file.txt');
      expect(await staged()).toEqual(before);
    });

    it('refuses uploads by roles that may not write money (403) and anonymous ones (401)', async () => {
      const auditor = await upload(p.auditor, fixture('camt053-2024-03.xml'), 'x.xml', 'CAMT');
      expect(auditor.status).toBe(403);
      const anonymous = await t
        .http()
        .post('/imports')
        .query({ projectId: p.projectId, format: 'CAMT' })
        .attach('file', fixture('camt053-2024-03.xml'), 'x.xml');
      expect(anonymous.status).toBe(401);
    });
  });
});
