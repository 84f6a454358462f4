import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

import { buildXlsx, type SheetSpec, workbookPlan, writeWorkbook } from './xlsx.js';

/** Below this many rows a workbook is built in place: a worker's start costs more than the build. */
export const OFF_THREAD_MIN_ROWS = 2000;

const require = createRequire(import.meta.url);
/**
 * The worker runs `writeWorkbook` from its source text (eval), so it needs no loader for TypeScript
 * and behaves the same from dist, the dev loader and jest. Modules come by absolute path. One
 * worker is kept (unref'd) and reused: loading ExcelJS and warming it up costs as much as a build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const excel = require(workerData.excelPath);
const zip = require(workerData.zipPath);
const writeWorkbook = ${writeWorkbook.toString()};
parentPort.on('message', ({ id, plan }) => writeWorkbook(excel, zip, plan).then(
  (bytes) => parentPort.postMessage({ id, bytes }, [bytes.buffer]),
  (error) => parentPort.postMessage({ id, error: String(error && error.message || error) }),
));`;

interface Reply {
  id: number;
  bytes?: Uint8Array;
  error?: string;
}

let shared: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();

function workbookWorker(): Worker {
  if (shared) return shared;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { excelPath: require.resolve('exceljs'), zipPath: require.resolve('jszip') },
  });
  worker.unref();
  worker.on('message', ({ id, bytes, error }: Reply) => {
    const job = waiting.get(id);
    waiting.delete(id);
    if (bytes) job?.resolve(bytes);
    else job?.reject(new Error(error));
  });
  const fail = (error: Error) => {
    shared = undefined;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`The XLSX worker stopped (exit ${code}).`)));
  shared = worker;
  return worker;
}

/**
 * buildXlsx off the event loop for big workbooks (the final proof's receipt list): ExcelJS and the
 * zip step are synchronous CPU work of seconds, which would stall /health and every other request.
 * Money is checked and converted on this thread (workbookPlan); only plain values cross over.
 */
export async function buildXlsxOffThread(sheets: SheetSpec[], fixedDate: Date): Promise<Buffer> {
  const rows = sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0);
  if (rows < OFF_THREAD_MIN_ROWS) return buildXlsx(sheets, fixedDate);
  const plan = workbookPlan(sheets, fixedDate);
  const worker = workbookWorker();
  const id = nextId++;
  const bytes = await new Promise<Uint8Array>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.ref(); // keep the process alive while a build is under way
    worker.postMessage({ id, plan });
  }).finally(() => {
    if (waiting.size === 0) worker.unref();
  });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
