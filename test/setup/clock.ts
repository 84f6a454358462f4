import { jest } from '@jest/globals';

/**
 * Pins the service's clock ("today", token times, createdAt) to noon UTC of a day. Only Date is
 * faked: timers, microtasks and I/O run as usual, so the database driver and HTTP are unaffected.
 */
export function pinClock(day: string): void {
  jest.useFakeTimers({
    now: new Date(`${day}T12:00:00Z`),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

export function unpinClock(): void {
  jest.useRealTimers();
}
