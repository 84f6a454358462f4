import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { FundingSourceKind } from '../../budget/budget.enums.js';
import { fiscalYearOf, type LocalDate } from '../../common/dates/local-date.js';
import { EntryKind } from '../../expenditures/expenditures.enums.js';
import { Income } from '../../income/entities/income.entity.js';
import { IncomeType } from '../../income/income.enums.js';
import { IncomeTotals } from '../../income/income-totals.js';
import { Project } from '../../programs/entities/project.entity.js';
import { DEMO_PROJECT } from './demo-data.js';

interface DemoIncome {
  paymentDate: LocalDate;
  fundingSource: FundingSourceKind;
  type: IncomeType;
  payer: string;
  purpose: string;
  reference: string;
  amount: string;
  /** The cost category the money co-finances. */
  costCategory?: string;
  /** Booked wrong first, then reversed with this reason and booked again with `amount`. */
  correctedFrom?: { amount: string; reason: string };
}

const PARTNER = 'Diakonie Wuppertal – Kooperationspartner Coaching';

/**
 * Income of the Wuppertal demo: the coaching partner's own share of the fees it is paid from B1
 * (third-party funds from the grantee's side: the partner is not the grantee), one of them
 * corrected by reversal, and interest credited on the project account while the last tranche of
 * 2026 lay unused. The plan foresaw none of it (0.00), so under full financing it reduces the
 * grant in full: the final proof's settlement shows an overpayment to be repaid.
 */
export const DEMO_INCOME: DemoIncome[] = [
  {
    paymentDate: '2024-12-16',
    fundingSource: FundingSourceKind.THIRD_PARTY_FUNDS,
    type: IncomeType.THIRD_PARTY_FUNDS,
    payer: PARTNER,
    purpose: 'Eigenanteil des Kooperationspartners an den Coaching-Honoraren 2024 (Position B1), lt. Kooperationsvertrag 5 %',
    reference: 'KV-2022-07/2024',
    amount: '14500.00',
    costCategory: 'B1',
  },
  {
    paymentDate: '2025-12-15',
    fundingSource: FundingSourceKind.THIRD_PARTY_FUNDS,
    type: IncomeType.THIRD_PARTY_FUNDS,
    payer: PARTNER,
    purpose: 'Eigenanteil des Kooperationspartners an den Coaching-Honoraren 2025 (Position B1), lt. Kooperationsvertrag 5 %',
    reference: 'KV-2022-07/2025',
    amount: '15200.00',
    costCategory: 'B1',
    correctedFrom: { amount: '15800.00', reason: 'Betrag falsch übernommen: lt. Abrechnung des Partners 15.200,00 EUR' },
  },
  {
    paymentDate: '2026-09-30',
    fundingSource: FundingSourceKind.INCOME,
    type: IncomeType.INTEREST_INCOME,
    payer: 'Stadtsparkasse Wuppertal',
    purpose: 'Habenzinsen Projektkonto 3. Quartal 2026 auf noch nicht verwendete Mittel der letzten Tranche 2026',
    reference: 'Kontoauszug 09/2026',
    amount: '41.37',
  },
];

/** Books the demo income as the income ledger would (bookings, a reversal, maintained totals). */
export class IncomeSeeder extends Seeder {
  async run(coreEm: EntityManager): Promise<void> {
    const em = coreEm as unknown as SqlEntityManager;
    const project = await em.findOneOrFail(Project, { fileNumber: DEMO_PROJECT.fileNumber });
    const finance = await em.findOneOrFail(AppUser, { username: 'finance' });
    const categories = new Map(
      (
        await em.execute<{ id: string; code: string }[]>('select id, code from cost_category where program_id = ?', [project.program.id])
      ).map((c) => [c.code, c.id]),
    );
    const totals = new IncomeTotals();
    const book = async (income: DemoIncome, amount: string, extra: { kind?: EntryKind; reversalOf?: string; reason?: string } = {}) => {
      const row = em.create(Income, {
        project,
        kind: EntryKind.BOOKING,
        fundingSource: income.fundingSource,
        type: income.type,
        paymentDate: income.paymentDate,
        fiscalYear: fiscalYearOf(income.paymentDate),
        payer: income.payer,
        purpose: income.purpose,
        reference: income.reference,
        amount: new Decimal(amount),
        costCategory: income.costCategory ? categories.get(income.costCategory)! : null,
        recordedBy: finance,
        ...extra,
      });
      await em.flush();
      await totals.apply(em, { projectId: project.id, fiscalYear: row.fiscalYear, fundingSource: row.fundingSource, received: row.amount });
      return row;
    };
    for (const income of DEMO_INCOME) {
      if (income.correctedFrom) {
        const wrong = await book(income, income.correctedFrom.amount);
        await book(income, `-${income.correctedFrom.amount}`, {
          kind: EntryKind.REVERSAL,
          reversalOf: wrong.id,
          reason: income.correctedFrom.reason,
        });
      }
      await book(income, income.amount);
    }
  }
}
