import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

/** One budget line of the plan in force (the latest revision) with its cost category. */
export interface PlanLine {
  costCategoryId: string;
  code: string;
  name: string;
  sortOrder: number;
  planned: Decimal;
  /** The programme's allowed overrun of one line, in percent (ANBest-P 1.2). */
  lineOverrunPercent: Decimal;
}

/**
 * Read access to the budget module's plan for the money modules. The plan in force is the latest
 * revision (every revision holds the whole plan, DOMAIN.md §2: an Änderungsbescheid replaces it).
 */
export async function planLines(em: EntityManager, projectId: string, fiscalYear: number): Promise<PlanLine[]> {
  const rows = await em.execute<{ cost_category_id: string; code: string; name: string; sort_order: number; planned: string; line_overrun_percent: string }[]>(
    `select bl.cost_category_id, cc.code, cc.name, cc.sort_order, bl.planned::text as planned, fp.line_overrun_percent::text as line_overrun_percent
       from budget_line bl
       join cost_category cc on cc.id = bl.cost_category_id
       join funding_program fp on fp.id = cc.program_id
      where bl.project_id = ? and bl.fiscal_year = ?
        and bl.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)
      order by cc.sort_order, cc.code`,
    [projectId, fiscalYear, projectId],
  );
  return rows.map((r) => ({
    costCategoryId: r.cost_category_id,
    code: r.code,
    name: r.name,
    sortOrder: r.sort_order,
    planned: new Decimal(r.planned),
    lineOverrunPercent: new Decimal(r.line_overrun_percent),
  }));
}

/**
 * The fiscal year's instalment (Jahresscheibe) of the plan in force, LOCKED (FOR UPDATE) until the
 * caller's transaction ends: every drawdown request of the same project-year queues here, so two
 * requests can never both see the same room. Null when the plan has no instalment for the year.
 */
export async function lockInstalment(em: EntityManager, projectId: string, fiscalYear: number): Promise<Decimal | null> {
  const rows = await em.execute<{ amount: string }[]>(
    `select ai.amount::text as amount
       from annual_instalment ai
      where ai.project_id = ? and ai.fiscal_year = ?
        and ai.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)
      for update of ai`,
    [projectId, fiscalYear, projectId],
  );
  return rows.length ? new Decimal(rows[0].amount) : null;
}

/** The instalment without a lock, for read-only queries. */
export async function instalmentOf(em: EntityManager, projectId: string, fiscalYear: number): Promise<Decimal | null> {
  const rows = await em.execute<{ amount: string }[]>(
    `select ai.amount::text as amount from annual_instalment ai
      where ai.project_id = ? and ai.fiscal_year = ?
        and ai.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)`,
    [projectId, fiscalYear, projectId],
  );
  return rows.length ? new Decimal(rows[0].amount) : null;
}

/**
 * Whether the plan in force (the latest revision) has a funding source of this kind for the
 * fiscal year, and its amount; null when it has none (the income ledger books only to sources the
 * plan names).
 */
export async function planSourceAmount(em: EntityManager, projectId: string, fiscalYear: number, kind: string): Promise<Decimal | null> {
  const rows = await em.execute<{ amount: string }[]>(
    `select fs.amount::text as amount from funding_source fs
      where fs.project_id = ? and fs.fiscal_year = ? and fs.kind = ?
        and fs.revision_id = (select id from budget_revision where project_id = ? order by number desc limit 1)`,
    [projectId, fiscalYear, kind, projectId],
  );
  return rows.length ? new Decimal(rows[0].amount) : null;
}
