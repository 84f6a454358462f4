import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import { buildXlsx, type SheetSpec, workbookPlan, writeWorkbook } from './xlsx.js';

/** Below this many rows a workbook is built in place: a worker's start costs more than the build. */
export const OFF_THREAD_MIN_ROWS = 2000;

const require = createRequire(import.meta.url);
/**
 * The worker runs `writeWorkbook` from its source text (eval), so it needs no loader for TypeScript
 * and behaves the same from dist, the dev loader and jest. Modules come by absolute path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const writeWorkbook = ${writeWorkbook.toString()};
writeWorkbook(require(workerData.excelPath), require(workerData.zipPath), workerData.plan).then(
  (bytes) => parentPort.postMessage(bytes, [bytes.buffer]),
  (error) => { throw error; },
);`;

/**
 * buildXlsx off the event loop for big workbooks (the final proof's receipt list): ExcelJS and the
 * zip step are synchronous CPU work of seconds, which would stall /health and every other request.
 * Money is checked and converted on this thread (workbookPlan); only plain values cross over.
 */
export async function buildXlsxOffThread(sheets: SheetSpec[], fixedDate: Date): Promise<Buffer> {
  const rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (rows < OFF_THREAD_MIN_ROWS) return buildXlsx(sheets, fixedDate);
  const plan = workbookPlan(sheets, fixedDate);
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { plan, excelPath: require.resolve('exceljs'), zipPath: require.resolve('jszip') } });
  try {
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The XLSX worker stopped (exit ${code}).`)));
    });
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } finally {
    await worker.terminate();
  }
}
