/**
 * The demo: the Jobcenter Wuppertal model project (shared/seed/article-wuppertal-jobcenter.txt),
 * 10 million euro over six years for women who live alone and receive SGB II benefits.
 * Plain data; the seeder turns it into rows.
 */
export const DEMO_PROGRAM = {
  code: 'MODELL-SGB2-FRAUEN',
  name: 'Modellprojekte zur Arbeitsmarktintegration alleinlebender Frauen im SGB II',
  legalBasis: 'Förderrichtlinie Modellprojekte SGB II des BMAS; §§ 23, 44 BHO; ANBest-P',
  grantor: 'Bundesministerium für Arbeit und Soziales (BMAS), vertreten durch die Fachstelle Modellprojekte',
  rules: {
    drawdownHorizonDays: 42,
    lineOverrunPercent: '20.00',
    interimProofDueMonth: 4,
    interimProofDueDay: 30,
    finalProofDueMonths: 6,
    allowedFinancingTypes: ['FULL', 'SHARE'],
  },
} as const;

export const DEMO_PROJECT = {
  fileNumber: 'MP-SGB2-2022-0042',
  title: 'Neustart Wuppertal: alleinlebende Frauen zurück in Arbeit, junge Menschen in Ausbildung',
  grantee: 'Jobcenter Wuppertal AöR',
  approvalStart: '2022-01-01',
  approvalEnd: '2027-12-31',
  approvedTotal: '10000000.00',
  financingType: 'FULL',
  fundingRate: '100.00',
  status: 'RUNNING',
} as const;
