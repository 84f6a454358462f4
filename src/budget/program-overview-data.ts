import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import type { Amounts } from './figures.js';
import type { ProjectHeader } from './overview-data.js';
import type { AggregatedProject } from './project-summary.js';

export interface LoadedSummary {
  project: ProjectHeader;
  revisionNumber: number | null;
  input: AggregatedProject;
}

type Row = Record<string, unknown>;
const money = (value: unknown) => new Decimal(value as string);
const amounts = (r: Row): Amounts => ({ planned: money(r.planned), drawn: money(r.drawn), spent: money(r.spent), committed: money(r.committed) });

/**
 * The programme view's data in two statements, however many projects: the projects with their
 * revision in force and this year's instalment, and one aggregate over the cells (plan lines of
 * the revision in force joined with the maintained totals) giving per-year sums with savings,
 * per-category sums and the cells over plan. PostgreSQL sums; the rules run in project-summary.ts.
 */
export async function loadAggregatedOverviews(em: EntityManager, projectIds: readonly string[], asOf: LocalDate): Promise<LoadedSummary[]> {
  if (projectIds.length === 0) return [];
  const ids = [...projectIds];
  return em.transactional(
    async (tx) => {
      const projects = await tx.execute<Row[]>(
        `select p.id, p.program_id, p.file_number, p.title, p.grantee, p.approval_start::text as approval_start, p.approval_end::text as approval_end,
                p.financing_type, fp.line_overrun_percent::text as line_overrun_percent, r.number as revision_number, i.amount::text as instalment
           from project p
           join funding_program fp on fp.id = p.program_id
           left join lateral (select id, number from budget_revision r where r.project_id = p.id and r.effective_date <= ? order by number desc limit 1) r on true
           left join annual_instalment i on i.project_id = p.id and i.revision_id = r.id and i.fiscal_year = ?
          where p.id in (?) order by p.file_number, p.id`,
        [asOf, fiscalYearOf(asOf), ids],
      );
      const aggregates = await tx.execute<Row[]>(
        `with plan as (
           select distinct on (project_id) id, project_id from budget_revision
            where project_id in (?) and effective_date <= ? order by project_id, number desc
         ), cells as materialized (
           select coalesce(l.project_id, t.project_id) as project_id, coalesce(l.fiscal_year, t.fiscal_year) as fiscal_year,
                  coalesce(l.cost_category_id, t.cost_category_id) as cost_category_id, coalesce(l.planned, 0) as planned,
                  coalesce(t.drawn, 0) as drawn, coalesce(t.spent, 0) as spent, coalesce(t.committed, 0) as committed
             from (select l.project_id, l.fiscal_year, l.cost_category_id, l.planned
                     from budget_line l join plan on l.project_id = plan.project_id and l.revision_id = plan.id) l
             full join (select project_id, fiscal_year, cost_category_id, drawn, spent, committed from budget_total where project_id in (?)) t
               on t.project_id = l.project_id and t.fiscal_year = l.fiscal_year and t.cost_category_id = l.cost_category_id
         )
         select 'Y' as kind, project_id, fiscal_year, sum(planned)::text as planned, sum(drawn)::text as drawn, sum(spent)::text as spent,
                sum(committed)::text as committed, sum(greatest(planned - spent, 0))::text as savings
           from cells group by project_id, fiscal_year
         union all
         select 'C', project_id, null, sum(planned)::text, sum(drawn)::text, sum(spent)::text, sum(committed)::text, null
           from cells group by project_id, cost_category_id
         union all
         select 'X', project_id, fiscal_year, planned::text, drawn::text, spent::text, committed::text, null
           from cells where spent > planned`,
        [ids, asOf, ids],
      );
      return assemble(asOf, projects, aggregates);
    },
    { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true },
  );
}

function assemble(asOf: LocalDate, projects: Row[], aggregates: Row[]): LoadedSummary[] {
  const byProject = new Map<string, AggregatedProjectParts>();
  for (const p of projects) byProject.set(p.id as string, { years: [], categories: [], overruns: [] });
  for (const row of aggregates) {
    const parts = byProject.get(row.project_id as string);
    if (!parts) continue;
    if (row.kind === 'Y') parts.years.push({ fiscalYear: Number(row.fiscal_year), ...amounts(row), savings: money(row.savings) });
    else if (row.kind === 'C') parts.categories.push(amounts(row));
    else parts.overruns.push({ fiscalYear: Number(row.fiscal_year), planned: money(row.planned), spent: money(row.spent) });
  }
  return projects.map((p) => {
    const id = p.id as string;
    return {
      project: { id, programId: p.program_id as string, fileNumber: p.file_number as string, title: p.title as string, grantee: p.grantee as string },
      revisionNumber: p.revision_number === null || p.revision_number === undefined ? null : Number(p.revision_number),
      input: {
        asOf,
        approvalStart: p.approval_start as string,
        approvalEnd: p.approval_end as string,
        financingType: p.financing_type as FinancingType,
        lineOverrunPercent: money(p.line_overrun_percent),
        instalmentThisYear: p.instalment ? money(p.instalment) : ZERO,
        ...byProject.get(id)!,
      },
    };
  });
}

interface AggregatedProjectParts {
  years: (Amounts & { fiscalYear: number; savings: Decimal })[];
  categories: Amounts[];
  overruns: { fiscalYear: number; planned: Decimal; spent: Decimal }[];
}
