import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

import { germanCsvLine, UTF8_BOM } from './formats/german-csv.js';
import { RECEIPT_HEADER, ReceiptListWriter } from './layouts/receipt-list.js';
import { CATEGORY_RECEIPT_SELECT, receiptParams, toReceiptRow, type ProofScope } from './proof-loader.js';

/** Rows fetched per cursor round trip. */
const FETCH_SIZE = 5_000;
/** Lines gathered into one chunk before it is handed to the socket. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The receipt list as German CSV, read through a server-side cursor (DECLARE … FETCH): memory
 * holds one fetch and one chunk, however many receipts the project has. One cursor per cost
 * category, in plan order, each an index range scan in (category, payment date, id) order, so
 * nothing is sorted and the first rows leave at once. One REPEATABLE READ transaction: every
 * category is read from the same snapshot. The bytes equal the Belegliste CSV of the proof.
 */
export async function* receiptCsvChunks(em: EntityManager, scope: ProofScope): AsyncGenerator<string> {
  const writer = new ReceiptListWriter();
  let chunk = UTF8_BOM + germanCsvLine(RECEIPT_HEADER);
  const connection = em.getConnection();
  const tx = await connection.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  try {
    const categories = await connection.execute<{ id: string }[]>(
      'select cc.id from cost_category cc join project p on p.program_id = cc.program_id where p.id = ? order by cc.sort_order, cc.code',
      [scope.projectId],
      'all',
      tx,
    );
    for (const { id } of categories) {
      await connection.execute(`declare receipts no scroll cursor for ${CATEGORY_RECEIPT_SELECT}`, [...receiptParams(scope), id], 'run', tx);
      for (;;) {
        const rows = await connection.execute<Record<string, any>[]>(`fetch ${FETCH_SIZE} from receipts`, [], 'all', tx);
        for (const row of rows) for (const line of writer.push(toReceiptRow(row))) chunk += germanCsvLine(line);
        if (chunk.length >= CHUNK_BYTES) {
          yield chunk;
          chunk = '';
        }
        if (rows.length < FETCH_SIZE) break;
      }
      await connection.execute('close receipts', [], 'run', tx);
    }
  } finally {
    await connection.rollback(tx);
  }
  for (const line of writer.end()) chunk += germanCsvLine(line);
  yield chunk;
}
