import type { Income } from './entities/income.entity.js';
import type { IncomeModel } from './models/income.model.js';

/** Ledger row → GraphQL model; the cost category loaded, or its code given (a row just booked). */
export function toIncomeModel(i: Income, reversedById: string | null, knownCode?: string | null): IncomeModel {
  return {
    id: i.id,
    projectId: i.project.id,
    kind: i.kind,
    fundingSource: i.fundingSource,
    type: i.type,
    paymentDate: i.paymentDate,
    fiscalYear: i.fiscalYear,
    payer: i.payer,
    purpose: i.purpose,
    reference: i.reference ?? null,
    amount: i.amount,
    costCategoryId: i.costCategory?.id ?? null,
    costCategoryCode: knownCode !== undefined ? knownCode : (i.costCategory?.getEntity().code ?? null),
    reversalOfId: i.reversalOf?.id ?? null,
    reversedById,
    reason: i.reason ?? null,
    recordedById: i.recordedBy.id,
    createdAt: i.createdAt,
  };
}

/** The fields an audit event shows for an income row. */
export function incomeAuditFields(i: Income): Record<string, unknown> {
  return {
    kind: i.kind,
    fundingSource: i.fundingSource,
    type: i.type,
    paymentDate: i.paymentDate,
    payer: i.payer,
    purpose: i.purpose,
    reference: i.reference ?? null,
    amount: i.amount.toFixed(2),
    costCategoryId: i.costCategory?.id ?? null,
    reversalOfId: i.reversalOf?.id ?? null,
    reason: i.reason ?? null,
  };
}
