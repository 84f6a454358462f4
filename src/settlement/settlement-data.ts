import type { EntityManager } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../budget/budget.enums.js';
import { addDays, fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { ZERO } from '../common/money/money.js';
import type { IncomeTotals } from '../income/income-totals.js';
import type { FinancingType } from '../programs/programs.enums.js';
import type { BaseRate } from '../tranches/interest.js';
import { baseRates } from '../tranches/tranche-use.js';
import { PAID_STATUSES } from '../tranches/tranches.enums.js';
import { OTHER_SOURCES, type OtherSource, type SettlementCategory } from './settlement.js';
import { plansInForceSql } from '../budget/plan-in-force.js';
import { countsSql } from '../expenditures/counting-filter.js';
import { readSnapshot } from '../database/transactions.js';

export interface SettlementProject {
  id: string;
  programId: string;
  fileNumber: string;
  title: string;
  grantee: string;
  approvalStart: LocalDate;
  approvalEnd: LocalDate;
  financingType: FinancingType;
  fundingRate: Decimal;
  approvedTotal: Decimal;
  /** Whether the project has a financing plan at all (in force or not yet). */
  hasPlan: boolean;
}

/** What one project's settlement is computed from, as booked up to the as-of date. */
export interface LoadedSettlement {
  project: SettlementProject;
  /** The number of the revision in force on the as-of date; null when none is. */
  revisionNumber: number | null;
  categories: SettlementCategory[];
  plannedCover: Record<OtherSource, Decimal>;
  actualCover: Record<OtherSource, Decimal>;
  paidOut: Decimal;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw SQL row: columns are read by name and parsed one by one where they are used
type Row = Record<string, any>;
const money = (v: unknown) => new Decimal(v as string);
const noCover = (): Record<OtherSource, Decimal> => ({
  [FundingSourceKind.OWN_FUNDS]: ZERO,
  [FundingSourceKind.THIRD_PARTY_FUNDS]: ZERO,
  [FundingSourceKind.INCOME]: ZERO,
});

/**
 * Which part of the as-of date's fiscal year is read from the ledger: in its second half, the
 * receipts after the as-of date (taken from the year's maintained total, `yearOfAsOf`); in its
 * first half, those up to it (added to the earlier years' totals).
 */
function ledgerSlice(asOf: LocalDate): { yearOfAsOf: boolean; ledgerRange: [LocalDate, LocalDate] } {
  const year = fiscalYearOf(asOf);
  return asOf >= `${year}-07-01`
    ? { yearOfAsOf: true, ledgerRange: [addDays(asOf, 1), `${year}-12-31`] }
    : { yearOfAsOf: false, ledgerRange: [`${year}-01-01`, asOf] };
}

/**
 * Loads the settlement inputs of the given (access-checked) projects in one read-only snapshot, in
 * a fixed number of statements however many projects: the projects, the plan in force at `asOf`
 * (its lines per category and its sources per kind, whole period), eligible spending and income
 * as of `asOf`, and the payouts net of repayments up to `asOf`.
 *
 * Spending and income come from the maintained totals (budget_total per fiscal year, income_total) and, for the
 * as-of date's own fiscal year, at most half a year of the ledger (ledgerSlice): the same figure as
 * summing the ledger up to `asOf` (rejected receipts left out, reversals netted), but an index
 * range instead of a scan of every receipt, so a programme of 400 projects and ten million
 * receipts settles in one request.
 */
export async function loadSettlements(
  em: EntityManager,
  incomeTotals: IncomeTotals,
  projectIds: readonly string[],
  asOf: LocalDate,
): Promise<{ loaded: LoadedSettlement[]; rates: BaseRate[] }> {
  if (projectIds.length === 0) return { loaded: [], rates: [] };
  const ids = [...projectIds];
  // Inside a caller's snapshot (the proof files) it reads there; otherwise it takes one of its own.
  return readSnapshot(em, async (tx) => {
    const q = (sql: string, params: unknown[]) => tx.execute<Row[]>(sql, params);
    const year = fiscalYearOf(asOf);
    const fromTotals = ledgerSlice(asOf);
    const [projects, revisions, spentTotals, spentLedger, income, paid, rates] = await Promise.all([
      q(
        `select p.id, p.program_id, p.file_number, p.title, p.grantee, p.approval_start::text as approval_start, p.approval_end::text as approval_end,
                  p.financing_type, p.funding_rate::text as funding_rate, p.approved_total::text as approved_total,
                  exists (select 1 from budget_revision r where r.project_id = p.id) as has_plan
             from project p where p.id in (?) order by p.file_number, p.id`,
        [ids],
      ),
      q(plansInForceSql('id, project_id, number', '(?)', '?'), [ids, asOf]),
      // The fiscal year is the payment date's year: earlier years count in full, later ones not at all.
      q(
        `select project_id, cost_category_id, sum(spent)::text as spent from budget_total
            where project_id in (?) and fiscal_year ${fromTotals.yearOfAsOf ? '<=' : '<'} ? group by project_id, cost_category_id`,
        [ids, year],
      ),
      // Only the as-of date's own year is read from the ledger: the part before or after the as-of
      // date, whichever is shorter (added to, or taken from, that year's maintained total).
      q(
        `select e.project_id, e.cost_category_id, ${fromTotals.yearOfAsOf ? '(-sum(e.eligible_amount))' : 'sum(e.eligible_amount)'}::text as spent from expenditure e
            where e.project_id in (?) and e.payment_date between ? and ?
              and ${countsSql('e')}
            group by e.project_id, e.cost_category_id`,
        [ids, ...fromTotals.ledgerRange],
      ),
      incomeTotals.received(tx, ids, asOf),
      q(
        `select project_id, sum(amount)::text as amount from drawdown where project_id in (?) and status in (?) and payout_date <= ? group by project_id`,
        [ids, PAID_STATUSES, asOf],
      ),
      baseRates(tx),
    ]);
    const revisionIds = revisions.map((r) => r.id as string);
    const [lines, sources] = revisionIds.length
      ? await Promise.all([
          q(
            'select project_id, cost_category_id, sum(planned)::text as planned from budget_line where project_id in (?) and revision_id in (?) group by project_id, cost_category_id',
            [ids, revisionIds],
          ),
          q(
            'select project_id, kind, sum(amount)::text as amount from funding_source where project_id in (?) and revision_id in (?) group by project_id, kind',
            [ids, revisionIds],
          ),
        ])
      : [[], []];
    const categoryIds = [...new Set([...lines, ...spentTotals].map((r) => r.cost_category_id as string))];
    const categories = categoryIds.length
      ? await q('select id, code, name, sort_order from cost_category where id in (?)', [categoryIds])
      : [];
    const categoryOf = new Map(categories.map((c) => [c.id as string, c]));

    const revisionOf = new Map(revisions.map((r) => [r.project_id as string, Number(r.number)]));
    const cells = new Map<string, Map<string, { planned: Decimal; actual: Decimal }>>();
    const cell = (projectId: string, categoryId: string) => {
      let byCategory = cells.get(projectId);
      if (!byCategory) cells.set(projectId, (byCategory = new Map()));
      let c = byCategory.get(categoryId);
      if (!c) byCategory.set(categoryId, (c = { planned: ZERO, actual: ZERO }));
      return c;
    };
    for (const l of lines) cell(l.project_id, l.cost_category_id).planned = money(l.planned);
    for (const s of spentTotals) {
      const c = cell(s.project_id, s.cost_category_id);
      c.actual = c.actual.plus(money(s.spent));
    }
    for (const s of spentLedger) {
      const c = cell(s.project_id, s.cost_category_id);
      c.actual = c.actual.plus(money(s.spent));
    }
    const plannedCover = new Map<string, Record<OtherSource, Decimal>>();
    for (const s of sources) {
      if (!OTHER_SOURCES.includes(s.kind)) continue;
      const cover = plannedCover.get(s.project_id) ?? noCover();
      cover[s.kind as OtherSource] = money(s.amount);
      plannedCover.set(s.project_id, cover);
    }
    const actualCover = new Map<string, Record<OtherSource, Decimal>>();
    for (const r of income) {
      const cover = actualCover.get(r.projectId) ?? noCover();
      const kind = r.fundingSource as OtherSource;
      cover[kind] = cover[kind].plus(r.received);
      actualCover.set(r.projectId, cover);
    }
    const paidOf = new Map(paid.map((p) => [p.project_id as string, money(p.amount)]));

    const loaded = projects.map((p): LoadedSettlement => {
      const id = p.id as string;
      return {
        project: {
          id,
          programId: p.program_id,
          fileNumber: p.file_number,
          title: p.title,
          grantee: p.grantee,
          approvalStart: p.approval_start,
          approvalEnd: p.approval_end,
          financingType: p.financing_type,
          fundingRate: money(p.funding_rate),
          approvedTotal: money(p.approved_total),
          hasPlan: Boolean(p.has_plan),
        },
        revisionNumber: revisionOf.get(id) ?? null,
        categories: [...(cells.get(id) ?? new Map()).entries()]
          .filter(([, c]) => !c.planned.isZero() || !c.actual.isZero())
          .map(([categoryId, c]) => {
            const category = categoryOf.get(categoryId)!;
            return {
              costCategoryId: categoryId,
              code: category.code,
              name: category.name,
              sortOrder: Number(category.sort_order),
              planned: c.planned,
              actual: c.actual,
              assumption: null,
            };
          })
          .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
        plannedCover: plannedCover.get(id) ?? noCover(),
        actualCover: actualCover.get(id) ?? noCover(),
        paidOut: paidOf.get(id) ?? ZERO,
      };
    });
    return { loaded, rates };
  });
}
