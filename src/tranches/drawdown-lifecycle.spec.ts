import { Decimal } from 'decimal.js';

import { DrawdownAction, DrawdownStatus, nextStatus, useStatus } from './drawdown-lifecycle.js';

describe('drawdown lifecycle', () => {
  it('walks the happy path', () => {
    let status = DrawdownStatus.PLANNED;
    for (const action of [DrawdownAction.REQUEST, DrawdownAction.APPROVE, DrawdownAction.DISBURSE]) {
      status = nextStatus(status, action)!;
    }
    expect(status).toBe(DrawdownStatus.DISBURSED);
    expect(nextStatus(DrawdownStatus.USED, DrawdownAction.SETTLE)).toBe(DrawdownStatus.SETTLED);
  });

  it.each([
    [DrawdownStatus.PLANNED, DrawdownAction.APPROVE],
    [DrawdownStatus.REJECTED, DrawdownAction.APPROVE],
    [DrawdownStatus.APPROVED, DrawdownAction.REJECT],
    [DrawdownStatus.REQUESTED, DrawdownAction.DISBURSE],
    [DrawdownStatus.SETTLED, DrawdownAction.REPAY],
    [DrawdownStatus.DISBURSED, DrawdownAction.SETTLE],
  ])('refuses %s → %s', (status, action) => {
    expect(nextStatus(status, action)).toBeUndefined();
  });

  it('derives the use state of a paid-out tranche', () => {
    const zero = new Decimal(0);
    const some = new Decimal('1.00');
    expect(useStatus(DrawdownStatus.DISBURSED, zero, some, false)).toBe(DrawdownStatus.DISBURSED);
    expect(useStatus(DrawdownStatus.DISBURSED, some, some, false)).toBe(DrawdownStatus.PARTIALLY_USED);
    expect(useStatus(DrawdownStatus.DISBURSED, some, some, true)).toBe(DrawdownStatus.OVERDUE);
    expect(useStatus(DrawdownStatus.OVERDUE, some, zero, false)).toBe(DrawdownStatus.USED);
    expect(useStatus(DrawdownStatus.REQUESTED, zero, some, true)).toBe(DrawdownStatus.REQUESTED);
  });
});
