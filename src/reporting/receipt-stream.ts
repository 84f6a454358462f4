import { Decimal } from 'decimal.js';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

import { CsvLineEnds } from './formats/csv-line-ends.js';
import { germanCsvLine, UTF8_BOM } from './formats/german-csv.js';
import { RECEIPT_HEADER, SUM_LABEL, TOTAL_LABEL } from './layouts/receipt-list.js';
import { type ProofScope, receiptsInScope } from './proof-loader.js';
import { neutraliseSql, RECEIPT_JOINS, RECEIPT_ORDER, RECEIPT_REMARK } from './receipt-sql.js';
import { neutralise } from './formats/cell-values.js';

/** The proof's ledger filter for one cost category, with literals instead of parameters (COPY takes none). */
function inCategory(client: PoolClient, scope: ProofScope, categoryId: string): string {
  const literal = (value: string) => client.escapeLiteral(value);
  const inScope = receiptsInScope({
    project: literal(scope.projectId),
    from: literal(scope.periodFrom),
    to: literal(scope.periodTo),
    asOf: literal(scope.asOf),
  });
  return `${inScope} and e.cost_category_id = ${literal(categoryId)}`;
}

/**
 * One cost category's receipt lines, formatted by PostgreSQL as the Belegliste CSV writes them:
 * `;` between cells, quotes only where `;`, `"` or a line break need them (COPY's CSV rule is the
 * same as csvText's; empty text becomes NULL because COPY would quote an empty string), ISO dates,
 * German dates, amounts in decimal comma, formula-like text neutralised. Rows are numbered on from
 * `before`, in the proof's order with its remarks (receipt-sql.ts); the e2e tests compare these
 * bytes with the proof's CSV, so the two cannot drift apart unnoticed.
 */
function categoryCopy(client: PoolClient, scope: ProofScope, categoryId: string, label: string, before: number): string {
  const amount = (column: string) => `replace(e.${column}::text, '.', ',')`;
  const text = (sql: string) => `nullif(${neutraliseSql(sql)}, '')`;
  return `copy (
    select row_number() over (order by ${RECEIPT_ORDER}) + ${before}, ${text('e.receipt_number')}, ${client.escapeLiteral(neutralise(label))},
           to_char(e.payment_date, 'DD.MM.YYYY'), to_char(e.invoice_date, 'DD.MM.YYYY'), ${text('e.payee')}, ${text('e.purpose')},
           ${amount('gross_amount')}, ${amount('ineligible_amount')}, ${amount('eligible_amount')}, ${RECEIPT_REMARK}
      from expenditure e ${RECEIPT_JOINS}
     where ${inCategory(client, scope, categoryId)}
     order by ${RECEIPT_ORDER}
  ) to stdout with (format csv, delimiter ';', quote '"')`;
}

/**
 * The receipt list as German CSV, streamed from PostgreSQL's COPY to the caller (on a connection
 * of `pool`, the ORM's own in the service): the lines never
 * exist as JavaScript values, so memory holds a few network buffers however many receipts the
 * project has, and the consumer's pace (the HTTP socket) holds the database back. One COPY per
 * cost category in plan order, then that category's sums; all in one REPEATABLE READ transaction,
 * so every category and its sums come from the same snapshot. The sum rows are PostgreSQL's own
 * sums of the same rows, to the cent. The bytes equal the Belegliste CSV of the proof.
 */
export async function* receiptCsvChunks(pool: Pool, scope: ProofScope): AsyncGenerator<Buffer | string> {
  const client = await pool.connect();
  let finished = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    yield UTF8_BOM + germanCsvLine(RECEIPT_HEADER);
    const categories = await client.query<{ id: string; label: string }>(
      `select cc.id, cc.code || ' ' || cc.name as label from cost_category cc join project p on p.program_id = cc.program_id
        where p.id = $1 order by cc.sort_order, cc.code`,
      [scope.projectId],
    );
    const lineEnds = new CsvLineEnds();
    const totals = { gross: new Decimal(0), ineligible: new Decimal(0), eligible: new Decimal(0) };
    let before = 0;
    for (const { id, label } of categories.rows) {
      for await (const chunk of client.query(copyTo(categoryCopy(client, scope, id, label, before))) as AsyncIterable<Buffer>)
        yield lineEnds.convert(chunk);
      const { rows } = await client.query<{ receipts: string; gross: string; ineligible: string; eligible: string }>(
        `select count(*) as receipts, coalesce(sum(e.gross_amount), 0)::text as gross, coalesce(sum(e.ineligible_amount), 0)::text as ineligible,
                coalesce(sum(e.eligible_amount), 0)::text as eligible
           from expenditure e where ${inCategory(client, scope, id)}`,
      );
      const sums = rows[0];
      if (sums.receipts === '0') continue;
      before += Number(sums.receipts);
      totals.gross = totals.gross.plus(sums.gross);
      totals.ineligible = totals.ineligible.plus(sums.ineligible);
      totals.eligible = totals.eligible.plus(sums.eligible);
      yield germanCsvLine([
        SUM_LABEL,
        null,
        label,
        null,
        null,
        null,
        null,
        new Decimal(sums.gross),
        new Decimal(sums.ineligible),
        new Decimal(sums.eligible),
        null,
      ]);
    }
    await client.query('commit');
    finished = true;
    yield germanCsvLine([TOTAL_LABEL, null, null, null, null, null, null, totals.gross, totals.ineligible, totals.eligible, null]);
  } finally {
    // A consumer that stops early (the client left) may leave a COPY half read: such a connection
    // is closed, never handed back to the pool.
    client.release(finished ? undefined : new Error('receipt stream ended early'));
  }
}
