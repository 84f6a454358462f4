import { Worker } from 'node:worker_threads';

import type { generateScaleProject } from './scale-project.js';
import type { ScaleWorkerData } from './scale-worker.js';

type Generated = ReturnType<typeof generateScaleProject>;

/**
 * Generates projects in a worker thread, `ahead` projects ahead of the consumer, so generation
 * (one core) and PostgreSQL's inserts (the other core) overlap. Results come in request order.
 */
export async function* generateAhead(data: ScaleWorkerData, numbers: number[], ahead = 2): AsyncGenerator<Generated> {
  const worker = new Worker(new URL('./scale-worker.ts', import.meta.url), { workerData: data });
  const waiting: { resolve: (g: Generated) => void; reject: (e: unknown) => void }[] = [];
  worker.unref(); // never keeps the process alive on its own
  worker.on('message', (g: Generated) => waiting.shift()?.resolve(g));
  worker.on('error', (e) => waiting.splice(0).forEach((w) => w.reject(e)));
  const request = (number: number) =>
    new Promise<Generated>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(number);
    });
  try {
    const pending = numbers.slice(0, ahead).map(request);
    for (let i = 0; i < numbers.length; i++) {
      const generated = await pending.shift()!;
      if (i + ahead < numbers.length) pending.push(request(numbers[i + ahead]));
      yield generated;
    }
  } finally {
    await worker.terminate();
  }
}
