import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';

import { germanCsvLine, UTF8_BOM } from './formats/german-csv.js';
import { RECEIPT_HEADER, ReceiptListWriter } from './layouts/receipt-list.js';
import { CATEGORY_RECEIPT_SELECT, receiptParams, toReceiptRow, type ProofScope } from './proof-loader.js';

/** Rows fetched per cursor round trip. */
const FETCH_SIZE = 2_000;
/** Lines gathered into one chunk before it is handed to the socket. */
const CHUNK_BYTES = 64 * 1024;

/** `?` placeholders (the ORM's) as `$n` (the driver's). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/**
 * The receipt list as German CSV, read through a server-side cursor (DECLARE … FETCH) on a
 * connection of the ORM's pool: memory holds one fetch and one chunk, however many receipts the
 * project has. One cursor per cost category, in plan order, each an index range scan in
 * (category, payment date, id) order, so nothing is sorted and the first rows leave at once. One
 * REPEATABLE READ transaction: every category is read from the same snapshot. The bytes equal the
 * Belegliste CSV of the proof.
 */
export async function* receiptCsvChunks(em: EntityManager, scope: ProofScope): AsyncGenerator<string> {
  const writer = new ReceiptListWriter();
  let chunk = UTF8_BOM + germanCsvLine(RECEIPT_HEADER);
  const pool = await em.getConnection().getNativeClient();
  const client: PoolClient = await pool.connect();
  let committed = false;
  try {
    await client.query('begin isolation level repeatable read read only');
    // A cursor is planned for its first rows; JIT compilation would only delay the first byte.
    await client.query('set local jit = off');
    const categories = await client.query<{ id: string }>(
      'select cc.id from cost_category cc join project p on p.program_id = cc.program_id where p.id = $1 order by cc.sort_order, cc.code',
      [scope.projectId],
    );
    for (const { id } of categories.rows) {
      await client.query(`declare receipts no scroll cursor for ${numbered(CATEGORY_RECEIPT_SELECT)}`, [...receiptParams(scope), id]);
      for (;;) {
        const { rows } = await client.query(`fetch ${FETCH_SIZE} from receipts`);
        for (const row of rows) for (const line of writer.push(toReceiptRow(row))) chunk += germanCsvLine(line);
        if (chunk.length >= CHUNK_BYTES) {
          yield chunk;
          chunk = '';
        }
        if (rows.length < FETCH_SIZE) break;
      }
      await client.query('close receipts');
    }
    await client.query('commit');
    committed = true;
  } finally {
    // Also when the consumer stops early (client gone): never hand a connection back mid-transaction.
    if (!committed) await client.query('rollback').catch(() => undefined);
    client.release();
  }
  for (const line of writer.end()) chunk += germanCsvLine(line);
  yield chunk;
}
