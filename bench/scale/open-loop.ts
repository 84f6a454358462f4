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

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
