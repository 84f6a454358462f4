/**
 * A receipt that counts (docs/domain.md#a-receipt-that-counts), the ledger's one statement of it:
 * every ledger row — booking or reversal — counts towards spending, except one whose state is
 * REJECTED. Spent totals, tranche use, proofs and settlements all filter with this condition.
 *
 * SQL condition on an `expenditure` row aliased `receipt`. `project` is the SQL of its project id
 * (a placeholder or literal lets PostgreSQL use the state index when it streams off an index; the
 * COPY stream passes literals). It is an anti-join against the few REJECTED states: every receipt
 * gets its state row in its booking transaction.
 */
export function countsSql(receipt = 'e', project = `${receipt}.project_id`): string {
  return `not exists (select 1 from expenditure_state rejected where rejected.project_id = ${project} and rejected.status = 'REJECTED' and rejected.expenditure_id = ${receipt}.id)`;
}
