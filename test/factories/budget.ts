import type { MikroORM } from '@mikro-orm/postgresql';

import { DEMO_BUDGET_REVISIONS } from '../../src/database/seeders/budget-data.js';
import type { TestApp } from '../setup/test-app.js';

export type PlanLine = { costCategory: string; fiscalYear: number; planned: string };
export type PlanInstalment = { fiscalYear: number; amount: string };
export type PlanSource = { kind: string; fiscalYear: number; amount: string };

export interface PlanInput {
  projectId: string;
  referenceNumber: string;
  referenceDate: string;
  effectiveDate: string;
  lines: PlanLine[];
  instalments: PlanInstalment[];
  fundingSources: PlanSource[];
  reason?: string;
  baseRevision?: number;
}

export const PLAN_FIELDS = /* GraphQL */ `
  projectId plannedTotal fundingTotal instalmentTotal
  revision { number reason referenceNumber referenceDate effectiveDate authorId }
  lines { costCategory { code } fiscalYear planned }
  instalments { fiscalYear amount }
  fundingSources { kind fiscalYear amount }
`;

export const CREATE_PLAN = `mutation($input: CreateBudgetPlanInput!) { createBudgetPlan(input: $input) { ${PLAN_FIELDS} } }`;
export const REVISE_PLAN = `mutation($input: ReviseBudgetPlanInput!) { reviseBudgetPlan(input: $input) { ${PLAN_FIELDS} } }`;
export const READ_PLAN = `query($projectId: ID!, $revision: Int, $asOf: LocalDate) { budgetPlan(projectId: $projectId, revision: $revision, asOf: $asOf) { ${PLAN_FIELDS} } }`;

/** The demo project's latest plan (revision 1) as a revision input based on it. */
export function demoRevisionInput(projectId: string): PlanInput {
  const latest = DEMO_BUDGET_REVISIONS[1];
  return {
    projectId,
    baseRevision: 1,
    reason: 'Test amendment',
    referenceNumber: 'ÄB 2 TEST',
    referenceDate: '2024-05-02',
    effectiveDate: '2024-05-15',
    lines: latest.lines.map((l) => ({ ...l })),
    instalments: latest.instalments.map((i) => ({ ...i })),
    fundingSources: latest.fundingSources.map((s) => ({ ...s })),
  };
}

/** Moves `amount` of one category from one year to another, instalments and grant with it. */
export function moveBetweenYears(input: PlanInput, costCategory: string, from: number, to: number, amount: string): PlanInput {
  const shift = (value: string, year: number) => {
    const cents = BigInt(value.replace('.', '')) + (year === to ? 1n : year === from ? -1n : 0n) * BigInt(amount.replace('.', ''));
    const text = cents.toString().padStart(3, '0');
    return `${text.slice(0, -2)}.${text.slice(-2)}`;
  };
  return {
    ...input,
    lines: input.lines.map((l) => (l.costCategory === costCategory ? { ...l, planned: shift(l.planned, l.fiscalYear) } : l)),
    instalments: input.instalments.map((i) => ({ ...i, amount: shift(i.amount, i.fiscalYear) })),
    fundingSources: input.fundingSources.map((s) => (s.kind === 'FEDERAL_GRANT' ? { ...s, amount: shift(s.amount, s.fiscalYear) } : s)),
  };
}

export async function demoIds(t: TestApp): Promise<{ projectId: string; programId: string }> {
  const rows = await t.orm.em.fork().getConnection().execute("select id, program_id from project where file_number = 'MP-SGB2-2022-0042'");
  return { projectId: rows[0].id, programId: rows[0].program_id };
}

/** Revisions, lines, instalments and sources of a project, to show that a refused change wrote nothing. */
export async function planRowCounts(orm: MikroORM, projectId: string): Promise<Record<string, number>> {
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute(
      `select (select count(*) from budget_revision where project_id = ?)::int as revisions,
            (select count(*) from budget_line where project_id = ?)::int as lines,
            (select count(*) from annual_instalment where project_id = ?)::int as instalments,
            (select count(*) from funding_source where project_id = ?)::int as sources`,
      [projectId, projectId, projectId, projectId],
    );
  return rows[0];
}
