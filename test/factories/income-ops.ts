import { randomUUID } from 'node:crypto';

/** GraphQL documents and helpers for the income ledger. */
export const INCOME_FIELDS = `id projectId kind fundingSource type paymentDate fiscalYear payer purpose reference amount costCategoryId costCategoryCode
  reversalOfId reversedById reason`;

export const RECORD_INCOME = `mutation($input: RecordIncomeInput!) { recordIncome(input: $input) { ${INCOME_FIELDS} } }`;
export const REVERSE_INCOME = `mutation($input: ReverseIncomeInput!) { reverseIncome(input: $input) { reversal { ${INCOME_FIELDS} } replacement { ${INCOME_FIELDS} } } }`;
export const INCOMES = `query($projectId: ID!, $first: Int, $after: String, $fiscalYear: Int, $fundingSource: FundingSourceKind, $type: IncomeType, $kind: EntryKind) {
  incomes(projectId: $projectId, first: $first, after: $after, fiscalYear: $fiscalYear, fundingSource: $fundingSource, type: $type, kind: $kind) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${INCOME_FIELDS} } } }`;
export const INCOME_TOTALS_CHECK = `query($projectId: ID!) { incomeTotalsCheck(projectId: $projectId) { consistent differences { fiscalYear fundingSource maintained recomputed } } }`;
export const FUNDING = `query($projectId: ID!, $asOf: LocalDate) { budgetOverview(projectId: $projectId, asOf: $asOf) {
  funding { years { fiscalYear sources { kind planned actual deviation deviationPercent } } sources { kind planned actual deviation deviationPercent } } } }`;

export function incomeFields(overrides: Record<string, unknown> = {}) {
  return {
    paymentDate: '2024-03-15',
    payer: 'Stiftung Muster',
    purpose: 'Eigenanteil des Partners',
    amount: '500.00',
    fundingSource: 'OWN_FUNDS',
    ...overrides,
  };
}

export const incomeKey = () => randomUUID();
