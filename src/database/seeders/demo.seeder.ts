import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { RoleAssignment } from '../../auth/entities/role-assignment.entity.js';
import { hashPassword } from '../../auth/passwords.js';
import { Role } from '../../auth/role.enum.js';
import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { FinancingType, ProjectStatus } from '../../programs/programs.enums.js';
import { BudgetSeeder } from './budget.seeder.js';
import { IndicatorsSeeder } from '../../indicators/seeders/indicators.seeder.js';
import { DEMO_PROGRAM, DEMO_PROJECT } from './demo-data.js';
import { DEMO_USERS } from './demo-users.js';
import { IncomeSeeder } from './income-demo.js';
import { LedgerSeeder } from './ledger.seeder.js';
import { ParticipantsSeeder } from './participants.seeder.js';

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
    const project = em.create(Project, {
      ...DEMO_PROJECT,
      program,
      approvedTotal: new Decimal(DEMO_PROJECT.approvedTotal),
      fundingRate: new Decimal(DEMO_PROJECT.fundingRate),
      financingType: FinancingType[DEMO_PROJECT.financingType],
      status: ProjectStatus[DEMO_PROJECT.status],
    });
    for (const demo of DEMO_USERS) {
      const user = em.create(AppUser, {
        username: demo.username,
        displayName: demo.displayName,
        passwordHash: await hashPassword(demo.password),
      });
      em.create(RoleAssignment, {
        user,
        role: Role[demo.role],
        project: demo.scope === 'project' ? project : null,
        program: demo.scope === 'program' ? program : null,
      });
    }
    await em.flush();
    await this.call(em, [ParticipantsSeeder]);
    await this.call(em, [BudgetSeeder, LedgerSeeder, IncomeSeeder]);
    await this.call(em, [IndicatorsSeeder]);
  }
}
