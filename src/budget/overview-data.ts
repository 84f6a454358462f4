import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../common/dates/local-date.js';
import { type FinancingType } from '../programs/programs.enums.js';
import type { CategoryRef, OverviewInput } from './overview.js';
import { plansInForceSql } from './plan-in-force.js';
import { readSnapshot } from '../database/transactions.js';

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
const money = (value: unknown) => new Decimal(value as string);

/**
 * Loads what the overviews of the given (already access-checked) projects need in six statements,
 * however many projects: projects with their programme's rule, categories, the revision in force
 * at `asOf`, its lines and instalments, and the maintained totals. One read-only snapshot, so a
 * revision or booking committed meanwhile is either wholly in or wholly out.
 */
export async function loadOverviews(em: EntityManager, projectIds: readonly string[], asOf: LocalDate): Promise<LoadedOverview[]> {
  if (projectIds.length === 0) return [];
  const ids = [...projectIds];
  return readSnapshot(em, async (tx) => {
    const q = (sql: string, params: unknown[]) => tx.execute<Row[]>(sql, params);
    const projects = await q(
      `select p.id, p.program_id, p.file_number, p.title, p.grantee, p.approval_start::text as approval_start,
                p.approval_end::text as approval_end, p.financing_type, fp.line_overrun_percent::text as line_overrun_percent
           from project p join funding_program fp on fp.id = p.program_id
          where p.id in (?) order by p.file_number, p.id`,
      [ids],
    );
    const programIds = [...new Set(projects.map((p) => p.program_id as string))];
    const categories = programIds.length
      ? await q('select id, program_id, code, name, sort_order from cost_category where program_id in (?) order by sort_order, code', [
          programIds,
        ])
      : [];
    const revisions = await q(
      plansInForceSql(
        'id, project_id, number, reason, reference_number, reference_date::text as reference_date, effective_date::text as effective_date, author_id, created_at',
        '(?)',
        '?',
      ),
      [ids, asOf],
    );
    const revisionIds = revisions.map((r) => r.id as string);
    const lines = revisionIds.length
      ? await q(
          'select project_id, cost_category_id, fiscal_year, planned::text as planned from budget_line where project_id in (?) and revision_id in (?)',
          [ids, revisionIds],
        )
      : [];
    const instalments = revisionIds.length
      ? await q(
          'select project_id, fiscal_year, amount::text as amount from annual_instalment where project_id in (?) and revision_id in (?)',
          [ids, revisionIds],
        )
      : [];
    const totals = await q(
      'select project_id, fiscal_year, cost_category_id, drawn::text as drawn, spent::text as spent, committed::text as committed from budget_total where project_id in (?)',
      [ids],
    );
    return assemble(asOf, projects, categories, revisions, lines, instalments, totals);
  });
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
