import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { DEMO_PROGRAM, DEMO_PROJECT } from '../../database/seeders/demo-data.js';
import { IndicatorDefinition } from '../entities/indicator-definition.entity.js';
import { IndicatorSettings } from '../entities/indicator-settings.entity.js';
import { IndicatorTarget, WHOLE_PERIOD } from '../entities/indicator-target.entity.js';
import { IndicatorUpdate } from '../entities/indicator-update.entity.js';
import { ReportingPeriod } from '../entities/reporting-period.entity.js';
import { DEMO_CATALOGUE } from '../indicator-catalogue.data.js';
import { IndicatorUpdateStatus } from '../indicators.enums.js';

/**
 * Demo targets of the Wuppertal project (about 700 participants over 2022–2027): whole-period
 * baseline, mid-term milestone (end of 2024) and target, and yearly targets spread over the six
 * years. Actuals are not seeded: they follow from the demo participants.
 */
const YEARS = [2022, 2023, 2024, 2025, 2026, 2027];
const YEAR_SHARES = [10, 18, 20, 20, 18, 14]; // percent of the whole-period target per year

const DEMO_TARGETS: Record<string, { baseline?: string; milestone: string; target: string; perYear?: boolean }> = {
  EECO01: { baseline: '0', milestone: '300', target: '700', perYear: true },
  EECO02: { milestone: '240', target: '560', perYear: true },
  EECO03: { milestone: '150', target: '350', perYear: true },
  EECR01: { milestone: '60', target: '140' },
  EECR04: { milestone: '90', target: '210', perYear: true },
  EELR04: { milestone: '70', target: '180' },
  EELR05: { milestone: '100', target: '250' },
  PS01: { baseline: '0', milestone: '100', target: '250', perYear: true },
  PS02: { baseline: '20.00', milestone: '30.00', target: '35.00' },
  PS03: { milestone: '60', target: '140' },
  PS04: { milestone: '25', target: '60' },
  PS06: { milestone: '30', target: '80' },
  PS07: { baseline: '70.00', milestone: '75.00', target: '80.00' },
  PS08: { milestone: '60000.00', target: '150000.00' },
};

export class IndicatorsSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const program = await em.findOneOrFail(FundingProgram, { code: DEMO_PROGRAM.code });
    const project = await em.findOneOrFail(Project, { program, fileNumber: DEMO_PROJECT.fileNumber });
    em.create(IndicatorSettings, { program });
    const byCode = new Map<string, IndicatorDefinition>();
    DEMO_CATALOGUE.forEach((entry, index) => {
      byCode.set(
        entry.code,
        em.create(IndicatorDefinition, {
          ...entry,
          program,
          rule: entry.rule ?? null,
          denominatorRule: entry.denominatorRule ?? null,
          sortOrder: index + 1,
        }),
      );
    });
    for (const [code, t] of Object.entries(DEMO_TARGETS)) {
      const indicator = byCode.get(code)!;
      const target = new Decimal(t.target);
      em.create(IndicatorTarget, {
        project,
        indicator,
        year: WHOLE_PERIOD,
        baseline: t.baseline ? new Decimal(t.baseline) : null,
        milestone: new Decimal(t.milestone),
        target,
      });
      if (!t.perYear) continue;
      YEARS.forEach((year, i) => {
        // Whole persons per year, rounded down; the last year takes the remainder so the years add up to the target.
        const share = i < YEARS.length - 1 ? target.times(YEAR_SHARES[i]).dividedBy(100).floor() : null;
        const value =
          share ??
          target.minus(YEAR_SHARES.slice(0, -1).reduce((acc, s) => acc.plus(target.times(s).dividedBy(100).floor()), new Decimal(0)));
        em.create(IndicatorTarget, { project, indicator, year, milestone: null, target: value });
      });
    }
    for (const year of YEARS) {
      em.create(ReportingPeriod, { project, label: `Berichtsjahr ${year}`, periodFrom: `${year}-01-01`, periodTo: `${year}-12-31` });
    }
    // Approved manual reports for the first years (entered by finance, approved by the grantor).
    const finance = await em.findOne(AppUser, { username: 'finance' });
    const grantor = await em.findOne(AppUser, { username: 'grantor' });
    if (finance && grantor) {
      const approved = (code: string, year: number, value: string, extra: Partial<IndicatorUpdate> = {}) =>
        em.create(IndicatorUpdate, {
          project,
          indicator: byCode.get(code)!,
          periodFrom: `${year}-01-01`,
          periodTo: `${year}-12-31`,
          value: new Decimal(value),
          status: IndicatorUpdateStatus.APPROVED,
          createdBy: finance.id,
          submittedBy: finance.id,
          submittedAt: new Date(`${year + 1}-02-15T10:00:00Z`),
          decidedBy: grantor.id,
          decidedAt: new Date(`${year + 1}-03-01T10:00:00Z`),
          ...extra,
        });
      approved('PS06', 2022, '9');
      approved('PS06', 2023, '14');
      approved('PS07', 2023, '76.47', { numerator: 65, denominator: 85 });
      approved('PS08', 2023, '18500.00');
    }
    await em.flush();
  }
}
