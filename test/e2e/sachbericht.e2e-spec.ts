import { demoIds } from '../factories/budget.js';
import { createFundedProject, type FundedProject } from '../factories/funded-project.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const SAVE = `mutation($input: SaveNarrativeSectionInput!) { saveNarrativeSection(input: $input) { section heading costCategoryCode version markdown authorId } }`;
const READ = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int) { sachbericht(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear) {
  frozen missing sections { section heading version markdown } deviationNotes { section heading costCategoryCode version markdown } } }`;
const HISTORY = `query($projectId: ID!, $kind: ProofKind!, $fiscalYear: Int, $section: NarrativeSectionKind!, $costCategoryId: ID) {
  narrativeSectionVersions(projectId: $projectId, kind: $kind, fiscalYear: $fiscalYear, section: $section, costCategoryId: $costCategoryId) { version markdown } }`;
const STATUS = `mutation($input: ChangeProofStatusInput!) { changeProofStatus(input: $input) { status } }`;

describe('the Sachbericht: versioned Markdown sections per proof, frozen with it', () => {
  let t: TestApp;
  let demo: string;
  let p: FundedProject;

  beforeAll(async () => {
    t = await createTestApp();
    demo = (await demoIds(t)).projectId;
    p = await createFundedProject(t.orm, { plan: { 2024: { A: '1000.00', B1: '500.00' } } });
  });
  afterAll(() => t.close());

  const save = (input: Record<string, unknown>, user = 'finance') =>
    t.gqlAs(user, SAVE, {
      input: { projectId: demo, kind: 'INTERIM', fiscalYear: 2024, section: 'USE_AND_COURSE', baseVersion: 0, markdown: 'Text', ...input },
    });
  const versions = async () =>
    Number((await t.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from narrative_section_version'))[0].n);

  it("saves each section as its next version and reads the latest, with the form's headings", async () => {
    const first = await save({ markdown: '## Verlauf\n\nDas Projekt startete im **Januar**.' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.saveNarrativeSection).toMatchObject({
      section: 'USE_AND_COURSE',
      heading: '1. Verwendung der Zuwendung und Verlauf des Vorhabens',
      version: 1,
    });
    const second = await save({ baseVersion: 1, markdown: 'Das Projekt startete im Januar und lief planmäßig.' });
    expect(second.data!.saveNarrativeSection.version).toBe(2);
    const read = (await t.gqlAs('auditor', READ, { projectId: demo, kind: 'INTERIM', fiscalYear: 2024 })).data!.sachbericht;
    expect(read.frozen).toBe(false);
    expect(read.sections.map((s: any) => [s.section, s.version])).toEqual([
      ['USE_AND_COURSE', 2],
      ['RESULTS', 0],
      ['DEVIATIONS', 0],
      ['NECESSITY', 0],
    ]);
    expect(read.sections[0].markdown).toBe('Das Projekt startete im Januar und lief planmäßig.');
    expect(read.missing).toEqual(['RESULTS', 'DEVIATIONS', 'NECESSITY']);
    const history = (await t.gqlAs('grantor', HISTORY, { projectId: demo, kind: 'INTERIM', fiscalYear: 2024, section: 'USE_AND_COURSE' }))
      .data!.narrativeSectionVersions;
    expect(history.map((h: any) => h.version)).toEqual([1, 2]);
    expect(history[0].markdown).toContain('**Januar**');
  });

  it('refuses a save based on an older version with CONFLICT and writes nothing', async () => {
    const before = await versions();
    const stale = await save({ baseVersion: 1, markdown: 'überholt' });
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'baseVersion', currentVersion: 2 });
    expect(await versions()).toBe(before);
  });

  it('keeps deviation notes per cost category', async () => {
    const b1 = (
      await t.orm.em
        .fork()
        .execute<{ id: string }[]>(
          `select cc.id from cost_category cc join project p on p.program_id = cc.program_id where p.id = ? and cc.code = 'B1'`,
          [demo],
        )
    )[0].id;
    const note = await save({ section: 'DEVIATION_NOTE', costCategoryId: b1, markdown: 'Honorare geringer: zwei Träger fielen aus.' });
    expect(note.data!.saveNarrativeSection).toMatchObject({
      costCategoryCode: 'B1',
      heading: 'Begründung der Abweichung B1 Honorare / Fremdleistungen',
      version: 1,
    });
    const read = (await t.gqlAs('finance', READ, { projectId: demo, kind: 'INTERIM', fiscalYear: 2024 })).data!.sachbericht;
    expect(read.deviationNotes).toEqual([
      {
        section: 'DEVIATION_NOTE',
        heading: 'Begründung der Abweichung B1 Honorare / Fremdleistungen',
        costCategoryCode: 'B1',
        version: 1,
        markdown: 'Honorare geringer: zwei Träger fielen aus.',
      },
    ]);
  });

  it.each([
    ['a deviation note without a cost category', { section: 'DEVIATION_NOTE' }, 'costCategoryId'],
    ['a cost category on a form section', { costCategoryId: '00000000-0000-4000-8000-000000000000' }, 'costCategoryId'],
    ['an interim proof for the last year (none is owed)', { fiscalYear: 2027 }, 'fiscalYear'],
    ['a final proof with a fiscal year', { kind: 'FINAL', fiscalYear: 2024 }, 'fiscalYear'],
    ['an interim proof without its year', { fiscalYear: null }, 'fiscalYear'],
    ['a text over 50,000 characters', { markdown: 'x'.repeat(50_001) }, 'markdown'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, input, field) => {
    const before = await versions();
    const result = await save(input);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await versions()).toBe(before);
  });

  it('freezes the Sachbericht with the submitted proof', async () => {
    const request = { projectId: p.projectId, kind: 'FINAL' };
    expect(
      (await save({ ...request, fiscalYear: undefined, markdown: 'Vor der Einreichung' }, p.finance)).data!.saveNarrativeSection.version,
    ).toBe(1);
    expect((await t.gqlAs(p.finance, STATUS, { input: { ...request, status: 'IN_PREPARATION' } })).errors).toBeUndefined();
    const submitted = await t.gqlAs(p.finance, STATUS, { input: { ...request, status: 'SUBMITTED', asOf: '2024-12-31' } });
    expect(submitted.errors).toBeUndefined();
    const before = await versions();
    const after = await save({ ...request, fiscalYear: undefined, baseVersion: 1, markdown: 'Nach der Einreichung' }, p.finance);
    expect(after.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await versions()).toBe(before);
    const read = (await t.gqlAs(p.auditor, READ, request)).data!.sachbericht;
    expect(read.frozen).toBe(true);
    expect(read.sections[0].markdown).toBe('Vor der Einreichung');
  });

  it('has the database refuse changing or deleting a version', async () => {
    const em = t.orm.em.fork();
    await expect(em.execute("update narrative_section_version set markdown = 'x'")).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from narrative_section_version')).rejects.toThrow(/append-only/);
  });

  it("lets the grantee write and the proof's readers read", async () => {
    expect((await save({}, 'auditor')).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gqlAs('analyst', READ, { projectId: demo, kind: 'FINAL' })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await t.gqlAs('finance', READ, { projectId: p.projectId, kind: 'FINAL' })).errors![0].extensions!.code).toBe('NOT_FOUND');
  });
});
