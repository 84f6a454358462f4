import { Decimal } from 'decimal.js';

import { AuditTrail, type AuditChange, auditScope } from '../audit/audit-trail.js';
import { FundingSourceKind } from './budget.enums.js';
import type { BudgetRevision } from './entities/budget-revision.entity.js';
import { recordPlanChanges } from './plan-audit.js';
import type { PlanContent } from './plan-rules.js';

const d = (v: string) => new Decimal(v);
const revision = (id: string, number: number) =>
  ({
    id,
    number,
    reason: 'r',
    referenceNumber: 'ÄB',
    referenceDate: '2024-01-01',
    effectiveDate: '2024-01-02',
  }) as unknown as BudgetRevision;
const plan = (a2024: string, b2024?: string): PlanContent => ({
  lines: [
    { costCategory: 'A', fiscalYear: 2024, planned: d(a2024) },
    ...(b2024 ? [{ costCategory: 'B1', fiscalYear: 2024, planned: d(b2024) }] : []),
  ],
  instalments: [{ fiscalYear: 2024, amount: d('100.00') }],
  fundingSources: [{ kind: FundingSourceKind.FEDERAL_GRANT, fiscalYear: 2024, amount: d('100.00') }],
});
const rows = (content: PlanContent, prefix: string) => ({
  lines: content.lines.map((_, i) => ({ id: `${prefix}-line-${i}` })),
  instalments: content.instalments.map((_, i) => ({ id: `${prefix}-inst-${i}` })),
  sources: content.fundingSources.map((_, i) => ({ id: `${prefix}-src-${i}` })),
});

function record(base: Parameters<typeof recordPlanChanges>[2], next: Parameters<typeof recordPlanChanges>[3]): AuditChange[] {
  const scope = { changes: [] as AuditChange[] };
  auditScope.run(scope, () => recordPlanChanges(new AuditTrail(), 'project-1', base, next));
  return scope.changes;
}

describe('recordPlanChanges', () => {
  it('reports the original plan row by row', () => {
    const content = plan('60.00', '40.00');
    const changes = record(null, { revision: revision('rev-0', 0), content, rows: rows(content, 'r0') });
    expect(changes.map((c) => [c.entity, c.id])).toEqual([
      ['BudgetRevision', 'rev-0'],
      ['BudgetLine', 'r0-line-0'],
      ['BudgetLine', 'r0-line-1'],
      ['AnnualInstalment', 'r0-inst-0'],
      ['FundingSource', 'r0-src-0'],
    ]);
    expect(changes[1]).toMatchObject({
      projectId: 'project-1',
      before: null,
      after: { costCategory: 'A', fiscalYear: 2024, planned: '60.00', revision: 0 },
    });
  });

  it('reports only what a revision changes, and what it drops', () => {
    const base = { revision: revision('rev-0', 0), content: plan('60.00', '40.00') };
    const content = plan('100.00');
    const changes = record(base, { revision: revision('rev-1', 1), content, rows: rows(content, 'r1') });
    expect(changes[0]).toMatchObject({ entity: 'BudgetRevision', after: { number: 1, basedOn: 0 } });
    expect(changes.slice(1)).toEqual([
      {
        entity: 'BudgetLine',
        id: 'r1-line-0',
        projectId: 'project-1',
        before: { costCategory: 'A', fiscalYear: 2024, planned: '60.00' },
        after: { costCategory: 'A', fiscalYear: 2024, planned: '100.00', revision: 1 },
      },
      {
        entity: 'BudgetLine',
        id: 'rev-1',
        projectId: 'project-1',
        before: { costCategory: 'B1', fiscalYear: 2024, planned: '40.00' },
        after: null,
      },
    ]);
  });
});
