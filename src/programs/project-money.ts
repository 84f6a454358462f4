import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { badInput } from '../common/errors/app-error.js';
import { formatMoney } from '../common/money/money.js';
import type { LocalDate } from '../common/dates/local-date.js';

/**
 * The money already moved on a project, for the rules that keep the grant terms consistent with it
 *. The same rules are enforced at commit by the database (Migration…_MoneyInvariants);
 * these checks run first so a clerk gets the field and the figures.
 */
export interface ProjectMoney {
  /** Requested, approved or paid out, net of repayments. */
  claimed: Decimal;
  /** Paid out per fiscal year, net of repayments. */
  paidByYear: Map<number, Decimal>;
  /** Instalment sum of the latest plan revision; undefined without a plan. */
  planTotal?: Decimal;
  /** Earliest and latest day with a receipt payment, an income payment or a tranche payout (or expected payout). */
  firstDay?: LocalDate;
  lastDay?: LocalDate;
}

export async function projectMoney(em: EntityManager, projectId: string): Promise<ProjectMoney> {
  const [claimed] = await em.execute<{ total: string }[]>(
    `select coalesce(sum(amount), 0)::text as total from drawdown where project_id = ? and status not in ('PLANNED', 'REJECTED')`,
    [projectId],
  );
  const paid = await em.execute<{ fiscal_year: number; total: string }[]>(
    `select fiscal_year, sum(amount)::text as total from drawdown where project_id = ? and status in ('DISBURSED', 'REPAID', 'SETTLED') group by fiscal_year`,
    [projectId],
  );
  const [plan] = await em.execute<{ total: string | null }[]>(
    `select (select sum(i.amount) from annual_instalment i where i.revision_id = r.id)::text as total
       from budget_revision r where r.project_id = ? order by r.number desc limit 1`,
    [projectId],
  );
  const [days] = await em.execute<{ first_day: string | null; last_day: string | null }[]>(
    `select min(d)::text as first_day, max(d)::text as last_day from (
       select payment_date as d from expenditure where project_id = ?
       union all select payment_date from income where project_id = ?
       union all select coalesce(payout_date, expected_payout_date) from drawdown where project_id = ? and status not in ('PLANNED', 'REJECTED')) x`,
    [projectId, projectId, projectId],
  );
  return {
    claimed: new Decimal(claimed.total),
    paidByYear: new Map(paid.map((r) => [Number(r.fiscal_year), new Decimal(r.total)])),
    planTotal: plan ? new Decimal(plan.total ?? 0) : undefined,
    firstDay: (days.first_day ?? undefined) as LocalDate | undefined,
    lastDay: (days.last_day ?? undefined) as LocalDate | undefined,
  };
}

export const ProjectMoneyErrors = {
  totalBelowClaimed: (total: Decimal, claimed: Decimal) =>
    badInput(
      'approvedTotal',
      `The approved total ${formatMoney(total)} EUR is below the ${formatMoney(claimed)} EUR already requested, approved or paid out.`,
      {
        approvedTotal: formatMoney(total),
        claimed: formatMoney(claimed),
      },
    ),
  totalDiffersFromPlan: (total: Decimal, planTotal: Decimal) =>
    badInput(
      'approvedTotal',
      `The approved total must stay equal to the financing plan's instalments (${formatMoney(planTotal)} EUR). Change it together with the instalments: reviseBudgetPlan with approvedTotal.`,
      { approvedTotal: formatMoney(total), planTotal: formatMoney(planTotal) },
    ),
  periodStartsAfterMoney: (firstDay: LocalDate) =>
    badInput(
      'approvalStart',
      `The approval period must start on or before ${firstDay}, the first day with a receipt, an income or a tranche.`,
      {
        firstDay,
      },
    ),
  periodEndsBeforeMoney: (lastDay: LocalDate) =>
    badInput('approvalEnd', `The approval period must end on or after ${lastDay}, the last day with a receipt, an income or a tranche.`, {
      lastDay,
    }),
  instalmentBelowPaid: (fiscalYear: number, amount: Decimal, paid: Decimal) =>
    badInput(
      'instalments',
      `The ${fiscalYear} instalment ${formatMoney(amount)} EUR is below the ${formatMoney(paid)} EUR already paid out in that year.`,
      {
        fiscalYear,
        instalment: formatMoney(amount),
        paid: formatMoney(paid),
      },
    ),
};

/** The grant terms a project update or a plan revision would leave, checked against the money already moved. */
export function checkTermsAgainstMoney(
  money: ProjectMoney,
  terms: { approvalStart: LocalDate; approvalEnd: LocalDate; approvedTotal: Decimal },
  instalments?: readonly { fiscalYear: number; amount: Decimal }[],
): void {
  if (terms.approvedTotal.lt(money.claimed)) throw ProjectMoneyErrors.totalBelowClaimed(terms.approvedTotal, money.claimed);
  if (money.firstDay && terms.approvalStart > money.firstDay) throw ProjectMoneyErrors.periodStartsAfterMoney(money.firstDay);
  if (money.lastDay && terms.approvalEnd < money.lastDay) throw ProjectMoneyErrors.periodEndsBeforeMoney(money.lastDay);
  for (const instalment of instalments ?? []) {
    const paid = money.paidByYear.get(instalment.fiscalYear);
    if (paid && instalment.amount.lt(paid)) throw ProjectMoneyErrors.instalmentBelowPaid(instalment.fiscalYear, instalment.amount, paid);
  }
}
