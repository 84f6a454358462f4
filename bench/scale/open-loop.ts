import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Latency per completed request, ms, measured from its scheduled start (no coordinated omission). */
  latencies: number[];
  sent: number;
  failed: number;
  /** Not sent because maxInFlight requests were outstanding: the system could not keep up. */
  dropped: number;
  seconds: number;
  firstError?: string;
}

/**
 * An open-loop driver: request i is due at start + i / rate whether or not earlier ones have
 * answered (a fixed arrival rate, as real users arrive), and its latency counts from when it was due.
 */
export async function fixedRate(rate: number, seconds: number, send: (i: number) => Promise<void>, maxInFlight = 200): Promise<LoadResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const result: LoadResult = { latencies: [], sent: 0, failed: 0, dropped: 0, seconds: 0 };
  const running = new Set<Promise<void>>();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    if (running.size >= maxInFlight) {
      result.dropped++;
      continue;
    }
    result.sent++;
    const request = send(i).then(
      () => void result.latencies.push(performance.now() - due),
      (error: unknown) => {
        result.failed++;
        result.firstError ??= String(error).slice(0, 300);
      },
    );
    running.add(request);
    void request.finally(() => running.delete(request));
  }
  await Promise.all(running);
  result.seconds = (performance.now() - start) / 1000;
  result.latencies.sort((a, b) => a - b);
  return result;
}

/**
 * Two fixed-rate loads taking turns in slices of `slice` seconds, `seconds` in total each: on a
 * shared machine the load of other processes changes within seconds, and taking turns lets both
 * paths meet the same conditions (one after the other, one path could get a quiet minute and the
 * other a busy one). Request numbers continue across slices.
 */
export async function alternating(
  rate: number,
  seconds: number,
  paths: readonly ((i: number) => Promise<void>)[],
  slice = 1,
): Promise<LoadResult[]> {
  const results: LoadResult[] = paths.map(() => ({ latencies: [], sent: 0, failed: 0, dropped: 0, seconds: 0 }));
  let first = 0;
  for (let done = 0; done < seconds; done += slice) {
    const length = Math.min(slice, seconds - done);
    for (const [k, send] of paths.entries()) {
      const part = await fixedRate(rate, length, (i) => send(first + i));
      const into = results[k];
      into.latencies.push(...part.latencies);
      into.sent += part.sent;
      into.failed += part.failed;
      into.dropped += part.dropped;
      // A slice lasts its length (its last request is due before the end), longer only when answers were late.
      into.seconds += Math.max(length, part.seconds);
      into.firstError ??= part.firstError;
    }
    first += Math.max(1, Math.round(rate * length));
  }
  for (const r of results) r.latencies.sort((a, b) => a - b);
  return results;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
