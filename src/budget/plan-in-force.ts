import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';

/**
 * The plan in force (docs/domain.md#the-plan-in-force), the budget module's one statement of it:
 * on a date D it is the revision with the highest number whose effective date is on or before D.
 * Every revision holds the whole plan (an Änderungsbescheid replaces it), so nothing is merged.
 * The ledger and the drawdowns ask "as of today"; proofs, overviews and settlements "as of" their
 * as-of date. Other modules use the functions below or interpolate these fragments; they do not
 * name the budget tables in SQL of their own (src/common/architecture/module-sql.spec.ts).
 */

/**
 * SQL of the id of the revision in force for one project: a scalar subquery. `project` and `asOf`
 * are SQL expressions (a column such as `e.project_id`, a placeholder `?`, or a literal).
 */
export function planInForceSql(project: string, asOf: string): string {
  return `(select pif.id from budget_revision pif where pif.project_id = ${project} and pif.effective_date <= ${asOf} order by pif.number desc limit 1)`;
}

/**
 * SQL selecting the revision in force of many projects at once (one row per project that has one),
 * with `columns` of `budget_revision`. `projects` is an SQL list expression such as `(?)`.
 */
export function plansInForceSql(columns: string, projects: string, asOf: string): string {
  return `select distinct on (project_id) ${columns} from budget_revision where project_id in ${projects} and effective_date <= ${asOf} order by project_id, number desc`;
}

/**
 * SQL selecting every revision of one project in force up to `asOf` (the grant decision and its
 * amendments), in number order: the last row is the plan in force. For documents that list them.
 */
export function plansUpToSql(columns: string, project: string, asOf: string): string {
  return `select ${columns} from budget_revision where project_id = ${project} and effective_date <= ${asOf} order by number`;
}

/** One budget line of the plan in force with its cost category. */
export interface PlanLine {
  costCategoryId: string;
  code: string;
  name: string;
  sortOrder: number;
  planned: Decimal;
  /** The programme's allowed overrun of one line, in percent (ANBest-P 1.2). */
  lineOverrunPercent: Decimal;
}

/** The lines of one fiscal year of the plan in force on `asOf`, in plan order. */
export async function planLines(em: EntityManager, projectId: string, fiscalYear: number, asOf: LocalDate): Promise<PlanLine[]> {
  const rows = await em.execute<
    { cost_category_id: string; code: string; name: string; sort_order: number; planned: string; line_overrun_percent: string }[]
  >(
    `select bl.cost_category_id, cc.code, cc.name, cc.sort_order, bl.planned::text as planned, fp.line_overrun_percent::text as line_overrun_percent
       from budget_line bl
       join cost_category cc on cc.id = bl.cost_category_id
       join funding_program fp on fp.id = cc.program_id
      where bl.project_id = ? and bl.fiscal_year = ? and bl.revision_id = ${planInForceSql('?', '?')}
      order by cc.sort_order, cc.code`,
    [projectId, fiscalYear, projectId, asOf],
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
export async function lockInstalment(em: EntityManager, projectId: string, fiscalYear: number, asOf: LocalDate): Promise<Decimal | null> {
  return instalment(em, projectId, fiscalYear, asOf, ' for update of ai');
}

/** The instalment without a lock, for read-only queries. */
export async function instalmentOf(em: EntityManager, projectId: string, fiscalYear: number, asOf: LocalDate): Promise<Decimal | null> {
  return instalment(em, projectId, fiscalYear, asOf, '');
}

async function instalment(
  em: EntityManager,
  projectId: string,
  fiscalYear: number,
  asOf: LocalDate,
  lock: string,
): Promise<Decimal | null> {
  const rows = await em.execute<{ amount: string }[]>(
    `select ai.amount::text as amount from annual_instalment ai
      where ai.project_id = ? and ai.fiscal_year = ? and ai.revision_id = ${planInForceSql('?', '?')}${lock}`,
    [projectId, fiscalYear, projectId, asOf],
  );
  return rows.length ? new Decimal(rows[0].amount) : null;
}

/**
 * The amount of the plan's funding source of this kind for the fiscal year; null when the plan in
 * force names none (the income ledger books only to sources the plan names).
 */
export async function planSourceAmount(
  em: EntityManager,
  projectId: string,
  fiscalYear: number,
  kind: string,
  asOf: LocalDate,
): Promise<Decimal | null> {
  const rows = await em.execute<{ amount: string }[]>(
    `select fs.amount::text as amount from funding_source fs
      where fs.project_id = ? and fs.fiscal_year = ? and fs.kind = ? and fs.revision_id = ${planInForceSql('?', '?')}`,
    [projectId, fiscalYear, kind, projectId, asOf],
  );
  return rows.length ? new Decimal(rows[0].amount) : null;
}
