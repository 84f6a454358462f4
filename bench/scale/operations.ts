import { Decimal } from 'decimal.js';
import type pg from 'pg';

/** One read operation of the suite: its GraphQL request, who sends it, and a check of the answer against SQL. */
export interface ReadOperation {
  name: string;
  kind: 'overview' | 'page';
  user: 'bench' | 'grantor';
  /** Requests per second of the fixed arrival rate. */
  rate: number;
  query: string;
  variables(i: number): Record<string, unknown>;
  /** Throws when the answer is wrong. */
  validate(data: any, db: pg.Pool, i: number): Promise<void>;
  /** For pages: the same request with another page size, to show statements do not grow with it. */
  pageSizes?: number[];
}

export interface BenchScope {
  programId: string;
  projectIds: string[];
  categoryB1: string;
  programProjects: number;
}

const FIGURES = 'planned drawn spent committed available deviation status';

function expectEqual(what: string, actual: unknown, expected: unknown): void {
  if (String(actual) !== String(expected)) throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

async function plannedOf(db: pg.Pool, projectIds: string[]): Promise<Decimal> {
  const { rows } = await db.query<{ planned: string }>(
    `select coalesce(sum(l.planned), 0)::text as planned from budget_line l
      where l.project_id = any($1::uuid[]) and l.revision_id = (select r.id from budget_revision r where r.project_id = l.project_id order by r.number desc limit 1)`,
    [projectIds],
  );
  return new Decimal(rows[0].planned);
}

export function readOperations(scope: BenchScope): ReadOperation[] {
  const project = (i: number) => scope.projectIds[i % scope.projectIds.length];
  return [
    {
      name: 'budgetOverview (1 project)',
      kind: 'overview',
      user: 'bench',
      rate: 20,
      query: `query($p: ID!) { budgetOverview(projectId: $p) { projectId status years { fiscalYear lines { fiscalYear costCategory { code } ${FIGURES} } total { ${FIGURES} } } total { ${FIGURES} } burnRate { overallPerMonth } forecast { spentAtEnd } } }`,
      variables: (i) => ({ p: project(i) }),
      async validate(data, db, i) {
        expectEqual('budgetOverview.projectId', data.budgetOverview.projectId, project(i));
        expectEqual('budgetOverview.total.planned', data.budgetOverview.total.planned, (await plannedOf(db, [project(i)])).toFixed(2));
      },
    },
    {
      name: `programOverview (${scope.programProjects} projects)`,
      kind: 'overview',
      user: 'grantor',
      rate: 2,
      query: `query($id: ID!) { programOverview(programId: $id) { programId projects { projectId fileNumber status total { ${FIGURES} } burnRate { overallPerMonth } forecast { spentAtEnd } } total { planned spent status } } }`,
      variables: () => ({ id: scope.programId }),
      async validate(data, db) {
        expectEqual('programOverview.projects', data.programOverview.projects.length, scope.programProjects);
        const ids = data.programOverview.projects.map((p: { projectId: string }) => p.projectId);
        expectEqual('programOverview.total.planned', data.programOverview.total.planned, (await plannedOf(db, ids)).toFixed(2));
      },
    },
    {
      name: 'ledger page of 50, filtered',
      kind: 'page',
      user: 'bench',
      rate: 20,
      pageSizes: [10, 100],
      query: `query($p: ID!, $c: ID!, $first: Int) { expenditures(projectId: $p, fiscalYear: 2025, costCategoryId: $c, status: INCLUDED_IN_PROOF, first: $first) { totalCount nodes { id receiptNumber paymentDate payee grossAmount eligibleAmount status } pageInfo { hasNextPage endCursor } } }`,
      variables: (i) => ({ p: project(i), c: scope.categoryB1, first: 50 }),
      async validate(data, db, i) {
        const { rows } = await db.query<{ id: string; n: string }>(
          `select e.id, count(*) over ()::text as n from expenditure e join expenditure_state s on s.expenditure_id = e.id
            where e.project_id = $1 and e.fiscal_year = 2025 and e.cost_category_id = $2 and s.status = 'INCLUDED_IN_PROOF' order by e.payment_date, e.id limit 50`,
          [project(i), scope.categoryB1],
        );
        expectEqual('expenditures.totalCount', data.expenditures.totalCount, rows[0]?.n ?? 0);
        expectEqual(
          'expenditures page ids',
          data.expenditures.nodes.map((n: { id: string }) => n.id).join(','),
          rows.map((r) => r.id).join(','),
        );
      },
    },
    {
      name: 'participant page of 50 + participations',
      kind: 'page',
      user: 'bench',
      rate: 20,
      pageSizes: [10, 100],
      query: `query($p: ID!, $first: Int) { participants(projectId: $p, first: $first) { totalCount nodes { id pseudonym status identity { lastName } participations { startDate endDate measure { title } } observations { observedOn type } } } }`,
      variables: (i) => ({ p: project(i), first: 50 }),
      async validate(data, db, i) {
        const nodes = data.participants.nodes as { id: string; identity: { lastName: string } | null; participations: unknown[] }[];
        expectEqual('participants page size', nodes.length, 50);
        if (nodes.some((n) => !n.identity?.lastName)) throw new Error('an identity did not decrypt');
        const { rows } = await db.query<{ n: string }>(
          'select count(*)::text as n from participation where participant_id = any($1::uuid[])',
          [nodes.map((n) => n.id)],
        );
        expectEqual(
          'participations on the page',
          nodes.reduce((s, n) => s + n.participations.length, 0),
          rows[0].n,
        );
      },
    },
    {
      name: 'indicatorReport (1 project, half-year)',
      kind: 'overview',
      user: 'bench',
      rate: 5,
      query: `query($p: ID!, $period: ReportPeriodInput!) { indicatorReport(projectId: $p, period: $period) { suppressionApplied rows { code target periodActual cumulativeActual numerator denominator suppressed disaggregations { dimension period { key count suppressed } } } } }`,
      variables: (i) => ({ p: project(i), period: { from: '2026-01-01', to: '2026-06-30' } }),
      async validate(data, db) {
        const { rows } = await db.query<{ n: string }>('select count(*)::text as n from indicator_definition where program_id = $1', [
          scope.programId,
        ]);
        expectEqual('indicatorReport rows', data.indicatorReport.rows.length, rows[0].n);
      },
    },
  ];
}
