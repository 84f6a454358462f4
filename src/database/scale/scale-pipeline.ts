import { Worker } from 'node:worker_threads';

import type { EncodedProject } from './copy-text.js';
import type { ScaleWorkerData } from './scale-worker.js';

/**
 * Generates projects in `workers` worker threads, up to `ahead` projects ahead of the consumer, so
 * generation and PostgreSQL's COPY overlap. Project i goes to worker i mod workers; each worker
 * answers in the order asked, so results come in request order whatever the number of workers.
 */
export async function* generateAhead(
  data: ScaleWorkerData,
  numbers: number[],
  { workers = 1, ahead = 2 * workers }: { workers?: number; ahead?: number } = {},
): AsyncGenerator<EncodedProject> {
  const pool = Array.from({ length: Math.max(1, Math.min(workers, numbers.length)) }, () => {
    // A larger young generation: generation makes millions of short-lived Decimals and strings (about 8 % less CPU).
    const worker = new Worker(new URL('./scale-worker.ts', import.meta.url), {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    const waiting: { resolve: (g: EncodedProject) => void; reject: (e: unknown) => void }[] = [];
    worker.unref(); // never keeps the process alive on its own
    worker.on('message', (g: EncodedProject) => waiting.shift()?.resolve(g));
    worker.on('error', (e) => waiting.splice(0).forEach((w) => w.reject(e)));
    worker.on('exit', (code) => waiting.splice(0).forEach((w) => w.reject(new Error(`a generator thread stopped (exit code ${code})`))));
    return { worker, waiting };
  });
  const request = (index: number) => {
    const { worker, waiting } = pool[index % pool.length];
    const result = new Promise<EncodedProject>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(numbers[index]);
    });
    result.catch(() => undefined); // a worker's error surfaces where this result is awaited
    return result;
  };
  try {
    const pending = numbers.slice(0, ahead).map((_, i) => request(i));
    for (let i = 0; i < numbers.length; i++) {
      const generated = await pending.shift()!;
      if (i + ahead < numbers.length) pending.push(request(i + ahead));
      yield generated;
    }
  } finally {
    await Promise.all(pool.map((p) => p.worker.terminate()));
  }
}
