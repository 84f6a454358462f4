import { type Decimal } from 'decimal.js';

import type { AuditTrail } from '../audit/audit-trail.js';
import { formatMoney } from '../common/money/money.js';
import type { BudgetRevision } from './entities/budget-revision.entity.js';
import type { PlanContent } from './plan-rules.js';

interface PlanState {
  revision: BudgetRevision;
  content: PlanContent;
}

/** Ids of the rows written for the new revision, in the order of its content. */
interface WrittenRows {
  lines: { id: string }[];
  instalments: { id: string }[];
  sources: { id: string }[];
}

type Keyed = { key: string; fields: Record<string, unknown>; amount: Decimal; id?: string };

/**
 * Reports a new revision to the audit trail: the revision itself, and every line, instalment and
 * funding source whose amount differs from the base revision (all of them for revision 0). Rows
 * a revision drops are reported under the new revision's id with `after: null`.
 */
export function recordPlanChanges(
  audit: AuditTrail,
  projectId: string,
  base: PlanState | null,
  next: PlanState & { rows: WrittenRows },
): void {
  const { revision } = next;
  audit.record({
    entity: 'BudgetRevision',
    id: revision.id,
    projectId,
    before: null,
    after: {
      number: revision.number,
      basedOn: base?.revision.number ?? null,
      reason: revision.reason,
      referenceNumber: revision.referenceNumber,
      referenceDate: revision.referenceDate,
      effectiveDate: revision.effectiveDate,
    },
  });
  const lines = (c: PlanContent, rows?: { id: string }[]): Keyed[] =>
    c.lines.map((l, i) => ({
      key: `${l.costCategory}|${l.fiscalYear}`,
      fields: { costCategory: l.costCategory, fiscalYear: l.fiscalYear },
      amount: l.planned,
      id: rows?.[i].id,
    }));
  const instalments = (c: PlanContent, rows?: { id: string }[]): Keyed[] =>
    c.instalments.map((x, i) => ({ key: `${x.fiscalYear}`, fields: { fiscalYear: x.fiscalYear }, amount: x.amount, id: rows?.[i].id }));
  const sources = (c: PlanContent, rows?: { id: string }[]): Keyed[] =>
    c.fundingSources.map((s, i) => ({
      key: `${s.kind}|${s.fiscalYear}`,
      fields: { kind: s.kind, fiscalYear: s.fiscalYear },
      amount: s.amount,
      id: rows?.[i].id,
    }));

  const diff = (entity: string, amountField: string, before: Keyed[], after: Keyed[]) => {
    const old = new Map(before.map((k) => [k.key, k]));
    const seen = new Set<string>();
    for (const row of after) {
      seen.add(row.key);
      const previous = old.get(row.key);
      if (previous?.amount.eq(row.amount)) continue;
      audit.record({
        entity,
        id: row.id!,
        projectId,
        before: previous ? { ...previous.fields, [amountField]: formatMoney(previous.amount) } : null,
        after: { ...row.fields, [amountField]: formatMoney(row.amount), revision: revision.number },
      });
    }
    for (const previous of before) {
      if (!seen.has(previous.key)) {
        audit.record({
          entity,
          id: revision.id,
          projectId,
          before: { ...previous.fields, [amountField]: formatMoney(previous.amount) },
          after: null,
        });
      }
    }
  };
  const empty: PlanContent = { lines: [], instalments: [], fundingSources: [] };
  const baseContent = base?.content ?? empty;
  diff('BudgetLine', 'planned', lines(baseContent), lines(next.content, next.rows.lines));
  diff('AnnualInstalment', 'amount', instalments(baseContent), instalments(next.content, next.rows.instalments));
  diff('FundingSource', 'amount', sources(baseContent), sources(next.content, next.rows.sources));
}
