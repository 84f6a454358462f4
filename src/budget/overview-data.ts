import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { type FinancingType } from '../programs/programs.enums.js';
import type { CategoryRef, OverviewInput } from './overview.js';
import { plansInForceSql } from './plan-in-force.js';

export interface ProjectHeader {
  id: string;
  programId: string;
  fileNumber: string;
  title: string;
  grantee: string;
}

export interface RevisionHeader {
  id: string;
  projectId: string;
  number: number;
  reason: string;
  referenceNumber: string;
  referenceDate: LocalDate;
  effectiveDate: LocalDate;
  authorId: string | null;
  createdAt: Date;
}

export interface LoadedOverview {
  project: ProjectHeader;
  revision: RevisionHeader | null;
  input: OverviewInput;
}

type Row = Record<string, unknown>;
// Zero is the commonest amount of the totals (nothing drawn or committed yet): no parse for it.
const money = (value: unknown) => (value === '0.00' ? ZERO : new Decimal(value as string));

/**
 * Loads what the overviews of the given (already access-checked) projects need in one statement,
 * however many projects: projects with their programme's rule, categories, the revision in force
 * at `asOf`, its lines and instalments, and the maintained totals, each as a JSON array of rows.
 * One statement reads one snapshot, so a revision or booking committed meanwhile is either wholly
 * in or wholly out without a transaction around several reads. Amounts are `numeric` text inside
 * the JSON (a JSON number would become a JavaScript number).
 */
export async function loadOverviews(em: EntityManager, projectIds: readonly string[], asOf: LocalDate): Promise<LoadedOverview[]> {
  if (projectIds.length === 0) return [];
  const rows = await em.execute<Row[]>(
    `with p as (
       select p.id, p.program_id, p.file_number, p.title, p.grantee, p.approval_start::text as approval_start,
              p.approval_end::text as approval_end, p.financing_type, fp.line_overrun_percent::text as line_overrun_percent
         from project p join funding_program fp on fp.id = p.program_id
        where p.id in (?)
     ), rev as (
       ${plansInForceSql(
         'id, project_id, number, reason, reference_number, reference_date::text as reference_date, effective_date::text as effective_date, author_id, created_at',
         '(select id from p)',
         '?',
       )}
     )
     select
       (select json_agg(p order by p.file_number, p.id) from p) as projects,
       (select json_agg(c order by c.sort_order, c.code) from (
          select id, program_id, code, name, sort_order from cost_category where program_id in (select program_id from p)) c) as categories,
       (select json_agg(rev) from rev) as revisions,
       (select json_agg(l) from (
          select l.project_id, l.cost_category_id, l.fiscal_year, l.planned::text as planned
            from budget_line l join rev on rev.project_id = l.project_id and rev.id = l.revision_id) l) as lines,
       (select json_agg(i) from (
          select i.project_id, i.fiscal_year, i.amount::text as amount
            from annual_instalment i join rev on rev.project_id = i.project_id and rev.id = i.revision_id) i) as instalments,
       (select json_agg(t) from (
          select project_id, fiscal_year, cost_category_id, drawn::text as drawn, spent::text as spent, committed::text as committed
            from budget_total where project_id in (select id from p)) t) as totals`,
    [[...projectIds], asOf],
  );
  const all = (name: string) => (rows[0][name] as Row[] | null) ?? [];
  return assemble(asOf, all('projects'), all('categories'), all('revisions'), all('lines'), all('instalments'), all('totals'));
}

function assemble(
  asOf: LocalDate,
  projects: Row[],
  categories: Row[],
  revisions: Row[],
  lines: Row[],
  instalments: Row[],
  totals: Row[],
): LoadedOverview[] {
  const group = (rows: Row[], key: string) => {
    const map = new Map<string, Row[]>();
    for (const row of rows) {
      const k = row[key] as string;
      const list = map.get(k);
      if (list) list.push(row);
      else map.set(k, [row]);
    }
    return map;
  };
  const categoriesByProgram = group(categories, 'program_id');
  const revisionByProject = new Map(revisions.map((r) => [r.project_id as string, r]));
  const linesByProject = group(lines, 'project_id');
  const instalmentsByProject = group(instalments, 'project_id');
  const totalsByProject = group(totals, 'project_id');

  return projects.map((p) => {
    const id = p.id as string;
    const revision = revisionByProject.get(id);
    const projectCategories: CategoryRef[] = (categoriesByProgram.get(p.program_id as string) ?? []).map((c) => ({
      id: c.id as string,
      code: c.code as string,
      name: c.name as string,
      sortOrder: Number(c.sort_order),
    }));
    return {
      project: {
        id,
        programId: p.program_id as string,
        fileNumber: p.file_number as string,
        title: p.title as string,
        grantee: p.grantee as string,
      },
      revision: revision ? toRevisionHeader(revision) : null,
      input: {
        asOf,
        approvalStart: p.approval_start as string,
        approvalEnd: p.approval_end as string,
        financingType: p.financing_type as FinancingType,
        lineOverrunPercent: money(p.line_overrun_percent),
        categories: projectCategories,
        lines: (linesByProject.get(id) ?? []).map((l) => ({
          costCategoryId: l.cost_category_id as string,
          fiscalYear: Number(l.fiscal_year),
          planned: money(l.planned),
        })),
        instalments: (instalmentsByProject.get(id) ?? []).map((i) => ({ fiscalYear: Number(i.fiscal_year), amount: money(i.amount) })),
        totals: (totalsByProject.get(id) ?? []).map((t) => ({
          costCategoryId: t.cost_category_id as string,
          fiscalYear: Number(t.fiscal_year),
          drawn: money(t.drawn),
          spent: money(t.spent),
          committed: money(t.committed),
        })),
      },
    };
  });
}

function toRevisionHeader(r: Row): RevisionHeader {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    number: Number(r.number),
    reason: r.reason as string,
    referenceNumber: r.reference_number as string,
    referenceDate: r.reference_date as string,
    effectiveDate: r.effective_date as string,
    authorId: (r.author_id as string | null) ?? null,
    createdAt: new Date(r.created_at as string | Date),
  };
}
