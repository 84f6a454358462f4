import type { FundedProject } from '../factories/funded-project.js';
import { LEDGER, projectWithOneReceipt } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const EXPORT = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $asOf: LocalDate, $version: Int) {
  proofExport(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, asOf: $asOf, version: $version) { frozen files { name sha256 url } } }`;
const STATUS = `mutation($input: ChangeProofStatusInput!) { changeProofStatus(input: $input) { id status asOf manifest version versions { version asOf manifest comment } } }`;
const EXPLAIN = `mutation($input: ExplainProofDeviationInput!) { explainProofDeviation(input: $input) { status } }`;
const PROOFS = `query($projectId: ID!) { proofs(projectId: $projectId) { kind fiscalYear status version versions { version asOf } } }`;

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The proof lifecycle with the as-of rules: no as-of date after today, none
 * before the period; a frozen proof refuses another as-of date instead of ignoring it; after the
 * grantor's QUERIES the proof is corrected and resubmitted as a new frozen version, the earlier
 * one kept, listed and downloadable.
 */
describe('proof lifecycle: as-of dates, queries and resubmission', () => {
  let t: TestApp;
  let p: FundedProject;
  let receiptId: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ p, receiptId } = await projectWithOneReceipt(t, {
      2022: { A: '100000.00', B1: '20000.00' },
      2023: { A: '100000.00' },
      2024: { A: '50000.00' },
    }));
  }, 300_000);
  afterAll(() => t.close());

  const interim2022 = (extra: Record<string, unknown> = {}) => ({ projectId: p.projectId, kind: 'INTERIM', fiscalYear: 2022, ...extra });

  it('refuses an as-of date after today, for a submission and for a generated proof (no interest for days that have not happened)', async () => {
    const submit = await t.gqlAs(p.finance, STATUS, { input: { ...interim2022(), status: 'IN_PREPARATION' } });
    expect(submit.errors).toBeUndefined();
    const future = await t.gqlAs(p.finance, STATUS, { input: { ...interim2022(), status: 'SUBMITTED', asOf: '2030-01-01' } });
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    expect(future.errors?.[0].message).toContain('future');
    const generated = await t.gqlAs(p.finance, EXPORT, { projectId: p.projectId, kind: 'FINAL', asOf: '2030-01-01' });
    expect(generated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const proofs = await t.gqlAs(p.finance, PROOFS, { projectId: p.projectId });
    expect(proofs.data!.proofs.find((x: any) => x.fiscalYear === 2022).status).toBe('IN_PREPARATION');
  });

  it("refuses an as-of date before the proof's period", async () => {
    const early = await t.gqlAs(p.finance, EXPORT, interim2022({ fiscalYear: 2023, asOf: '2022-06-30' }));
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
  });

  it('keeps explanations editable until submission, then frozen; resubmits after QUERIES as version 2 and keeps version 1', async () => {
    const explain = (text: string) => t.gqlAs(p.finance, EXPLAIN, { input: { ...interim2022(), costCategoryId: p.category.B1, text } });
    expect((await explain('Honorarkraft erst 2023 gewonnen')).errors).toBeUndefined();

    const first = await t.gqlAs(p.finance, STATUS, {
      input: { ...interim2022(), status: 'SUBMITTED', asOf: '2023-04-15', comment: 'Erstvorlage' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data!.changeProofStatus).toMatchObject({ status: 'SUBMITTED', version: 1, asOf: '2023-04-15' });
    // the receipts the submitted proof lists are now INCLUDED_IN_PROOF (before, no submission ever marked them)
    const included = await t.gqlAs(p.finance, LEDGER, { projectId: p.projectId, status: 'INCLUDED_IN_PROOF', first: 10 });
    expect(included.errors).toBeUndefined();
    expect(included.data!.expenditures.nodes.map((n: any) => n.id)).toEqual([receiptId]);
    const v1 = await t.gqlAs(p.finance, EXPORT, interim2022());
    expect(v1.data!.proofExport.frozen).toBe(true);
    const csv = async (files: { name: string; url: string }[], suffix: string) =>
      (
        await t
          .http()
          .get(files.find((f) => f.name.endsWith(suffix))!.url)
          .set(await t.auth(p.finance))
      ).text;
    expect(await csv(v1.data!.proofExport.files, 'soll-ist-vergleich.csv')).toContain('Honorarkraft erst 2023 gewonnen');

    // a frozen proof asked for another as-of date says so instead of silently answering with its own
    const other = await t.gqlAs(p.finance, EXPORT, interim2022({ asOf: '2023-05-01' }));
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf', frozenAsOf: '2023-04-15' });
    expect((await explain('zu spät')).errors?.[0].extensions?.code).toBe('CONFLICT');

    // the grantor queries; the finance officer corrects the explanation and resubmits
    expect(
      (await t.gqlAs('grantor', STATUS, { input: { ...interim2022(), status: 'QUERIES', comment: 'B1 erläutern' } })).errors,
    ).toBeUndefined();
    expect((await explain('Honorarkraft erst 2023 gewonnen; Mittel 2023 neu beantragt')).errors).toBeUndefined();
    const second = await t.gqlAs(p.finance, STATUS, {
      input: { ...interim2022(), status: 'SUBMITTED', asOf: '2023-04-30', comment: 'Erläuterung ergänzt' },
    });
    expect(second.errors).toBeUndefined();
    expect(second.data!.changeProofStatus.version).toBe(2);
    expect(second.data!.changeProofStatus.versions.map((v: any) => [v.version, v.asOf, v.comment])).toEqual([
      [1, '2023-04-15', 'Erstvorlage'],
      [2, '2023-04-30', 'Erläuterung ergänzt'],
    ]);
    const [m1, m2] = second.data!.changeProofStatus.versions.map((v: any) => v.manifest);
    expect(m1).not.toBe(m2);

    const v2 = await t.gqlAs(p.finance, EXPORT, interim2022());
    expect(await csv(v2.data!.proofExport.files, 'soll-ist-vergleich.csv')).toContain('Mittel 2023 neu beantragt');
    const old = await t.gqlAs(p.finance, EXPORT, interim2022({ version: 1 }));
    expect(old.errors).toBeUndefined();
    expect(old.data!.proofExport.files.map((f: any) => f.sha256)).toEqual(v1.data!.proofExport.files.map((f: any) => f.sha256));
    expect(await csv(old.data!.proofExport.files, 'soll-ist-vergleich.csv')).not.toContain('neu beantragt');
    expect(today() >= '2023-04-30').toBe(true);
  }, 300_000);
});
