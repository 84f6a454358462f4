import type { EntityManager } from '@mikro-orm/postgresql';
import { inForceSql } from '../measures/observations.js';

import { overdueFor, type LifecycleRules } from '../participants/lifecycle.js';
import type { TrancheUseFigures } from '../tranches/tranche-use.js';
import { DrawdownStatus } from '../tranches/drawdown-lifecycle.js';
import type { PlanVsActualRow, PreflightProblem } from './proof-data.js';
import { type ProofScope, RECEIPTS_IN_SCOPE, receiptParams } from './proof-loader.js';
import { planInForceSql } from '../budget/plan-in-force.js';
import { entryDataCompleteSql } from '../participants/entry-data.js';
import { figuresUpTo } from './proof-data.js';
import { ProofKind } from './proof.enums.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row: columns are read by name and parsed one by one where they are used
type Row = Record<string, any>;

const link = {
  expenditure: (id: string) => `{ expenditure(id: "${id}") { id receiptNumber fiscalYear costCategory { code } } }`,
  drawdown: (id: string) => `{ drawdown(id: "${id}") { id fiscalYear number status } }`,
  overview: (projectId: string) =>
    `{ budgetOverview(projectId: "${projectId}") { categories { costCategory { id code } planned spent status } } }`,
  participant: (id: string) => `{ participant(id: "${id}") { id pseudonym entryDate exitDate } }`,
};

/**
 * Every problem that should be fixed before a proof goes out, all at once, each naming its record
 * and the GraphQL query that fetches it. Ordered by kind, then by the record's natural order, so
 * the list (which travels inside the proof) is reproducible. Only what the proof contains is
 * looked at: its receipts, the drawdowns of its years, the participants of its period, judged on
 * its cut-off day (figuresUpTo), so the list does not change with bookings of other years.
 */
export async function preflightProblems(
  em: EntityManager,
  scope: ProofScope,
  planVsActual: readonly PlanVsActualRow[],
  uses: ReadonlyMap<string, TrancheUseFigures>,
  rules: LifecycleRules,
): Promise<PreflightProblem[]> {
  const q = (sql: string, params: unknown[]) => em.execute<Row[]>(sql, params);
  const upTo = figuresUpTo(scope);
  const years = yearsOf(scope);
  const [notInPlan, undecided, overdueCandidates, paidTranches] = await Promise.all([
    q(
      `select e.id, e.receipt_number, e.fiscal_year, cc.code from expenditure e
         join cost_category cc on cc.id = e.cost_category_id
        where ${RECEIPTS_IN_SCOPE}
          and not exists (select 1 from budget_line bl where bl.project_id = e.project_id and bl.fiscal_year = e.fiscal_year and bl.cost_category_id = e.cost_category_id
                            and bl.revision_id = ${planInForceSql('e.project_id', '?')})
        order by e.payment_date, e.id`,
      [...receiptParams(scope), scope.asOf],
    ),
    q(
      `select id, fiscal_year, number from drawdown where project_id = ? and status = ? and fiscal_year in (?) order by fiscal_year, number`,
      [scope.projectId, DrawdownStatus.REQUESTED, years],
    ),
    q(
      `select p.id, p.entry_date::text as entry_date, p.exit_date::text as exit_date,
              ${entryDataCompleteSql('p')} as complete,
              exists (select 1 from labour_market_observation o where o.participant_id = p.id and o.project_id = p.project_id and o.type <> 'BENEFIT_RECEIPT_ENDED'
                        and o.observed_on between p.exit_date and p.exit_date + ?::int and ${inForceSql('o')}) as exit_recorded
         from participant p where p.project_id = ? and p.identity_erased_at is null and p.entry_date <= ? and (p.exit_date is null or p.exit_date >= ?)
        order by p.entry_date, p.id`,
      [rules.exitDataDueDays, scope.projectId, upTo, scope.periodFrom],
    ),
    q(
      `select id, fiscal_year, number from drawdown where project_id = ? and kind = 'TRANCHE' and fiscal_year in (?) order by fiscal_year, number`,
      [scope.projectId, years],
    ),
  ]);
  const problems: PreflightProblem[] = [];
  for (const e of notInPlan) {
    problems.push({
      code: 'EXPENDITURE_NOT_IN_PLAN',
      message: `Beleg ${e.receipt_number}: Ausgabeposition ${e.code} ist im Finanzierungsplan ${e.fiscal_year} nicht vorgesehen.`,
      recordType: 'Expenditure',
      recordId: e.id,
      link: link.expenditure(e.id),
    });
  }
  for (const d of undecided) {
    problems.push({
      code: 'DRAWDOWN_UNDECIDED',
      message: `Mittelabruf ${d.fiscal_year}/${d.number} ist beantragt, aber nicht entschieden.`,
      recordType: 'Drawdown',
      recordId: d.id,
      link: link.drawdown(d.id),
    });
  }
  for (const row of planVsActual.filter((r) => r.needsRevision)) {
    problems.push({
      code: 'OVERRUN_WITHOUT_REVISION',
      message: `Position ${row.code}: Ist übersteigt das Soll über die zulässige Abweichung hinaus, ohne Änderungsbescheid.`,
      recordType: 'CostCategory',
      recordId: row.costCategoryId,
      link: link.overview(scope.projectId),
    });
  }
  for (const p of overdueCandidates) {
    // An exit after the cut-off has not happened yet as far as this proof is concerned.
    const exitDate = p.exit_date && p.exit_date <= upTo ? p.exit_date : null;
    const facts = {
      entryDate: p.entry_date,
      entryDataComplete: p.complete,
      exitDate,
      recordedTimings: new Set(p.exit_recorded ? (['AT_EXIT'] as const) : []),
    };
    // Entry and exit data only: follow-ups after exit are not part of the proof.
    const missing = overdueFor(facts, rules, upTo).filter((o) => o.kind === 'ENTRY_DATA' || o.kind === 'EXIT_DATA');
    for (const o of missing) {
      problems.push({
        code: 'PARTICIPANT_DATA_MISSING',
        message: `${o.kind === 'ENTRY_DATA' ? 'Eintrittsdaten' : 'Austrittsdaten'} fehlen seit ${o.daysOverdue} Tagen (fällig am ${o.dueOn}).`,
        recordType: 'Participant',
        recordId: p.id,
        link: link.participant(p.id),
      });
    }
  }
  for (const d of paidTranches) {
    const use = uses.get(d.id);
    if (!use || use.unused.lte(0) || use.useDeadline >= upTo) continue;
    problems.push({
      code: 'DRAWDOWN_OVERDUE',
      message: `Mittelabruf ${d.fiscal_year}/${d.number}: ${use.unused.toFixed(2)} EUR nicht fristgerecht verwendet (Frist ${use.useDeadline}).`,
      recordType: 'Drawdown',
      recordId: d.id,
      link: link.drawdown(d.id),
    });
  }
  return problems;
}

/** The fiscal years a proof covers: its own (interim) or every year of the approval period (final). */
function yearsOf(scope: ProofScope): number[] {
  if (scope.kind === ProofKind.INTERIM) return [scope.fiscalYear!];
  const years: number[] = [];
  for (let y = Number(scope.periodFrom.slice(0, 4)); y <= Number(scope.periodTo.slice(0, 4)); y++) years.push(y);
  return years;
}
