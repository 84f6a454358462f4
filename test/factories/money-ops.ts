import { randomUUID } from 'node:crypto';

import type { TestApp } from '../setup/test-app.js';
import { createFundedProject, type FundedProject, type FundedProjectSpec } from './funded-project.js';

/** GraphQL documents and small helpers for drawdown and ledger tests. */
export const DRAWDOWN_FIELDS = `id fiscalYear number kind status amount expectedPayoutDate neededUntil payoutDate reason requestedById
  lines { costCategoryId costCategoryCode amount }
  approval { decision decidedById comment }
  use { asOf used unused useDeadline overdueDays interestOwed }`;

export const EXPENDITURE_FIELDS = `id kind receiptNumber revision paymentDate fiscalYear payee costCategoryCode grossAmount ineligibleAmount eligibleAmount
  reversalOfId reversedById reason status`;

export const REQUEST = `mutation($input: RequestDrawdownInput!) { requestDrawdown(input: $input) { ${DRAWDOWN_FIELDS} } }`;
export const APPROVE = `mutation($input: DecideDrawdownInput!) { approveDrawdown(input: $input) { ${DRAWDOWN_FIELDS} } }`;
export const REJECT = `mutation($input: DecideDrawdownInput!) { rejectDrawdown(input: $input) { ${DRAWDOWN_FIELDS} } }`;
export const DISBURSE = `mutation($input: DisburseDrawdownInput!) { disburseDrawdown(input: $input) { ${DRAWDOWN_FIELDS} } }`;
export const REPAY = `mutation($input: RecordRepaymentInput!) { recordRepayment(input: $input) { ${DRAWDOWN_FIELDS} } }`;
export const DRAWDOWNS = `query($projectId: ID!, $asOf: LocalDate, $fiscalYear: Int) { drawdowns(projectId: $projectId, asOf: $asOf, fiscalYear: $fiscalYear) { ${DRAWDOWN_FIELDS} } }`;
export const ROOM = `query($projectId: ID!, $fiscalYear: Int!) { drawdownRoom(projectId: $projectId, fiscalYear: $fiscalYear) {
  fiscalYear instalment requested approved disbursed available categories { costCategoryCode planned claimed available } } }`;
export const RECORD = `mutation($input: RecordExpenditureInput!) { recordExpenditure(input: $input) { ${EXPENDITURE_FIELDS} } }`;
export const REVERSE = `mutation($input: ReverseExpenditureInput!) { reverseExpenditure(input: $input) { reversal { ${EXPENDITURE_FIELDS} } replacement { ${EXPENDITURE_FIELDS} } } }`;
export const SET_STATUS = `mutation($input: SetExpenditureStatusInput!) { setExpenditureStatus(input: $input) { ${EXPENDITURE_FIELDS} } }`;
export const LEDGER = `query($projectId: ID!, $first: Int, $after: String, $fiscalYear: Int, $costCategoryId: ID, $status: ExpenditureStatus, $payee: String,
  $paidFrom: LocalDate, $paidTo: LocalDate, $minAmount: Decimal, $maxAmount: Decimal, $kind: EntryKind) {
  expenditures(projectId: $projectId, first: $first, after: $after, fiscalYear: $fiscalYear, costCategoryId: $costCategoryId, status: $status, payee: $payee,
    paidFrom: $paidFrom, paidTo: $paidTo, minAmount: $minAmount, maxAmount: $maxAmount, kind: $kind) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${EXPENDITURE_FIELDS} } } }`;
export const TOTALS_CHECK = `query($projectId: ID!) { budgetTotalsCheck(projectId: $projectId) { differences { fiscalYear field maintained recomputed } } }`;

export const key = () => randomUUID();

export function receipt(categoryId: string, overrides: Record<string, unknown> = {}) {
  return {
    receiptNumber: `R-${randomUUID().slice(0, 12)}`,
    // Not after the payment date (refused without invoiceDateNote).
    invoiceDate: typeof overrides.paymentDate === 'string' && overrides.paymentDate < '2024-02-01' ? overrides.paymentDate : '2024-02-01',
    paymentDate: '2024-02-10',
    payee: 'Muster GmbH',
    purpose: 'Coaching session',
    costCategoryId: categoryId,
    grossAmount: '119.00',
    ineligibleAmount: '0.00',
    eligibleAmount: '119.00',
    ...overrides,
  };
}

/** Requests, approves (by `approver`) and disburses a tranche; returns its id. */
export async function paidTranche(
  t: TestApp,
  who: { finance: string; approver: string },
  projectId: string,
  lines: { costCategoryId: string; amount: string }[],
  payoutDate: string,
) {
  const requested = await t.gqlAs(who.finance, REQUEST, {
    input: { idempotencyKey: key(), projectId, expectedPayoutDate: payoutDate, neededUntil: payoutDate, lines },
  });
  if (!requested.data) throw new Error(JSON.stringify(requested.errors));
  const id = requested.data.requestDrawdown.id as string;
  const approved = await t.gqlAs(who.approver, APPROVE, { input: { drawdownId: id, comment: 'ok' } });
  if (!approved.data) throw new Error(JSON.stringify(approved.errors));
  const amount = requested.data.requestDrawdown.amount as string;
  const paid = await t.gqlAs(who.finance, DISBURSE, { input: { idempotencyKey: key(), drawdownId: id, payoutDate, amount } });
  if (!paid.data) throw new Error(JSON.stringify(paid.errors));
  return id;
}

/**
 * A funded project (createFundedProject's `plan`) whose finance user drew 60,000.00 in category A
 * on 1 Feb 2022 and booked one receipt of 40,000.00 paid on 5 Mar 2022: the smallest ledger a
 * proof of 2022 can be submitted for. Returns the project and the receipt's id.
 */
export async function projectWithOneReceipt(t: TestApp, plan: FundedProjectSpec['plan']): Promise<{ p: FundedProject; receiptId: string }> {
  const p = await createFundedProject(t.orm, { plan });
  await paidTranche(
    t,
    { finance: p.finance, approver: p.finance2 },
    p.projectId,
    [{ costCategoryId: p.category.A, amount: '60000.00' }],
    '2022-02-01',
  );
  const booked = await t.gqlAs(p.finance, RECORD, {
    input: {
      idempotencyKey: key(),
      projectId: p.projectId,
      receipt: receipt(p.category.A, {
        invoiceDate: '2022-03-01',
        paymentDate: '2022-03-05',
        grossAmount: '40000.00',
        eligibleAmount: '40000.00',
      }),
    },
  });
  if (booked.errors) throw new Error(`booking the receipt failed: ${JSON.stringify(booked.errors)}`);
  return { p, receiptId: booked.data!.recordExpenditure.id as string };
}
