import pg from 'pg';

import { DEV_ENCRYPTION_KEY, DEV_HASH_KEY } from '../../src/config/app-config.js';
import { type EncodedProject, encodeProject } from '../../src/database/scale/copy-text.js';
import { scaleContext } from '../../src/database/scale/scale-context.js';
import { loadProjects } from '../../src/database/scale/scale-load.js';
import { generateScaleProject, type ScaleContext } from '../../src/database/scale/scale-project.js';
import { StageTimes } from '../../src/database/scale/stage-times.js';
import { IdentityVault } from '../../src/participants/identity-vault.js';
import { TOTALS_CHECK } from '../factories/money-ops.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

/** Every index and constraint of the schema with its full definition (and whether it is validated). */
const SCHEMA = `
  select 'index' as kind, tablename as table, indexname as name, indexdef as def from pg_indexes where schemaname = current_schema()
  union all
  select 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid) || case when convalidated then '' else ' NOT VALIDATED' end
    from pg_constraint where connamespace = current_schema()::regnamespace
  order by 1, 2, 3`;

/** The seed-scale load path (loadProjects) with projects generated in-process, against a copy of the demo database. */
describe('scale generator: COPY load', () => {
  let t: TestApp;
  let client: pg.Client;
  let ctx: ScaleContext;
  const stages = new StageTimes();

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    const base = await scaleContext(client, { seed: 31, receiptsPerProject: 800, participantsPerProject: 40 });
    // The test app reads identities with the development keys, so the generated ones are sealed with them.
    ctx = { ...base, categoryIdByCode: new Map(base.categories), vault: IdentityVault.fromKeys(DEV_ENCRYPTION_KEY, DEV_HASH_KEY) };
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  async function* encoded(...projects: (number | EncodedProject)[]): AsyncGenerator<EncodedProject> {
    for (const p of projects) yield typeof p === 'number' ? encodeProject(ctx, p) : p;
  }
  const schema = async () => (await client.query(SCHEMA)).rows;
  const disabledTriggers = async () =>
    (await client.query(`select tgname from pg_trigger where not tgisinternal and tgenabled = 'D'`)).rows.map((r) => r.tgname);
  const projectIds = async () =>
    (await client.query<{ id: string }>("select id from project where file_number like 'SCALE-31-%' order by file_number")).rows.map(
      (r) => r.id,
    );

  /** Project `number` with the first row's `column` of `table` (a receipt by default) replaced by `value` in its COPY text. */
  function tampered(number: number, column: string, value: string, table = 'expenditure'): EncodedProject {
    const project = encodeProject(ctx, number);
    const expenditure = project.tables.find((x) => x.table === table)!;
    const lines = new TextDecoder().decode(expenditure.data).split('\n');
    const fields = lines[0].split('\t');
    fields[expenditure.columns.findIndex((c) => c.startsWith(`${column}:`))] = value;
    lines[0] = fields.join('\t');
    return {
      ...project,
      tables: project.tables.map((x) => (x === expenditure ? { ...x, data: new TextEncoder().encode(lines.join('\n')) } : x)),
    };
  }

  it('into a database without generated projects: drops the indexes, keys and foreign keys, and rebuilds each exactly as it was', async () => {
    const before = await schema();
    const result = await loadProjects(client, encoded(1, 2), { deferStructures: true, stages });
    expect(await disabledTriggers()).toEqual([]);

    expect(result.projects).toBe(2);
    const rebuilt = result.rebuilt.map((r) => r.structure.name);
    expect(rebuilt).toEqual(
      expect.arrayContaining([
        'expenditure_pkey',
        'expenditure_receipt_key',
        'expenditure_ledger_order_index',
        'participation_participant_id_foreign',
        'budget_line_revision_id_foreign',
      ]),
    );
    expect(await schema()).toEqual(before);
  });

  it('stores every generated row and value, and the maintained totals equal the raw rows (budgetTotalsCheck)', async () => {
    const ids = await projectIds();
    expect(ids).toHaveLength(2);
    for (const [i, projectId] of ids.entries()) {
      const generated = generateScaleProject(ctx, i + 1);
      expect(generated.projectId).toBe(projectId);
      for (const table of generated.tables.filter((x) => x.table !== 'project')) {
        const stored = await client.query(`select count(*)::int as n from "${table.table}" where project_id = $1`, [projectId]);
        expect({ table: table.table, rows: stored.rows[0].n }).toEqual({ table: table.table, rows: table.rows.length });
      }
      const receipts = generated.tables.find((x) => x.table === 'expenditure')!;
      const col = (name: string) => receipts.columns.findIndex((c) => c.startsWith(`${name}:`));
      const expected = receipts.rows
        .map((r) => [
          r[col('id')],
          r[col('receipt_number')],
          r[col('payee')],
          r[col('purpose')],
          r[col('payment_date')],
          r[col('eligible_amount')],
          r[col('reversal_of_id')],
        ])
        .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
      const stored = await client.query({
        text: 'select id, receipt_number, payee, purpose, payment_date::text, eligible_amount::text, reversal_of_id from expenditure where project_id = $1 order by id::text',
        values: [projectId],
        rowMode: 'array',
      });
      expect(stored.rows).toEqual(expected);

      const check = await t.gqlAs('admin', TOTALS_CHECK, { projectId });
      expect(check.errors).toBeUndefined();
      expect(check.data!.budgetTotalsCheck.differences).toEqual([]);
    }
  });

  it('a load that fails half-way leaves the database as it was, schema included', async () => {
    const before = await schema();
    await expect(
      loadProjects(client, encoded(3, tampered(4, 'id', 'not-a-uuid')), { deferStructures: true, stages }),
    ).rejects.toMatchObject({ code: '22P02' });

    expect(await schema()).toEqual(before);
    expect(await projectIds()).toHaveLength(2); // project 3 went in before the failure and was rolled back with it
  });

  it('a deferred load checks the money invariants once per project and refuses a tranche above the approved total', async () => {
    const before = await schema();
    await expect(
      loadProjects(client, encoded(3, tampered(4, 'amount', '999999999.00', 'drawdown')), { deferStructures: true, stages }),
    ).rejects.toMatchObject({ code: '23514', message: expect.stringContaining('invariant:approvedTotal') });
    expect(await schema()).toEqual(before);
    expect(await projectIds()).toHaveLength(2);
    expect(await disabledTriggers()).toEqual([]);
  });

  it('next to existing generated projects: the schema stays, so every row is checked against the foreign keys', async () => {
    const before = await schema();
    const result = await loadProjects(client, encoded(3), { deferStructures: false, stages });
    expect(result.rebuilt).toEqual([]);
    expect(await projectIds()).toHaveLength(3);

    const unknownCategory = tampered(4, 'cost_category_id', '00000000-0000-4000-8000-000000000bad');
    await expect(loadProjects(client, encoded(unknownCategory), { deferStructures: false, stages })).rejects.toMatchObject({
      code: '23503',
      constraint: 'expenditure_cost_category_id_foreign',
    });
    expect(await projectIds()).toHaveLength(3);
    expect(await schema()).toEqual(before);
  });
});
