import { proofsOwed } from './due-dates.js';
import { ProofKind } from './proof.enums.js';

describe('proof due dates', () => {
  const rules = { interimProofDueMonth: 4, interimProofDueDay: 30, finalProofDueMonths: 6 };

  it("owes an interim proof per fiscal year but the last, due on the programme's day of the next year, and the final proof months after the end", () => {
    const owed = proofsOwed('2022-07-01', '2024-09-30', rules);
    expect(owed).toEqual([
      { kind: ProofKind.INTERIM, fiscalYear: 2022, periodFrom: '2022-07-01', periodTo: '2022-12-31', dueDate: '2023-04-30' },
      { kind: ProofKind.INTERIM, fiscalYear: 2023, periodFrom: '2023-01-01', periodTo: '2023-12-31', dueDate: '2024-04-30' },
      { kind: ProofKind.FINAL, fiscalYear: null, periodFrom: '2022-07-01', periodTo: '2024-09-30', dueDate: '2025-03-30' },
    ]);
  });

  it('follows other programme rules and needs no interim proof for a one-year project', () => {
    expect(proofsOwed('2023-01-01', '2023-12-31', { interimProofDueMonth: 6, interimProofDueDay: 1, finalProofDueMonths: 2 })).toEqual([
      { kind: ProofKind.FINAL, fiscalYear: null, periodFrom: '2023-01-01', periodTo: '2023-12-31', dueDate: '2024-02-29' },
    ]);
  });
});
