import { type DrawdownStatus, useStatus } from './drawdown-lifecycle.js';
import { type DrawdownApproval } from './entities/drawdown-approval.entity.js';
import { type Drawdown } from './entities/drawdown.entity.js';
import { type DrawdownModel } from './models/drawdown.model.js';
import type { TrancheUseFigures } from './tranche-use.js';
import type { LocalDate } from '../common/dates/local-date.js';

/** Drawdown row (lines and their categories loaded) → GraphQL model, with its use state as of `asOf`. */
export function toDrawdownModel(
  drawdown: Drawdown,
  approval: DrawdownApproval | undefined,
  use: TrancheUseFigures | undefined,
  asOf: LocalDate,
): DrawdownModel {
  const status = use ? useStatus(drawdown.status, use.used, use.unused, use.overdueDays > 0 && !use.unused.isZero()) : drawdown.status;
  return {
    id: drawdown.id,
    projectId: drawdown.project.id,
    fiscalYear: drawdown.fiscalYear,
    number: drawdown.number,
    kind: drawdown.kind,
    status: status as DrawdownStatus,
    amount: drawdown.amount,
    expectedPayoutDate: drawdown.expectedPayoutDate ?? null,
    neededUntil: drawdown.neededUntil ?? null,
    payoutDate: drawdown.payoutDate ?? null,
    reason: drawdown.reason ?? null,
    relatesToId: drawdown.relatesTo?.id ?? null,
    requestedById: drawdown.requestedBy.id,
    requestedAt: drawdown.requestedAt ?? null,
    lines: drawdown.lines
      .getItems()
      .map((l) => ({
        costCategoryId: l.costCategory.id,
        costCategoryCode: l.costCategory.getEntity().code,
        sortOrder: l.costCategory.getEntity().sortOrder,
        amount: l.amount,
      }))
      .sort((a, b) => a.sortOrder - b.sortOrder)
      .map(({ sortOrder: _sortOrder, ...line }) => line),
    approval: approval
      ? {
          decision: approval.decision,
          decidedById: approval.decidedBy.id,
          decidedBy: approval.decidedBy.getEntity().displayName,
          comment: approval.comment ?? null,
          decidedAt: approval.decidedAt,
        }
      : null,
    use: use ? { asOf, ...use } : null,
    createdAt: drawdown.createdAt,
  };
}

/** The fields an audit event shows for a drawdown. */
export function drawdownAuditFields(drawdown: Drawdown): Record<string, unknown> {
  return {
    fiscalYear: drawdown.fiscalYear,
    number: drawdown.number,
    kind: drawdown.kind,
    status: drawdown.status,
    amount: drawdown.amount.toFixed(2),
    expectedPayoutDate: drawdown.expectedPayoutDate ?? null,
    neededUntil: drawdown.neededUntil ?? null,
    payoutDate: drawdown.payoutDate ?? null,
    reason: drawdown.reason ?? null,
    lines: drawdown.lines.getItems().map((l) => ({ costCategoryId: l.costCategory.id, amount: l.amount.toFixed(2) })),
  };
}
