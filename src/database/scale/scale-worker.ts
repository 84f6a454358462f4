import { parentPort, workerData } from 'node:worker_threads';

import { IdentityVault } from '../../participants/identity-vault.js';
import { copyText } from './copy-text.js';
import { generateScaleProject, type ScaleContext } from './scale-project.js';

/** Worker thread of the scale generator: generates projects while the main thread copies earlier ones. */
export interface ScaleWorkerData {
  ctx: Omit<ScaleContext, 'vault' | 'categoryIdByCode'> & { categories: [string, string][] };
  encryptionKey: Uint8Array;
  hashKey: Uint8Array;
}

/** One generated project, its tables already in COPY text format (UTF-8), in insertion order. */
export interface EncodedProject {
  number: number;
  projectId: string;
  receipts: number;
  tables: { table: string; columns: string[]; rows: number; data: Uint8Array }[];
  /** Wall time the worker spent generating and encoding this project, and the CPU time of its thread. */
  generateMs: number;
  encodeMs: number;
  generateCpuMs: number;
  encodeCpuMs: number;
}

/** CPU time of this thread in ms (wall time alone says little on a machine shared with other work). */
const cpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

const data = workerData as ScaleWorkerData;
const ctx: ScaleContext = {
  ...data.ctx,
  categoryIdByCode: new Map(data.ctx.categories),
  vault: IdentityVault.fromKeys(Buffer.from(data.encryptionKey), Buffer.from(data.hashKey)),
};
const encoder = new TextEncoder();

parentPort!.on('message', (number: number) => {
  const [started, startedCpu] = [performance.now(), cpuMs()];
  const project = generateScaleProject(ctx, number);
  const [generated, generatedCpu] = [performance.now(), cpuMs()];
  // Encoding here keeps the main thread free for the COPY streams; each table's bytes are moved, not copied.
  const tables = project.tables.map((t) => ({ table: t.table, columns: t.columns, rows: t.rows.length, data: encoder.encode(copyText(t)) }));
  const result: EncodedProject = { number, projectId: project.projectId, receipts: project.receipts, tables, generateMs: generated - started, encodeMs: performance.now() - generated, generateCpuMs: generatedCpu - startedCpu, encodeCpuMs: cpuMs() - generatedCpu };
  parentPort!.postMessage(result, tables.map((t) => t.data.buffer as ArrayBuffer));
});
