import { randomUUID } from 'node:crypto';

import type { MikroORM } from '@mikro-orm/postgresql';
import { Decimal } from 'decimal.js';

import { Role } from '../../src/auth/role.enum.js';
import { AnnualInstalment } from '../../src/budget/entities/annual-instalment.entity.js';
import { BudgetLine } from '../../src/budget/entities/budget-line.entity.js';
import { BudgetRevision } from '../../src/budget/entities/budget-revision.entity.js';
import { FundingSourceKind } from '../../src/budget/budget.enums.js';
import { CostCategory } from '../../src/budget/entities/cost-category.entity.js';
import { FundingSource } from '../../src/budget/entities/funding-source.entity.js';
import { FundingProgram } from '../../src/programs/entities/funding-program.entity.js';
import { Project } from '../../src/programs/entities/project.entity.js';
import { FinancingType, ProjectStatus } from '../../src/programs/programs.enums.js';
import { DEMO_PROGRAM } from '../../src/database/seeders/demo-data.js';
import { createUser } from './users.js';

export interface FundedProjectSpec {
  /** Planned amount per cost category code, per fiscal year; the instalment is the year's sum. */
  plan: Record<number, Record<string, string>>;
  approvalStart?: string;
  approvalEnd?: string;
  /**
   * Other cover per fiscal year (own funds, third-party funds, income). When given, the plan gets
   * funding-source rows: these, and the federal grant as the year's lines less them (= instalment).
   */
  sources?: Record<number, Partial<Record<'OWN_FUNDS' | 'THIRD_PARTY_FUNDS' | 'INCOME', string>>>;
  financingType?: FinancingType;
  /** Percent, default 100. */
  fundingRate?: string;
}

export interface FundedProject {
  projectId: string;
  programId: string;
  /** Cost category id by code (A, B1 …). */
  category: Record<string, string>;
  /** Two FINANCE users of the project (four eyes) and a read-only AUDITOR. */
  finance: string;
  finance2: string;
  auditor: string;
}

/**
 * A fresh project of the demo programme with a financing plan (revision 0, full financing),
 * written straight through the ORM, so money tests start from a known, empty ledger.
 */
export async function createFundedProject(orm: MikroORM, spec: FundedProjectSpec): Promise<FundedProject> {
  const em = orm.em.fork();
  const program = await em.findOneOrFail(FundingProgram, { code: DEMO_PROGRAM.code });
  const categories = await em.find(CostCategory, { program });
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const years = Object.keys(spec.plan).map(Number).sort();
  let total = new Decimal(0);
  for (const year of years) for (const planned of Object.values(spec.plan[year])) total = total.plus(planned);
  for (const year of years) for (const other of Object.values(spec.sources?.[year] ?? {})) total = total.minus(other!);
  const suffix = randomUUID().slice(0, 8);
  const project = em.create(Project, {
    program,
    fileNumber: `T-${suffix}`,
    title: `Test project ${suffix}`,
    grantee: 'Jobcenter Test',
    approvalStart: spec.approvalStart ?? `${years[0]}-01-01`,
    approvalEnd: spec.approvalEnd ?? `${years.at(-1)}-12-31`,
    approvedTotal: total,
    financingType: spec.financingType ?? FinancingType.FULL,
    fundingRate: new Decimal(spec.fundingRate ?? '100'),
    status: ProjectStatus.RUNNING,
  });
  const revision = em.create(BudgetRevision, {
    project,
    number: 0,
    reason: 'Test plan',
    referenceNumber: `ZB ${suffix}`,
    referenceDate: `${years[0] - 1}-12-01`,
    effectiveDate: `${years[0]}-01-01`,
  });
  for (const year of years) {
    let instalment = new Decimal(0);
    for (const [code, planned] of Object.entries(spec.plan[year])) {
      em.create(BudgetLine, { project, revision, costCategory: byCode.get(code)!, fiscalYear: year, planned: new Decimal(planned) });
      instalment = instalment.plus(planned);
    }
    if (spec.sources) {
      for (const [kind, amount] of Object.entries(spec.sources[year] ?? {})) {
        em.create(FundingSource, { project, revision, kind: kind as FundingSourceKind, fiscalYear: year, amount: new Decimal(amount!) });
        instalment = instalment.minus(amount!);
      }
      em.create(FundingSource, { project, revision, kind: FundingSourceKind.FEDERAL_GRANT, fiscalYear: year, amount: instalment });
    }
    em.create(AnnualInstalment, { project, revision, fiscalYear: year, amount: instalment });
  }
  await em.flush();
  const grants = (role: Role) => [{ role, projectId: project.id }];
  const finance = `fin-${suffix}`;
  const finance2 = `fin2-${suffix}`;
  const auditor = `aud-${suffix}`;
  await createUser(orm, { username: finance, grants: grants(Role.FINANCE) });
  await createUser(orm, { username: finance2, grants: grants(Role.FINANCE) });
  await createUser(orm, { username: auditor, grants: grants(Role.AUDITOR) });
  return {
    projectId: project.id,
    programId: program.id,
    category: Object.fromEntries(categories.map((c) => [c.code, c.id])),
    finance,
    finance2,
    auditor,
  };
}
