import { Decimal } from 'decimal.js';

import { IdentityVault } from '../../participants/identity-vault.js';
import { STANDARD_COST_CATEGORIES } from '../seeders/budget-data.js';
import { generateScaleProject, type ScaleContext, type TableRows } from './scale-project.js';

const ctx: ScaleContext = {
  seed: 42,
  programId: '00000000-0000-4000-8000-00000000000a',
  categoryIdByCode: new Map(
    STANDARD_COST_CATEGORIES.map((c, i) => [c.code, `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`]),
  ),
  financeId: '00000000-0000-4000-8000-0000000000f1',
  grantorId: '00000000-0000-4000-8000-0000000000f2',
  vault: IdentityVault.fromKeys(Buffer.alloc(32, 1), Buffer.alloc(32, 2)),
  receiptsPerProject: 3000,
  participantsPerProject: 120,
  receiptsFixed: 1200,
  receiptsPerDensity: 20000,
};
const table = (tables: TableRows[], name: string) => tables.find((t) => t.table === name)!;
const column = (t: TableRows, name: string) => t.columns.findIndex((c) => c.startsWith(`${name}:`));

describe('generateScaleProject', () => {
  const first = generateScaleProject(ctx, 3);

  it('is deterministic from seed and number, except the ciphertexts (fresh IV per encryption)', () => {
    const again = generateScaleProject(ctx, 3);
    for (const t of first.tables.filter((x) => x.table !== 'participant_identity'))
      expect(table(again.tables, t.table).rows).toEqual(t.rows);
    const identity = table(first.tables, 'participant_identity');
    const hash = column(identity, 'name_dob_hash');
    expect(table(again.tables, 'participant_identity').rows.map((r) => r[hash])).toEqual(identity.rows.map((r) => r[hash]));
    expect(generateScaleProject(ctx, 4).projectId).not.toBe(first.projectId);
  });

  it('books maintained totals equal to the counted receipts, and ids are unique', () => {
    const receipts = table(first.tables, 'expenditure');
    const states = table(first.tables, 'expenditure_state');
    const rejected = new Set(
      states.rows.filter((r) => r[column(states, 'status')] === 'REJECTED').map((r) => r[column(states, 'expenditure_id')]),
    );
    const spent = receipts.rows
      .filter((r) => !rejected.has(r[0]))
      .reduce((sum, r) => sum.plus(new Decimal(r[column(receipts, 'eligible_amount')] as string)), new Decimal(0));
    const totals = table(first.tables, 'budget_total');
    const booked = totals.rows.reduce((sum, r) => sum.plus(new Decimal(r[column(totals, 'spent')] as string)), new Decimal(0));
    expect(booked.toFixed(2)).toBe(spent.toFixed(2));
    const ids = first.tables.flatMap((t) => (t.columns[0] === 'id:uuid' ? t.rows.map((r) => r[0]) : []));
    expect(new Set(ids).size).toBe(ids.length);
    expect(first.receipts).toBeGreaterThan(2000);
    expect(first.receipts).toBeLessThan(4500);
  });
});
