/**
 * Drawdown (Mittelabruf) lifecycle, docs/domain.md#lifecycles:
 * PLANNED → REQUESTED → APPROVED → DISBURSED → (PARTIALLY_USED →) USED → SETTLED;
 * REQUESTED → REJECTED; DISBURSED | PARTIALLY_USED → OVERDUE when the use deadline passes with money
 * unused; DISBURSED | PARTIALLY_USED | OVERDUE → REPAID. Use states follow from the FIFO allocation.
 */
export enum DrawdownStatus {
  PLANNED = 'PLANNED',
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  DISBURSED = 'DISBURSED',
  PARTIALLY_USED = 'PARTIALLY_USED',
  USED = 'USED',
  OVERDUE = 'OVERDUE',
  REPAID = 'REPAID',
  SETTLED = 'SETTLED',
}

export enum DrawdownAction {
  REQUEST = 'REQUEST',
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
  DISBURSE = 'DISBURSE',
  REPAY = 'REPAY',
  SETTLE = 'SETTLE',
}

const TRANSITIONS: Record<DrawdownAction, { from: DrawdownStatus[]; to: DrawdownStatus }> = {
  [DrawdownAction.REQUEST]: { from: [DrawdownStatus.PLANNED], to: DrawdownStatus.REQUESTED },
  [DrawdownAction.APPROVE]: { from: [DrawdownStatus.REQUESTED], to: DrawdownStatus.APPROVED },
  [DrawdownAction.REJECT]: { from: [DrawdownStatus.REQUESTED], to: DrawdownStatus.REJECTED },
  [DrawdownAction.DISBURSE]: { from: [DrawdownStatus.APPROVED], to: DrawdownStatus.DISBURSED },
  [DrawdownAction.REPAY]: {
    from: [DrawdownStatus.DISBURSED, DrawdownStatus.PARTIALLY_USED, DrawdownStatus.OVERDUE],
    to: DrawdownStatus.REPAID,
  },
  [DrawdownAction.SETTLE]: { from: [DrawdownStatus.USED, DrawdownStatus.REPAID], to: DrawdownStatus.SETTLED },
};

/** The status after `action`, or undefined when the action is not allowed in `status`. */
export function nextStatus(status: DrawdownStatus, action: DrawdownAction): DrawdownStatus | undefined {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) ? transition.to : undefined;
}

/** Money-bearing states: paid out and not yet repaid or settled. */
const PAID_OUT = new Set([DrawdownStatus.DISBURSED, DrawdownStatus.PARTIALLY_USED, DrawdownStatus.USED, DrawdownStatus.OVERDUE]);

/**
 * The use state of a paid-out tranche from its FIFO allocation on a given day: fully used, partly
 * used, overdue (money unused after the deadline) or still just disbursed.
 */
export function useStatus(
  status: DrawdownStatus,
  used: { isZero(): boolean },
  unused: { isZero(): boolean },
  overdue: boolean,
): DrawdownStatus {
  if (!PAID_OUT.has(status)) return status;
  if (unused.isZero()) return DrawdownStatus.USED;
  if (overdue) return DrawdownStatus.OVERDUE;
  return used.isZero() ? DrawdownStatus.DISBURSED : DrawdownStatus.PARTIALLY_USED;
}
