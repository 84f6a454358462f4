import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { FundingSourceKind } from '../../budget/budget.enums.js';
import { AnnualInstalment } from '../../budget/entities/annual-instalment.entity.js';
import { BudgetLine } from '../../budget/entities/budget-line.entity.js';
import { BudgetRevision } from '../../budget/entities/budget-revision.entity.js';
import { CostCategory } from '../../budget/entities/cost-category.entity.js';
import { FundingSource } from '../../budget/entities/funding-source.entity.js';
import { checkPlan } from '../../budget/plan-rules.js';
import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { DEMO_BUDGET_REVISIONS, STANDARD_COST_CATEGORIES } from './budget-data.js';
import { DEMO_PROGRAM, DEMO_PROJECT } from './demo-data.js';

/** Creates the standard cost categories (docs/domain.md#grant-law-rules) for a programme. */
export function createStandardCostCategories(em: EntityManager, program: FundingProgram): CostCategory[] {
  return STANDARD_COST_CATEGORIES.map((c, sortOrder) => em.create(CostCategory, { program, code: c.code, name: c.name, sortOrder }));
}

/** The demo programme's cost categories and the Wuppertal plan with its revisions; runs after DemoSeeder's flush. */
export class BudgetSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const program = await em.findOneOrFail(FundingProgram, { code: DEMO_PROGRAM.code });
    const project = await em.findOneOrFail(Project, { program, fileNumber: DEMO_PROJECT.fileNumber });
    const author = await em.findOne(AppUser, { username: 'finance' });
    const byCode = new Map(createStandardCostCategories(em, program).map((c) => [c.code, c]));
    const terms = {
      approvalStart: project.approvalStart,
      approvalEnd: project.approvalEnd,
      approvedTotal: project.approvedTotal,
      categoryCodes: new Set(byCode.keys()),
    };

    DEMO_BUDGET_REVISIONS.forEach((demo, number) => {
      const content = {
        lines: demo.lines.map((l) => ({ ...l, planned: new Decimal(l.planned) })),
        instalments: demo.instalments.map((i) => ({ ...i, amount: new Decimal(i.amount) })),
        fundingSources: demo.fundingSources.map((s) => ({ ...s, kind: FundingSourceKind[s.kind], amount: new Decimal(s.amount) })),
      };
      checkPlan(content, terms); // the demo obeys the same invariants as every revision
      const { reason, referenceNumber, referenceDate, effectiveDate } = demo;
      const revision = em.create(BudgetRevision, { project, number, reason, referenceNumber, referenceDate, effectiveDate, author });
      for (const l of content.lines)
        em.create(BudgetLine, {
          project,
          revision,
          costCategory: byCode.get(l.costCategory)!,
          fiscalYear: l.fiscalYear,
          planned: l.planned,
        });
      for (const i of content.instalments) em.create(AnnualInstalment, { project, revision, fiscalYear: i.fiscalYear, amount: i.amount });
      for (const s of content.fundingSources)
        em.create(FundingSource, { project, revision, kind: s.kind, fiscalYear: s.fiscalYear, amount: s.amount });
    });
    await em.flush();
  }
}
