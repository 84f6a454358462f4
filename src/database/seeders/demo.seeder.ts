import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { FinancingType, ProjectStatus } from '../../programs/programs.enums.js';
import { DEMO_PROGRAM, DEMO_PROJECT } from './demo-data.js';

/** Loads the Wuppertal demo; run once, on an empty database. */
export class DemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const { rules, ...programFields } = DEMO_PROGRAM;
    const program = em.create(FundingProgram, {
      ...programFields,
      ...rules,
      lineOverrunPercent: new Decimal(rules.lineOverrunPercent),
      allowedFinancingTypes: rules.allowedFinancingTypes.map((t) => FinancingType[t]),
    });
    em.create(Project, {
      ...DEMO_PROJECT,
      program,
      approvedTotal: new Decimal(DEMO_PROJECT.approvedTotal),
      fundingRate: new Decimal(DEMO_PROJECT.fundingRate),
      financingType: FinancingType[DEMO_PROJECT.financingType],
      status: ProjectStatus[DEMO_PROJECT.status],
    });
    await em.flush();
  }
}
