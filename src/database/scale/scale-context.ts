import { Decimal } from 'decimal.js';
import type pg from 'pg';

import { DEMO_BUDGET_REVISIONS } from '../seeders/budget-data.js';
import { DEMO_PROGRAM } from '../seeders/demo-data.js';
import { demoReceipts } from '../seeders/ledger-demo-receipts.js';
import { DEMO_LEDGER_CUTOFF } from '../seeders/ledger.seeder.js';
import type { ScaleWorkerData } from './scale-worker.js';

/** What generated projects refer to in a database that holds the demo: its programme, cost categories and users. */
export async function scaleContext(
  db: pg.ClientBase,
  options: { seed: number; receiptsPerProject: number; participantsPerProject: number },
): Promise<ScaleWorkerData['ctx']> {
  const program = (await db.query<{ id: string }>('select id from funding_program where code = $1', [DEMO_PROGRAM.code])).rows[0];
  if (!program) throw new Error(`The demo programme ${DEMO_PROGRAM.code} is missing: the generator adds its projects to it.`);
  const categories = (
    await db.query<{ id: string; code: string }>('select id, code from cost_category where program_id = $1', [program.id])
  ).rows;
  const users = new Map(
    (
      await db.query<{ id: string; username: string }>("select id, username from app_user where username in ('finance', 'grantor')")
    ).rows.map((u) => [u.username, u.id]),
  );
  const demoLines = DEMO_BUDGET_REVISIONS[0].lines.map((l) => ({
    code: l.costCategory as string,
    fiscalYear: l.fiscalYear as number,
    planned: new Decimal(l.planned),
  }));
  // Receipts of the demo plan at density 1 and 2: a fixed part (salaries, rent) and a part that scales.
  const [once, twice] = [1, 2].map((density) => demoReceipts(demoLines, { cutoff: DEMO_LEDGER_CUTOFF, seed: 1, density }).length);
  return {
    seed: options.seed,
    programId: program.id,
    categories: categories.map((c) => [c.code, c.id] as [string, string]),
    financeId: users.get('finance')!,
    grantorId: users.get('grantor')!,
    receiptsPerProject: options.receiptsPerProject,
    participantsPerProject: options.participantsPerProject,
    receiptsFixed: 2 * once - twice,
    receiptsPerDensity: twice - once,
  };
}
