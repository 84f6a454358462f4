import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { FundingSourceKind } from '../budget/budget.enums.js';
import { fiscalYearOf, todayUtc } from '../common/dates/local-date.js';
import { EntryKind } from '../expenditures/expenditures.enums.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { Project } from '../programs/entities/project.entity.js';
import { MONEY_READERS, MONEY_WRITERS } from '../tranches/money-access.js';
import { planLines, planSourceAmount } from '../budget/plan-in-force.js';
import { IncomeFieldsInput, RecordIncomeInput, ReverseIncomeInput } from './dto/income.inputs.js';
import { Income } from './entities/income.entity.js';
import { DEFAULT_TYPE, IncomeType, SOURCE_OF_TYPE } from './income.enums.js';
import { IncomeErrors } from './income.errors.js';
import { incomeAuditFields, toIncomeModel } from './income.mapper.js';
import { IncomeReads } from './income-reads.js';
import { IncomeTotals } from './income-totals.js';
import type { IncomeModel } from './models/income.model.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/** A checked income: its fiscal year, type and the code of the cost category it co-finances. */
interface CheckedIncome {
  fiscalYear: number;
  type: IncomeType;
  costCategoryCode: string | null;
}

/**
 * The income ledger (Einnahmen): append-only bookings and reversals of own funds, third-party
 * funds, project income and interest income, with the receipt ledger's guarantees: idempotency
 * keys, maintained totals (income_total) in the same transaction, one audit change per row.
 */
