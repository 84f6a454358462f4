/**
 * SQL shared by the proof's Belegliste (proof-loader.ts) and the streamed receipt CSV
 * (receipt-stream.ts), so that both list the same rows, in the same order, with the same remarks.
 * Both read `e` (the receipt), `o` (the booking a reversal reverses) and `rv` (the reversal of a
 * booking), joined by RECEIPT_JOINS.
 */
export const RECEIPT_JOINS = `
    left join expenditure o on o.id = e.reversal_of_id
    left join expenditure rv on rv.reversal_of_id = e.id`;

/**
 * The order within a cost category: payment date, then the booking sequence of the receipt number
 * (when its first booking was recorded), then each correction chain in order: the original, its
 * Storno right after it, the replacement (next revision) after the Storno. The id only breaks ties
 * of identical timestamps deterministically.
 */
export const RECEIPT_ORDER = `e.payment_date,
    (select min(f.created_at) from expenditure f where f.project_id = e.project_id and f.receipt_number = e.receipt_number),
    e.receipt_number, e.revision, e.kind, e.id`;

/**
 * Bemerkung: a Storno names the receipt it reverses and why, the original says it was reversed, a
 * replacement says it replaces the reversed booking, and the non-eligible part gives its reason.
 */
export const RECEIPT_REMARK = `nullif(concat_ws('; ',
      case when e.kind = 'REVERSAL' then 'Storno von Beleg ' || o.receipt_number || ': ' || e.reason end,
      case when rv.id is not null then 'storniert durch Storno: ' || rv.reason end,
      case when e.kind = 'BOOKING' and e.revision > 0 then 'Ersatzbuchung (Korrektur ' || e.revision || ') nach Storno' end,
      case when e.ineligible_amount > 0 and e.ineligible_reason is not null then 'nicht zuwendungsfähig: ' || e.ineligible_reason end), '')`;

/** neutralise() (cell-values.ts) in SQL, for the streamed CSV. */
export const neutraliseSql = (column: string) =>
  `case when left(${column}, 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '''' || ${column} else ${column} end`;
