import type { EntityManager } from '@mikro-orm/postgresql';

import { germanCsvLine, UTF8_BOM } from './formats/german-csv.js';
import { RECEIPT_HEADER, ReceiptListWriter } from './layouts/receipt-list.js';
import { RECEIPT_SELECT, receiptParams, toReceiptRow, type ProofScope } from './proof-loader.js';

/** Rows fetched per cursor round trip. */
const FETCH_SIZE = 2_000;
/** Lines gathered into one chunk before it is handed to the socket. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The receipt list as German CSV, produced from a server-side cursor (MikroORM's stream over
 * pg-cursor): memory holds one fetch and one chunk, however many receipts the project has. The
 * bytes equal the Belegliste CSV of the proof for the same scope.
 */
export async function* receiptCsvChunks(em: EntityManager, scope: ProofScope): AsyncGenerator<string> {
  const writer = new ReceiptListWriter();
  let chunk = UTF8_BOM + germanCsvLine(RECEIPT_HEADER);
  // pg-cursor reads through one portal of one statement, so the whole list comes from one snapshot.
  const rows = em.getConnection().stream<Record<string, any>>(RECEIPT_SELECT, receiptParams(scope), undefined, undefined, FETCH_SIZE);
  for await (const row of rows) {
    for (const line of writer.push(toReceiptRow(row))) chunk += germanCsvLine(line);
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  for (const line of writer.end()) chunk += germanCsvLine(line);
  yield chunk;
}
