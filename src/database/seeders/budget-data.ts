/**
 * Budget demo data as plain values: the standard cost categories (docs/domain.md#grant-law-rules) and the
 * Wuppertal plan, 10,000,000.00 EUR over 2022–2027, with one amendment moving money between years.
 */
export const STANDARD_COST_CATEGORIES = [
  { code: 'A', name: 'Personalausgaben' },
  { code: 'B1', name: 'Honorare / Fremdleistungen' },
  { code: 'B2', name: 'Miete' },
  { code: 'B3', name: 'Reisekosten' },
  { code: 'B4', name: 'Öffentlichkeitsarbeit' },
  { code: 'B5', name: 'IT und Ausstattung' },
  { code: 'B6', name: 'Teilnehmendenkosten' },
  { code: 'B7', name: 'Evaluation' },
  { code: 'C', name: 'Investitionen' },
  { code: 'D', name: 'Weiterleitung an Partner' },
  { code: 'E', name: 'Verwaltungspauschale' },
] as const;

const YEARS = [2022, 2023, 2024, 2025, 2026, 2027] as const;

/** Original plan per category, one amount per year of YEARS; every year and the whole add up exactly. */
const ORIGINAL: Record<string, readonly string[]> = {
  A: ['620000.00', '960000.00', '1000000.00', '1000000.00', '1010000.00', '950000.00'],
  B1: ['180000.00', '300000.00', '320000.00', '320000.00', '310000.00', '280000.00'],
  B2: ['96000.00', '98000.00', '100000.00', '102000.00', '104000.00', '106000.00'],
  B3: ['13999.50', '18000.00', '20000.00', '20000.00', '20000.00', '18000.00'],
  B4: ['60000.50', '40000.00', '35000.00', '35000.00', '30000.00', '45000.00'],
  B5: ['150000.00', '60000.00', '45000.00', '43000.00', '41000.00', '25000.00'],
  B6: ['50000.00', '170000.00', '220000.00', '220000.00', '225000.00', '196000.00'],
  B7: ['30000.00', '54000.00', '60000.00', '60000.00', '60000.00', '80000.00'],
};
const ORIGINAL_INSTALMENTS = ['1200000.00', '1700000.00', '1800000.00', '1800000.00', '1800000.00', '1700000.00'];

/** Amendment 1: staff were hired later than planned, so 200,000.00 EUR move from 2023 to 2024. */
const REVISED: Record<string, readonly string[]> = {
  ...ORIGINAL,
  A: ['620000.00', '810000.00', '1120000.00', '1000000.00', '1010000.00', '950000.00'],
  B6: ['50000.00', '120000.00', '300000.00', '220000.00', '225000.00', '196000.00'],
};
const REVISED_INSTALMENTS = ['1200000.00', '1500000.00', '2000000.00', '1800000.00', '1800000.00', '1700000.00'];

function plan(lines: Record<string, readonly string[]>, instalments: readonly string[]) {
  return {
    lines: Object.entries(lines).flatMap(([costCategory, amounts]) =>
      YEARS.map((fiscalYear, i) => ({ costCategory, fiscalYear, planned: amounts[i] })),
    ),
    instalments: YEARS.map((fiscalYear, i) => ({ fiscalYear, amount: instalments[i] })),
    // Full financing: the federal grant is the only planned cover, year by year equal to the
    // instalment. The form lists third-party funds and income too, planned at 0.00, so the income
    // ledger can book what comes in anyway (a partner's own share, interest); the settlement then
    // reduces the grant by it (ANBest-P Nr. 2).
    fundingSources: YEARS.flatMap((fiscalYear, i) => [
      { kind: 'FEDERAL_GRANT' as const, fiscalYear, amount: instalments[i] },
      { kind: 'THIRD_PARTY_FUNDS' as const, fiscalYear, amount: '0.00' },
      { kind: 'INCOME' as const, fiscalYear, amount: '0.00' },
    ]),
  };
}

export const DEMO_BUDGET_REVISIONS = [
  {
    reason: 'Ursprünglicher Finanzierungsplan',
    referenceNumber: 'ZB MP-SGB2-2022-0042',
    referenceDate: '2021-12-15',
    effectiveDate: '2022-01-01',
    ...plan(ORIGINAL, ORIGINAL_INSTALMENTS),
  },
  {
    reason: 'Verschiebung von 200.000,00 EUR aus 2023 nach 2024: Personal später eingestellt, Teilnehmendenkosten folgen den Eintritten',
    referenceNumber: 'ÄB 1 MP-SGB2-2022-0042',
    referenceDate: '2023-06-20',
    effectiveDate: '2023-07-01',
    ...plan(REVISED, REVISED_INSTALMENTS),
  },
] as const;
