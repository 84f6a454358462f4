import type { EntityManager } from '@mikro-orm/postgresql';

import type { LocalDate } from '../common/dates/local-date.js';
import { moneyText } from '../common/money/money.js';
import { epochMs, readConnection } from '../database/read-preference.js';
import type { LedgerArgs } from './dto/ledger.args.js';
import { type EntryKind, ExpenditureStatus } from './expenditures.enums.js';
import type { ExpenditureModel, ExpenditureProvenanceModel } from './models/expenditure.model.js';

/**
 * The ledger page as plain rows: one statement for the page, its total count, each
 * row's state, cost category code and reversal, mapped once to the GraphQL shape. No entities, no
 * identity map: hydrating 50 `Expenditure`s with their state and category cost more CPU than
 * PostgreSQL spent answering. Dates and amounts come as text, so nothing is lost on the way, and an
 * amount goes out as PostgreSQL wrote it (MoneyText): no Decimal is made for each cell.
 * Row scoping stays in SQL: the caller passes a project id that `AccessService` has checked.
 */
interface LedgerRow {
  total: string;
  id: string | null;
  project_id: string;
  kind: EntryKind;
  receipt_number: string;
  revision: number;
  invoice_date: LocalDate;
  payment_date: LocalDate;
  fiscal_year: number;
  payee: string;
  purpose: string;
  cost_category_id: string;
  cost_category_code: string;
  gross_amount: string;
  ineligible_amount: string;
  ineligible_reason: string | null;
  eligible_amount: string;
  measure_id: string | null;
  reversal_of_id: string | null;
  reversed_by_id: string | null;
  reason: string | null;
  status: ExpenditureStatus | null;
  status_comment: string | null;
  recorded_by_id: string;
  provenance: ExpenditureProvenanceModel | null;
  created_at: number;
}

const COLUMNS = `e.id, e.project_id, e.kind, e.receipt_number, e.revision, e.invoice_date::text as invoice_date, e.payment_date::text as payment_date,
  e.fiscal_year, e.payee, e.purpose, e.cost_category_id, c.code as cost_category_code, e.gross_amount::text as gross_amount,
  e.ineligible_amount::text as ineligible_amount, e.ineligible_reason, e.eligible_amount::text as eligible_amount, e.measure_id, e.reversal_of_id,
  r.id as reversed_by_id, e.reason, s.status, s.comment as status_comment, e.recorded_by_id, e.provenance, ${epochMs('e.created_at')} as created_at`;

/** Filters of `LedgerArgs` as SQL on `expenditure e` left-joined to `expenditure_state s`. */
function ledgerFilter(projectId: string, args: LedgerArgs): { sql: string; params: unknown[] } {
  const and = ['e.project_id = ?'];
  const params: unknown[] = [projectId];
  const add = (sql: string, value: unknown) => {
    and.push(sql);
    params.push(value);
  };
  if (args.fiscalYear) add('e.fiscal_year = ?', args.fiscalYear);
  if (args.costCategoryId) add('e.cost_category_id = ?', args.costCategoryId);
  if (args.kind) add('e.kind = ?', args.kind);
  if (args.status) add('s.status = ?', args.status);
  if (args.payee) add(`e.payee ilike ? escape '\\'`, `%${args.payee.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (args.paidFrom) add('e.payment_date >= ?', args.paidFrom);
  if (args.paidTo) add('e.payment_date <= ?', args.paidTo);
  if (args.minAmount) add('e.gross_amount >= ?', args.minAmount.toFixed(2));
  if (args.maxAmount) add('e.gross_amount <= ?', args.maxAmount.toFixed(2));
  return { sql: and.join(' and '), params };
}

/**
 * One page in ledger order (payment date, id) after `cursor`, `limit` rows at most, and the total
 * count of the filter without the cursor. An empty page still answers one row carrying the total.
 */
export async function ledgerPageRows(
  em: EntityManager,
  projectId: string,
  args: LedgerArgs,
  cursor: [string, string] | undefined,
  limit: number,
) {
  const filter = ledgerFilter(projectId, args);
  const after = cursor ? ' and (e.payment_date, e.id) > (?::date, ?::uuid)' : '';
  const rows = await em.execute<LedgerRow[]>(
    `select t.total::text as total, p.* from
       (select count(*) as total from expenditure e left join expenditure_state s on s.expenditure_id = e.id where ${filter.sql}) t
       left join lateral (
         select ${COLUMNS}
           from expenditure e
           left join expenditure_state s on s.expenditure_id = e.id
           join cost_category c on c.id = e.cost_category_id
           left join expenditure r on r.reversal_of_id = e.id
          where ${filter.sql}${after}
          order by e.payment_date, e.id
          limit ?) p on true`,
    [...filter.params, ...filter.params, ...(cursor ?? []), limit],
    { connectionType: readConnection() },
  );
  const totalCount = Number(rows[0]?.total ?? 0);
  return { totalCount, rows: rows.filter((r) => r.id !== null).map(toLedgerNode) };
}

function toLedgerNode(r: LedgerRow): ExpenditureModel {
  return {
    id: r.id!,
    projectId: r.project_id,
    kind: r.kind,
    receiptNumber: r.receipt_number,
    revision: r.revision,
    invoiceDate: r.invoice_date,
    paymentDate: r.payment_date,
    fiscalYear: r.fiscal_year,
    payee: r.payee,
    purpose: r.purpose,
    costCategoryId: r.cost_category_id,
    costCategoryCode: r.cost_category_code,
    grossAmount: moneyText(r.gross_amount),
    ineligibleAmount: moneyText(r.ineligible_amount),
    ineligibleReason: r.ineligible_reason,
    eligibleAmount: moneyText(r.eligible_amount),
    measureId: r.measure_id,
    reversalOfId: r.reversal_of_id,
    reversedById: r.reversed_by_id,
    reason: r.reason,
    status: r.status ?? ExpenditureStatus.RECORDED,
    statusComment: r.status_comment,
    recordedById: r.recorded_by_id,
    provenance: r.provenance,
    createdAt: new Date(r.created_at),
  };
}
