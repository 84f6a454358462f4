import { Decimal } from 'decimal.js';

import { NarrativeSectionKind } from '../../src/narrative/narrative.enums.js';
import { FundingSourceKind } from '../../src/budget/budget.enums.js';
import type { ProofData, ReceiptRow } from '../../src/reporting/proof-data.js';
import { ProofKind } from '../../src/reporting/proof.enums.js';

const d = (v: string) => new Decimal(v);

function receipt(receiptNumber: string, categoryCode: string, paymentDate: string, gross: string, ineligible = '0.00'): ReceiptRow {
  return {
    receiptNumber,
    categoryCode,
    categoryName: categoryCode === 'A' ? 'Personalausgaben' : 'Teilnehmendenkosten',
    paymentDate,
    invoiceDate: paymentDate,
    payee: 'Müller; Söhne GmbH',
    purpose: 'Coaching',
    gross: d(gross),
    ineligible: d(ineligible),
    eligible: d(gross).minus(ineligible),
    remark: null,
  };
}

/**
 * A small, hand-checked proof with every section loaded, for the unit tests of the pure layout and
 * rendering code (src/reporting/**\/*.spec.ts). As of 1 March 2024, so 2025 has no actual yet.
 */
export function sampleProof(): ProofData {
  return {
    header: {
      projectId: '00000000-0000-4000-8000-000000000001',
      fileNumber: 'MP-1',
      title: 'Modellprojekt',
      grantee: 'Jobcenter Musterstadt',
      programName: 'Programm',
      kind: ProofKind.INTERIM,
      fiscalYear: 2023,
      periodFrom: '2023-01-01',
      periodTo: '2023-12-31',
      asOf: '2024-03-01',
      fundingRate: d('90'),
      lineOverrunPercent: d('20'),
      approvedTotal: d('1000000.00'),
      decisions: [
        {
          number: 0,
          referenceNumber: 'ZB-2022-17',
          referenceDate: '2022-01-10',
          effectiveDate: '2022-01-01',
          reason: 'Zuwendungsbescheid',
        },
        {
          number: 1,
          referenceNumber: 'ÄB-2023-03',
          referenceDate: '2023-05-02',
          effectiveDate: '2023-05-01',
          reason: 'Umschichtung B6 nach A',
        },
      ],
    },
    planVsActual: [
      {
        costCategoryId: 'a',
        code: 'A',
        name: 'Personalausgaben',
        planned: d('1000.00'),
        actual: d('1250.10'),
        deviation: d('250.10'),
        deviationPercent: d('25.01'),
        overPercent: true,
        underPercent: false,
        needsRevision: true,
        explanation: 'Tarifsteigerung TVöD 2023',
      },
      {
        costCategoryId: 'b6',
        code: 'B6',
        name: 'Teilnehmendenkosten',
        planned: d('500.00'),
        actual: d('0.20'),
        deviation: d('-499.80'),
        deviationPercent: d('-99.96'),
        overPercent: false,
        underPercent: true,
        needsRevision: false,
        explanation: null,
      },
    ],
    financing: [
      { kind: FundingSourceKind.FEDERAL_GRANT, planned: d('1350.00'), actual: d('1000.00'), deviation: d('-350.00') },
      // the eligible spending the grant did not cover: 1250.30 − 1000.00
      { kind: FundingSourceKind.OWN_FUNDS, planned: d('150.00'), actual: d('250.30'), deviation: d('100.30') },
    ],
    drawdowns: [
      {
        id: 't1',
        fiscalYear: 2023,
        number: 1,
        kind: 'TRANCHE',
        date: '2023-02-01',
        amount: d('1000.00'),
        used: d('1000.00'),
        usedForEarlier: d('0.00'),
        usedForLater: d('0.00'),
        repaid: d('0.00'),
        balance: d('0.00'),
        interestOwed: d('0.00'),
      },
    ],
    result: {
      eligibleSpending: d('1250.30'),
      grantShare: d('1125.27'),
      received: d('1000.00'),
      overpayment: d('-125.27'),
      interestOwed: d('0.00'),
      // 0 + 0 + 0 + 0 − (1250.30 − 1000.00) + (1250.30 − 1125.27) = −125.27
      reconciliation: {
        balance: d('0.00'),
        repaid: d('0.00'),
        usedForEarlier: d('0.00'),
        usedForLater: d('0.00'),
        coveredOtherwise: d('250.30'),
        ownShare: d('125.03'),
      },
    },
    receipts: [
      receipt('R-1', 'A', '2023-01-05', '1000.00'),
      receipt('R-2', 'A', '2023-02-05', '300.10', '50.00'),
      receipt('R-3', 'B6', '2023-03-01', '0.20'),
    ],
    indicators: [],
    participants: [
      { dimension: 'gender', value: 'FEMALE', count: 12 },
      { dimension: 'gender', value: 'DIVERSE', count: null },
    ],
    problems: [],
    chart: [
      { fiscalYear: 2022, planned: d('800.00'), actual: d('700.00') },
      { fiscalYear: 2023, planned: d('1500.00'), actual: d('1250.30') },
      { fiscalYear: 2024, planned: d('1500.00'), actual: d('0.00') },
      { fiscalYear: 2025, planned: d('700.00'), actual: null },
    ],
    settlement: null,
    narrative: {
      sections: [
        {
          section: NarrativeSectionKind.USE_AND_COURSE,
          heading: '1. Verwendung der Zuwendung und Verlauf des Vorhabens',
          costCategoryId: null,
          costCategoryCode: null,
          costCategoryName: null,
          version: 1,
          markdown: 'Das Jahr verlief **planmäßig**.',
          authorId: null,
          createdAt: null,
        },
        {
          section: NarrativeSectionKind.RESULTS,
          heading: '2. Erzielte Ergebnisse im Vergleich zu den Zielen',
          costCategoryId: null,
          costCategoryCode: null,
          costCategoryName: null,
          version: 0,
          markdown: '',
          authorId: null,
          createdAt: null,
        },
      ],
      deviationNotes: [],
    },
  };
}
