import { randomUUID } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';

import { BudgetTotals } from '../../src/budget/budget-totals.js';
import { spentTotalsSource } from '../../src/expenditures/ledger-reads.js';
import { drawnTotalsSource } from '../../src/tranches/drawdown-reads.js';
import { fixedRate, type LoadResult } from './open-loop.js';

const WRITERS = 32;
const RATE = Number(process.env.BENCH_WRITE_RATE ?? 40);

/**
 * Half drawdown requests, half receipt bookings, over the benched projects at a fixed arrival rate
 * with at most 32 in flight (32 writers). Validated afterwards: every answered booking and request
 * is in the database, and the maintained totals still equal the raw rows (BudgetTotals.check).
 */
export async function runWriteMix(o: {
  endpoint: string;
  token: string;
  projectIds: string[];
  db: pg.Pool;
  orm: MikroORM;
  seconds: number;
}): Promise<{ rate: number; result: LoadResult; verdict: string }> {
  const categories = new Map<string, string>(
    (
      await o.db.query('select c.code, c.id from cost_category c join project p on p.program_id = c.program_id where p.id = $1', [
        o.projectIds[0],
      ])
    ).rows.map((r) => [r.code, r.id]),
  );
  const today = new Date().toISOString().slice(0, 10);
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const marker = `BENCH-${Date.now()}`;
  let booked = 0;
  let requested = 0;
  const send = async (i: number) => {
    const projectId = o.projectIds[i % o.projectIds.length];
    const amount = `${10 + (i % 90)}.${String(i % 100).padStart(2, '0')}`;
    const body =
      i % 2 === 0
        ? {
            query: 'mutation($input: RecordExpenditureInput!) { recordExpenditure(input: $input) { id eligibleAmount } }',
            variables: {
              input: {
                idempotencyKey: randomUUID(),
                projectId,
                receipt: {
                  receiptNumber: `${marker}-${i}`,
                  invoiceDate: today,
                  paymentDate: today,
                  payee: 'Benchmark GmbH',
                  purpose: 'Lasttest',
                  costCategoryId: categories.get(['B1', 'B3', 'B4', 'B6'][i % 4]),
                  grossAmount: amount,
                  ineligibleAmount: '0.00',
                  eligibleAmount: amount,
                },
              },
            },
          }
        : {
            query: 'mutation($input: RequestDrawdownInput!) { requestDrawdown(input: $input) { id status amount } }',
            variables: {
              input: {
                idempotencyKey: randomUUID(),
                projectId,
                expectedPayoutDate: inDays(7),
                neededUntil: inDays(30),
                lines: [{ costCategoryId: categories.get('B6'), amount }],
              },
            },
          };
    const response = await fetch(o.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (json.errors || !json.data) throw new Error(JSON.stringify(json.errors).slice(0, 300));
    if (i % 2 === 0) booked++;
    else requested++;
  };
  const result = await fixedRate(RATE, o.seconds, send, WRITERS);
  const [counts] = (
    await o.db.query<{ receipts: string }>('select count(*)::text as receipts from expenditure where receipt_number like $1', [
      `${marker}-%`,
    ])
  ).rows;
  const totals = new BudgetTotals();
  totals.register(spentTotalsSource);
  totals.register(drawnTotalsSource);
  const em = o.orm.em.fork();
  let differences = 0;
  for (const id of o.projectIds) differences += (await totals.check(em, id)).length;
  const ok = Number(counts.receipts) === booked && differences === 0;
  const verdict = `${booked} bookings (${counts.receipts} in the ledger), ${requested} drawdown requests; totals check: ${differences} differences${ok ? '' : ' — VALIDATION FAILED'}`;
  return { rate: RATE, result, verdict };
}
