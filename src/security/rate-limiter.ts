/**
 * Fixed-window counter per key, in this process's memory. With several instances each counts on
 * its own (the effective limit is the configured one times the number of instances); a shared
 * store is for the issue that makes the service stateless.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it is within its limit (without counting). */
  retryAfter(key: string): number {
    const window = this.current(key);
    return window && window.count >= this.limit ? Math.ceil((window.resetsAt - this.now()) / 1000) : 0;
  }

  /** Counts one attempt for the key. */
  hit(key: string): void {
    const window = this.current(key);
    if (window) window.count++;
    else this.windows.set(key, { count: 1, resetsAt: this.now() + this.windowMs });
    if (this.windows.size > 10_000) this.sweep();
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string) {
    const window = this.windows.get(key);
    if (window && window.resetsAt <= this.now()) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) if (window.resetsAt <= now) this.windows.delete(key);
  }
}
