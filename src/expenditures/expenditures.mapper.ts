import { type Expenditure } from './entities/expenditure.entity.js';
import { ExpenditureStatus } from './expenditures.enums.js';
import { type ExpenditureModel } from './models/expenditure.model.js';

/** Ledger row → GraphQL model; state and cost category loaded, or given (a row just booked). */
export function toExpenditureModel(
  e: Expenditure,
  reversedById: string | null,
  known?: { code: string; status: ExpenditureStatus },
): ExpenditureModel {
  return {
    id: e.id,
    projectId: e.project.id,
    kind: e.kind,
    receiptNumber: e.receiptNumber,
    revision: e.revision,
    invoiceDate: e.invoiceDate,
    paymentDate: e.paymentDate,
    fiscalYear: e.fiscalYear,
    payee: e.payee,
    purpose: e.purpose,
    costCategoryId: e.costCategory.id,
    costCategoryCode: known?.code ?? e.costCategory.getEntity().code,
    grossAmount: e.grossAmount,
    ineligibleAmount: e.ineligibleAmount,
    ineligibleReason: e.ineligibleReason ?? null,
    eligibleAmount: e.eligibleAmount,
    measureId: e.measureId ?? null,
    reversalOfId: e.reversalOf?.id ?? null,
    reversedById,
    reason: e.reason ?? null,
    status: known?.status ?? e.state?.status ?? ExpenditureStatus.RECORDED,
    statusComment: known ? null : (e.state?.comment ?? null),
    recordedById: e.recordedBy.id,
    provenance: e.provenance ?? null,
    createdAt: e.createdAt,
  };
}

/** The fields an audit event shows for a ledger row. */
export function expenditureAuditFields(e: Expenditure, status: ExpenditureStatus): Record<string, unknown> {
  return {
    kind: e.kind,
    receiptNumber: e.receiptNumber,
    revision: e.revision,
    invoiceDate: e.invoiceDate,
    paymentDate: e.paymentDate,
    payee: e.payee,
    purpose: e.purpose,
    costCategoryId: e.costCategory.id,
    grossAmount: e.grossAmount.toFixed(2),
    ineligibleAmount: e.ineligibleAmount.toFixed(2),
    ineligibleReason: e.ineligibleReason ?? null,
    eligibleAmount: e.eligibleAmount.toFixed(2),
    measureId: e.measureId ?? null,
    reversalOfId: e.reversalOf?.id ?? null,
    reason: e.reason ?? null,
    status,
  };
}
