import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import { type FinancingType } from '../programs/programs.enums.js';
import { type Amounts, zeroAmounts } from './figures.js';
import type { ProjectHeader } from './overview-data.js';
import type { AggregatedProject, OverrunGroup, SummaryTerms } from './project-summary.js';
import { planInForceSql, plansInForceSql } from './plan-in-force.js';

/** A project of the programme view with its terms and the key its summary depends on. */
export interface ProgramProjectHeader {
  project: ProjectHeader;
  revisionNumber: number | null;
  terms: SummaryTerms;
  instalmentThisYear: Decimal;
  /** Changes whenever anything the summary is computed from changes (see ProjectSummaryCache). */
  cacheKey: string;
}

type Row = Record<string, unknown>;
const money = (value: unknown) => new Decimal(value as string);

/**
 * The cells of each project: the plan lines of the revision in force joined with the maintained
 * totals, one row per fiscal year × cost category. Parameters: project ids, asOf. The ids are
 * joined as a table: a long IN list is searched linearly for every row.
 */
const CELLS = `
  ids as (
    select unnest(array[?]::uuid[]) as id
  ), plan as (
    ${plansInForceSql('id, project_id', '(select id from ids)', '?')}
  ), cells as materialized (
    select coalesce(l.project_id, t.project_id) as project_id, coalesce(l.fiscal_year, t.fiscal_year) as fiscal_year,
           coalesce(l.cost_category_id, t.cost_category_id) as cost_category_id, coalesce(l.planned, 0) as planned,
           coalesce(t.drawn, 0) as drawn, coalesce(t.spent, 0) as spent, coalesce(t.committed, 0) as committed
      from (select l.project_id, l.fiscal_year, l.cost_category_id, l.planned
              from budget_line l join plan on l.project_id = plan.project_id and l.revision_id = plan.id) l
      full join (select t.project_id, t.fiscal_year, t.cost_category_id, t.drawn, t.spent, t.committed from budget_total t join ids on ids.id = t.project_id) t
        on t.project_id = l.project_id and t.fiscal_year = l.fiscal_year and t.cost_category_id = l.cost_category_id
  ), years as (
    select project_id, fiscal_year, sum(planned) as planned, sum(drawn) as drawn, sum(spent) as spent, sum(committed) as committed,
           sum(greatest(planned - spent, 0)) as savings, bool_or(spent > planned) as over_plan
      from cells group by project_id, fiscal_year
  ), categories as (
    select project_id, cost_category_id, sum(planned) as planned, sum(spent) as spent from cells group by project_id, cost_category_id
  )`;

/**
 * P: project sums and this year's drawn and spent. Y/K: savings of each year / of the categories,
 * only where some line is over plan; X/Z: the cells / categories over plan. Parameter: this fiscal year twice.
 */
const AGGREGATES = `
  select 'P' as kind, project_id, null::smallint as fiscal_year, sum(planned)::text as planned, sum(drawn)::text as drawn, sum(spent)::text as spent,
         sum(committed)::text as committed, coalesce(sum(drawn) filter (where fiscal_year = ?), 0)::text as year_drawn,
         coalesce(sum(spent) filter (where fiscal_year = ?), 0)::text as year_spent, null as savings
    from years group by project_id
  union all
  select 'Y', project_id, fiscal_year, null, null, null, null, null, null, savings::text from years where over_plan
  union all
  select 'X', project_id, fiscal_year, planned::text, null, spent::text, null, null, null, null from cells where spent > planned
  union all
  select 'K', project_id, null, null, null, null, null, null, null, sum(greatest(planned - spent, 0))::text
    from categories group by project_id having bool_or(spent > planned)
  union all
  select 'Z', project_id, null, planned::text, null, spent::text, null, null, null, null from categories where spent > planned`;

/**
 * The projects of the programme view with their revision in force, this year's instalment and the
 * sum of their totals' versions, in one statement. Run it in the same snapshot as `loadAggregates`.
 */