@Injectable()
export class IncomeService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly idempotency: IdempotencyService,
    private readonly totals: IncomeTotals,
    private readonly reads: IncomeReads,
  ) {}

  async record(user: AuthUser, input: RecordIncomeInput): Promise<IncomeModel> {
    let booked: IncomeModel | undefined;
    const id = await joinTransaction(this.em, async (em) => {
      booked = undefined;
      const project = await this.access.requireProjectTerms(em, user, input.projectId, MONEY_WRITERS);
      const checked = await this.checkIncome(em, project, input.income, 'income');
      const { idempotencyKey, ...request } = input;
      const result = await this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'recordIncome', input: request },
        async () => {
          const income = await this.book(em, user, project, input.income, checked);
          booked = toIncomeModel(income, null, checked.costCategoryCode);
          return { id: income.id };
        },
      );
      return result.id;
    });
    return booked ?? this.reads.byId(user, id);
  }

  /** Storno: a reversal row pointing at the booking, with a reason; with `replacement`, the corrected booking too. */
  async reverse(user: AuthUser, input: ReverseIncomeInput) {
    const ids = await joinTransaction(this.em, async (em) => {
      const visible = await em.findOne(
        Income,
        { $and: [{ id: input.incomeId }, this.access.ownedWhere(user, MONEY_READERS)] },
        { fields: ['id', 'project'] },
      );
      if (!visible) throw IncomeErrors.notFound(input.incomeId);
      // A replacement is checked against the approval period, which must then hold until commit.
      const project = await this.access.requireProjectTerms(em, user, visible.project.id, MONEY_WRITERS);
      const checked = input.replacement ? await this.checkIncome(em, project, input.replacement, 'replacement') : null;
      const { idempotencyKey, ...request } = input;
      return this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'reverseIncome', input: request },
        async () => {
          const original = await em.findOneOrFail(Income, input.incomeId);
          if (original.kind !== EntryKind.BOOKING) throw IncomeErrors.notReversible('it is itself a reversal');
          if (await em.count(Income, { project, reversalOf: original.id })) throw IncomeErrors.notReversible('it is already reversed');
          const reversal = em.create(Income, {
            project,
            kind: EntryKind.REVERSAL,
            fundingSource: original.fundingSource,
            type: original.type,
            paymentDate: original.paymentDate,
            fiscalYear: original.fiscalYear,
            payer: original.payer,
            purpose: original.purpose,
            reference: original.reference ?? null,
            amount: original.amount.negated(),
            costCategory: original.costCategory?.id ?? null,
            reversalOf: original,
            reason: input.reason.trim(),
            recordedBy: user.id,
          });
          // Two reversals of one booking raced: the unique key on reversal_of_id lets one win.
          await flushUnique(em, () => IncomeErrors.notReversible('it is already reversed'));
          await this.totals.apply(em, {
            projectId: project.id,
            fiscalYear: original.fiscalYear,
            fundingSource: original.fundingSource,
            received: reversal.amount,
          });
          this.audit.record({ entity: 'Income', id: reversal.id, projectId: project.id, before: null, after: incomeAuditFields(reversal) });
          const replacement = input.replacement && checked ? (await this.book(em, user, project, input.replacement, checked)).id : '';
          return { reversal: reversal.id, replacement };
        },
      );
    });
    return {
      reversal: await this.reads.byId(user, ids.reversal),
      replacement: ids.replacement ? await this.reads.byId(user, ids.replacement) : null,
    };
  }

  /**
   * The rules of one income, checked before anything is written: payment date inside the
   * approval period, amount > 0 (a correction is a reversal), never the federal grant, a type
   * that belongs to the source, a source the plan in force has for that year, and an earmarked
   * cost category with a line in that year.
   */
  private async checkIncome(em: EntityManager, project: Project, income: IncomeFieldsInput, prefix: string): Promise<CheckedIncome> {
    if (income.paymentDate < project.approvalStart || income.paymentDate > project.approvalEnd) {
      throw IncomeErrors.paymentOutsidePeriod(`${prefix}.paymentDate`, project.approvalStart, project.approvalEnd);
    }
    if (income.amount.lte(0)) throw IncomeErrors.amountNotPositive(`${prefix}.amount`);
    if (income.fundingSource === FundingSourceKind.FEDERAL_GRANT) throw IncomeErrors.grantIsNotIncome(`${prefix}.fundingSource`);
    const type = income.type ?? DEFAULT_TYPE[income.fundingSource]!;
    if (SOURCE_OF_TYPE[type] !== income.fundingSource) throw IncomeErrors.typeDoesNotFit(`${prefix}.type`, type, income.fundingSource);
    const fiscalYear = fiscalYearOf(income.paymentDate);
    if (!(await planSourceAmount(em, project.id, fiscalYear, income.fundingSource, todayUtc())))
      throw IncomeErrors.sourceNotInPlan(`${prefix}.fundingSource`, income.fundingSource, fiscalYear);
    let costCategoryCode: string | null = null;
    if (income.costCategoryId) {
      const line = (await planLines(em, project.id, fiscalYear, todayUtc())).find((l) => l.costCategoryId === income.costCategoryId);
      if (!line) throw IncomeErrors.categoryNotInPlan(`${prefix}.costCategoryId`, fiscalYear);
      costCategoryCode = line.code;
    }
    return { fiscalYear, type, costCategoryCode };
  }

  private async book(
    em: EntityManager,
    user: AuthUser,
    project: Project,
    fields: IncomeFieldsInput,
    checked: CheckedIncome,
  ): Promise<Income> {
    const income = em.create(Income, {
      project,
      kind: EntryKind.BOOKING,
      fundingSource: fields.fundingSource,
      type: checked.type,
      paymentDate: fields.paymentDate,
      fiscalYear: checked.fiscalYear,
      payer: fields.payer.trim(),
      purpose: fields.purpose.trim(),
      reference: fields.reference?.trim() || null,
      amount: fields.amount,
      costCategory: fields.costCategoryId ?? null,
      recordedBy: user.id,
    });
    await em.flush();
    await this.totals.apply(em, {
      projectId: project.id,
      fiscalYear: checked.fiscalYear,
      fundingSource: fields.fundingSource,
      received: fields.amount,
    });
    this.audit.record({ entity: 'Income', id: income.id, projectId: project.id, before: null, after: incomeAuditFields(income) });
    return income;
  }
}