export async function loadProgramHeaders(
  tx: EntityManager,
  projectIds: readonly string[],
  asOf: LocalDate,
): Promise<ProgramProjectHeader[]> {
  if (projectIds.length === 0) return [];
  const rows = await tx.execute<Row[]>(
    `select p.id, p.program_id, p.file_number, p.title, p.grantee, p.approval_start::text as approval_start, p.approval_end::text as approval_end,
            p.financing_type, fp.line_overrun_percent::text as line_overrun_percent, r.id as revision_id, r.number as revision_number,
            i.amount::text as instalment, v.version
       from project p
       join funding_program fp on fp.id = p.program_id
       left join budget_revision r on r.id = ${planInForceSql('p.id', '?')}
       left join annual_instalment i on i.project_id = p.id and i.revision_id = r.id and i.fiscal_year = ?
       left join lateral (select sum(version)::text as version from budget_total t where t.project_id = p.id) v on true
      where p.id in (?) order by p.file_number, p.id`,
    [asOf, fiscalYearOf(asOf), [...projectIds]],
  );
  return rows.map((p) => {
    const terms: SummaryTerms = {
      asOf,
      approvalStart: p.approval_start as string,
      approvalEnd: p.approval_end as string,
      financingType: p.financing_type as FinancingType,
      lineOverrunPercent: money(p.line_overrun_percent),
    };
    const instalment = p.instalment ? money(p.instalment) : ZERO;
    const id = p.id as string;
    return {
      project: {
        id,
        programId: p.program_id as string,
        fileNumber: p.file_number as string,
        title: p.title as string,
        grantee: p.grantee as string,
      },
      revisionNumber: p.revision_number === null || p.revision_number === undefined ? null : Number(p.revision_number),
      terms,
      instalmentThisYear: instalment,
      // numeric columns as PostgreSQL writes them: equal text for equal values of the same scale.
      cacheKey: [
        p.revision_id,
        p.version,
        asOf,
        terms.approvalStart,
        terms.approvalEnd,
        terms.financingType,
        p.line_overrun_percent,
        p.instalment ?? '0.00',
      ].join('|'),
    };
  });
}

/**
 * The aggregates of the given projects in one statement, however many: a row per project plus
 * rows only for what is over plan. PostgreSQL sums; the overrun rule runs in project-summary.ts,
 * so the figures are those of the project overview.
 */
export async function loadAggregates(
  tx: EntityManager,
  headers: readonly ProgramProjectHeader[],
  asOf: LocalDate,
): Promise<Map<string, AggregatedProject>> {
  if (headers.length === 0) return new Map();
  const ids = headers.map((h) => h.project.id);
  const year = fiscalYearOf(asOf);
  const rows = await tx.execute<Row[]>(`with ${CELLS} ${AGGREGATES}`, [ids, asOf, year, year]);
  return assemble(headers, rows);
}

interface Parts {
  total: Amounts;
  drawn: Decimal;
  spent: Decimal;
  years: Map<number, OverrunGroup & { overruns: { planned: Decimal; spent: Decimal }[] }>;
  categories: OverrunGroup & { overruns: { planned: Decimal; spent: Decimal }[] };
}

function assemble(headers: readonly ProgramProjectHeader[], aggregates: Row[]): Map<string, AggregatedProject> {
  const byProject = new Map<string, Parts>();
  for (const h of headers) {
    byProject.set(h.project.id, {
      total: zeroAmounts(),
      drawn: ZERO,
      spent: ZERO,
      years: new Map(),
      categories: { savings: ZERO, overruns: [] },
    });
  }
  const yearGroup = (parts: Parts, fiscalYear: number) => {
    let group = parts.years.get(fiscalYear);
    if (!group) parts.years.set(fiscalYear, (group = { savings: ZERO, overruns: [] }));
    return group;
  };
  for (const row of aggregates) {
    const parts = byProject.get(row.project_id as string);
    if (!parts) continue;
    const overrun = () => ({ planned: money(row.planned), spent: money(row.spent) });
    if (row.kind === 'P') {
      parts.total = { planned: money(row.planned), drawn: money(row.drawn), spent: money(row.spent), committed: money(row.committed) };
      parts.drawn = money(row.year_drawn);
      parts.spent = money(row.year_spent);
    } else if (row.kind === 'Y') yearGroup(parts, Number(row.fiscal_year)).savings = money(row.savings);
    else if (row.kind === 'X') yearGroup(parts, Number(row.fiscal_year)).overruns.push(overrun());
    else if (row.kind === 'K') parts.categories.savings = money(row.savings);
    else parts.categories.overruns.push(overrun());
  }
  return new Map(
    headers.map((h) => {
      const parts = byProject.get(h.project.id)!;
      const input: AggregatedProject = {
        ...h.terms,
        total: parts.total,
        thisYear: { instalment: h.instalmentThisYear, drawn: parts.drawn, spent: parts.spent },
        overrunGroups: [...parts.years.values(), ...(parts.categories.overruns.length ? [parts.categories] : [])],
      };
      return [h.project.id, input];
    }),
  );
}
