import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import { ZERO } from '../../common/money/money.js';
import { CalendarDate, type CellValue, germanDay, Quantity } from '../formats/cell-values.js';
import { germanLabel } from './german-labels.js';
import type { SheetSpec } from '../formats/xlsx.js';
import { loaded, type ProofData, type ProofHeader, statisticsUpTo } from '../proof-data.js';
import { ProofKind, ProofPart } from '../proof.enums.js';
import { RECEIPT_HEADER, receiptListRows } from './receipt-list.js';

/** One part of a proof: a sheet of the XLSX and a CSV file of its own. */
export interface PartLayout extends SheetSpec {
  part: ProofPart;
  /** File-name suffix of the part's CSV, e.g. "belegliste". */
  slug: string;
}

const FINANCING_LABELS: Record<FundingSourceKind, string> = {
  [FundingSourceKind.FEDERAL_GRANT]: 'Zuwendung',
  [FundingSourceKind.OWN_FUNDS]: 'Eigenmittel',
  [FundingSourceKind.THIRD_PARTY_FUNDS]: 'Drittmittel',
  [FundingSourceKind.INCOME]: 'sonstige Einnahmen',
};

/** How each actual of the Finanzierung is proven (the rule: numerical-proof.ts, financingRows). */
const FINANCING_BASIS: Record<FundingSourceKind, string> = {
  [FundingSourceKind.FEDERAL_GRANT]: 'ausgezahlte Mittelabrufe abzüglich Rückzahlungen und Rückforderungen bis zum Stichtag',
  [FundingSourceKind.OWN_FUNDS]:
    'gebuchte Eigenmittel, mindestens die zuwendungsfähigen Ausgaben, soweit nicht durch Zuwendung, Drittmittel oder Einnahmen gedeckt',
  [FundingSourceKind.THIRD_PARTY_FUNDS]: 'Zahlungseingänge Dritter lt. Einnahmebuchungen bis zum Stichtag (Stornos verrechnet)',
  [FundingSourceKind.INCOME]: 'Projekteinnahmen und Zinserträge lt. Einnahmebuchungen bis zum Stichtag (Stornos verrechnet)',
};

/** Every part in the order of the XLSX sheets, with the suffix of its CSV file. */
export const PART_SLUGS: Record<ProofPart, string> = {
  [ProofPart.COVER]: 'deckblatt',
  [ProofPart.PLAN_VS_ACTUAL]: 'soll-ist-vergleich',
  [ProofPart.FINANCING]: 'finanzierung',
  [ProofPart.DRAWDOWNS]: 'mittelabrufe',
  [ProofPart.RESULT]: 'ergebnis',
  [ProofPart.RECEIPTS]: 'belegliste',
  [ProofPart.INDICATORS]: 'indikatorenbericht',
  [ProofPart.PARTICIPANTS]: 'teilnehmende',
  [ProofPart.PREFLIGHT]: 'vorpruefung',
  [ProofPart.SETTLEMENT]: 'schlussabrechnung',
};

export const ALL_PARTS = Object.keys(PART_SLUGS) as ProofPart[];

/** The parts a proof of this kind has: the Schlussabrechnung belongs to the final proof only. */
export function partsFor(kind: ProofKind): ProofPart[] {
  return ALL_PARTS.filter((p) => p !== ProofPart.SETTLEMENT || kind === ProofKind.FINAL);
}

const GENDER_LABELS = { women: 'davon Frauen', men: 'davon Männer', diverse: 'davon divers' };

export function proofTitle(header: ProofHeader): string {
  return header.kind === ProofKind.INTERIM ? `Zwischennachweis ${header.fiscalYear}` : 'Verwendungsnachweis';
}

/** The base of every file name of a proof, e.g. "zwischennachweis-2023". */
export function proofFileStem(kind: ProofKind, fiscalYear: number | null): string {
  return kind === ProofKind.INTERIM ? `zwischennachweis-${fiscalYear}` : 'verwendungsnachweis';
}

/** Lines above every table: what, whose, which period, on which as-of date. */
export function titleLines(header: ProofHeader, part: string): string[] {
  return [
    `${proofTitle(header)} – ${part}`,
    `Aktenzeichen ${header.fileNumber} · ${header.grantee} · ${header.title}`,
    `Zeitraum ${germanDate(header.periodFrom)} bis ${germanDate(header.periodTo)} · Stand ${germanDate(header.asOf)}`,
  ];
}

export const germanDate = germanDay;

const LAYOUTS: Record<ProofPart, (data: ProofData) => PartLayout> = {
  [ProofPart.COVER]: coverPart,
  [ProofPart.PLAN_VS_ACTUAL]: planVsActualPart,
  [ProofPart.FINANCING]: financingPart,
  [ProofPart.DRAWDOWNS]: drawdownsPart,
  [ProofPart.RESULT]: resultPart,
  [ProofPart.RECEIPTS]: receiptsPart,
  [ProofPart.INDICATORS]: indicatorsPart,
  [ProofPart.PARTICIPANTS]: participantsPart,
  [ProofPart.PREFLIGHT]: preflightPart,
  [ProofPart.SETTLEMENT]: settlementPart,
};

/**
 * The parts of the proof asked for (all by default), laid out with the German headings of
 * docs/domain.md#report-layouts, always in the order of ALL_PARTS. Only their sections of the data are read.
 */
export function proofParts(data: ProofData, parts: readonly ProofPart[] = ALL_PARTS): PartLayout[] {
  return ALL_PARTS.filter((p) => parts.includes(p)).map((p) => LAYOUTS[p](data));
}

/** A percentage as shown in every table: always two decimals ("-7,50"). */
const percentCell = (value: Decimal | null) => value && new Quantity(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 2);

function planVsActualPart(data: ProofData): PartLayout {
  const { header } = data;
  const planVsActual = loaded(data, 'planVsActual');
  const planned = sum(planVsActual.map((r) => r.planned));
  const actual = sum(planVsActual.map((r) => r.actual));
  const limit = header.lineOverrunPercent.toFixed();
  const rows: CellValue[][] = planVsActual.map((r) => [
    r.code,
    r.name,
    r.planned,
    r.actual,
    r.deviation,
    percentCell(r.deviationPercent),
    r.overPercent ? 'Überschreitung' : r.underPercent ? 'Unterschreitung' : 'nein',
    r.explanation ?? (r.overPercent || r.underPercent ? 'Erläuterung fehlt' : null),
  ]);
  rows.push(['Summe', null, planned, actual, actual.minus(planned), null, null, null]);
  return {
    part: ProofPart.PLAN_VS_ACTUAL,
    slug: PART_SLUGS[ProofPart.PLAN_VS_ACTUAL],
    name: 'Soll-Ist-Vergleich',
    title: titleLines(header, 'Zahlenmäßiger Nachweis – Soll-Ist-Vergleich'),
    header: [
      'Position',
      'Bezeichnung',
      'Soll lt. Finanzierungsplan EUR',
      'Ist EUR',
      'Abweichung EUR',
      'Abweichung %',
      `Abweichung über ${limit} %`,
      'Erläuterung der Abweichung',
    ],
    rows,
    boldRows: [rows.length - 1],
    columnWidths: [9, 30, 17, 17, 17, 12, 16, 40],
  };
}

function financingPart(data: ProofData): PartLayout {
  const { header } = data;
  const financing = loaded(data, 'financing');
  const percent = (planned: Decimal, deviation: Decimal) =>
    planned.isZero() ? null : percentCell(deviation.times(100).dividedBy(planned));
  const rows: CellValue[][] = financing.map((f) => [
    FINANCING_LABELS[f.kind],
    f.planned,
    f.actual,
    f.deviation,
    percent(f.planned, f.deviation),
    FINANCING_BASIS[f.kind],
  ]);
  const planned = sum(financing.map((f) => f.planned));
  const actual = sum(financing.map((f) => f.actual));
  rows.push(['Summe', planned, actual, actual.minus(planned), percent(planned, actual.minus(planned)), null]);
  return {
    part: ProofPart.FINANCING,
    slug: PART_SLUGS[ProofPart.FINANCING],
    name: 'Finanzierung',
    title: titleLines(header, 'Einnahmen (Finanzierung)'),
    header: ['Finanzierung', 'Soll lt. Finanzierungsplan EUR', 'Ist EUR', 'Abweichung EUR', 'Abweichung %', 'Nachweis des Ist'],
    rows,
    boldRows: [rows.length - 1],
    columnWidths: [24, 20, 18, 18, 14, 80],
  };
}

const DRAWDOWN_KINDS: Record<string, string> = { TRANCHE: 'Mittelabruf', RECLAIM: 'Rückforderung', REPAYMENT: 'Rückzahlung' };

function drawdownsPart(data: ProofData): PartLayout {
  const { header } = data;
  const drawdowns = loaded(data, 'drawdowns');
  const total = (pick: (d: (typeof drawdowns)[number]) => Decimal | null) => sum(drawdowns.map((d) => pick(d) ?? ZERO));
  const rows: CellValue[][] = drawdowns.map((d) => [
    new CalendarDate(d.date),
    `${d.fiscalYear}/${d.number}`,
    DRAWDOWN_KINDS[d.kind] ?? d.kind,
    d.amount,
    d.used,
    d.usedForEarlier,
    d.repaid,
    d.balance,
    d.interestOwed,
  ]);
  rows.push([
    'Summe',
    null,
    null,
    total((d) => d.amount),
    total((d) => d.used),
    total((d) => d.usedForEarlier),
    total((d) => d.repaid),
    total((d) => d.balance),
    total((d) => d.interestOwed),
  ]);
  return {
    part: ProofPart.DRAWDOWNS,
    slug: PART_SLUGS[ProofPart.DRAWDOWNS],
    name: 'Mittelabrufe',
    title: [
      ...titleLines(header, 'Mittelabrufe'),
      'Je Zeile: Betrag = verbraucht für Ausgaben + zurückgezahlt + Bestand. Ausgaben werden den Mittelabrufen in der Reihenfolge der Auszahlung zugeordnet (FIFO);',
      '„davon aus Vorjahren“ sind Ausgaben früherer Jahre, die erst aus diesen Mittelabrufen gedeckt wurden. Rückzahlungen mindern den Betrag und die Abrufe, die sie zurückführen.',
    ],
    header: [
      'Datum',
      'Abruf-Nr.',
      'Art',
      'Betrag EUR',
      'verbraucht für Ausgaben EUR',
      'davon aus Vorjahren EUR',
      'zurückgezahlt EUR',
      'Bestand EUR',
      'Zinsen EUR',
    ],
    rows,
    boldRows: [rows.length - 1],
    columnWidths: [12, 11, 14, 17, 19, 17, 17, 17, 13],
  };
}

function resultPart(data: ProofData): PartLayout {
  const { header } = data;
  const result = loaded(data, 'result');
  const over = result.overpayment;
  const r = result.reconciliation;
  return {
    part: ProofPart.RESULT,
    slug: PART_SLUGS[ProofPart.RESULT],
    name: 'Ergebnis',
    title: titleLines(header, 'Ergebnis'),
    header: ['Ergebnis', 'Betrag EUR'],
    rows: [
      ['zuwendungsfähige Ausgaben (Ist)', result.eligibleSpending],
      [`Zuwendung (Fördersatz ${header.fundingRate.toFixed()} %)`, result.grantShare],
      ['ausgezahlte Zuwendung (Summe Betrag, Tabelle Mittelabrufe)', result.received],
      [over.gte(0) ? 'Überzahlung' : 'Unterzahlung', over.abs()],
      ['Zinsen (§ 49a VwVfG)', result.interestOwed],
      ['Herleitung aus der Tabelle Mittelabrufe:', null],
      ['Bestand (Summe Spalte Bestand)', r.balance],
      ['zuzüglich: zurückgezahlt (Summe Spalte zurückgezahlt)', r.repaid],
      ['zuzüglich: davon aus Vorjahren (Ausgaben früherer Jahre aus diesen Mittelabrufen)', r.usedForEarlier],
      ['zuzüglich: Ausgaben nach dem Nachweiszeitraum aus diesen Mittelabrufen', r.usedForLater],
      [
        'abzüglich: Ausgaben des Zeitraums, nicht aus diesen Mittelabrufen gedeckt (Mittel der Vorjahre, vorfinanziert)',
        r.coveredOtherwise,
      ],
      ['zuzüglich: Eigenanteil (zuwendungsfähige Ausgaben − Zuwendung)', r.ownShare],
      ['ergibt: Überzahlung (+) / Unterzahlung (−)', over],
    ],
    boldRows: [3, 12],
    columnWidths: [70, 18],
  };
}

/**
 * Deckblatt, as on the official Verwendungsnachweis form: the grant decision and its amendments,
 * the result in brief, the standard confirmation, and lines for place, date and signature.
 */
function coverPart(data: ProofData): PartLayout {
  const { header } = data;
  const result = loaded(data, 'result');
  const [grant, ...amendments] = header.decisions;
  const rows: CellValue[][] = [
    ['Zuwendungsempfänger', header.grantee],
    ['Projekt', header.title],
    ['Förderprogramm', header.programName],
    ['Aktenzeichen', header.fileNumber],
    ['Nachweiszeitraum', `${germanDate(header.periodFrom)} bis ${germanDate(header.periodTo)}`],
    ['Stand', germanDate(header.asOf)],
    ['Zuwendungsbescheid', grant ? `vom ${germanDate(grant.referenceDate)}, Az. ${grant.referenceNumber}` : 'nicht erfasst'],
    ...(amendments.length
      ? amendments.map((a): CellValue[] => [
          `Änderungsbescheid Nr. ${a.number}`,
          `vom ${germanDate(a.referenceDate)}, Az. ${a.referenceNumber}, wirksam ab ${germanDate(a.effectiveDate)}: ${a.reason}`,
        ])
      : [['Änderungsbescheide', 'keine']]),
    ['zuwendungsfähige Ausgaben (Ist)', result.eligibleSpending],
    [`Zuwendung (Fördersatz ${header.fundingRate.toFixed()} %)`, result.grantShare],
    ['ausgezahlte Zuwendung', result.received],
    [result.overpayment.gte(0) ? 'Überzahlung' : 'Unterzahlung', result.overpayment.abs()],
    ['Bestätigung', CONFIRMATION],
    ['Ort, Datum', '______________________________'],
    ['Rechtsverbindliche Unterschrift', '______________________________'],
    ['Name und Funktion in Druckschrift', '______________________________'],
  ];
  return {
    part: ProofPart.COVER,
    slug: PART_SLUGS[ProofPart.COVER],
    name: 'Deckblatt',
    title: titleLines(header, 'Deckblatt'),
    header: ['Angabe', 'Inhalt'],
    rows,
    columnWidths: [34, 110],
    plain: true,
  };
}

/** The standard confirmation of the Verwendungsnachweis form (ANBest-P Nr. 6). */
export const CONFIRMATION =
  'Es wird bestätigt, dass die Allgemeinen und Besonderen Nebenbestimmungen des Zuwendungsbescheids beachtet wurden, die Ausgaben notwendig waren, ' +
  'wirtschaftlich und sparsam verfahren worden ist und die Angaben mit den Büchern und Belegen übereinstimmen.';

function receiptsPart(data: ProofData): PartLayout {
  const { rows, sumRows } = receiptListRows(loaded(data, 'receipts'));
  return {
    part: ProofPart.RECEIPTS,
    slug: PART_SLUGS[ProofPart.RECEIPTS],
    name: 'Belegliste',
    title: titleLines(data.header, 'Belegliste'),
    header: RECEIPT_HEADER,
    rows,
    boldRows: sumRows,
    columnWidths: [9, 16, 30, 13, 13, 30, 36, 16, 16, 16, 30],
  };
}

function indicatorsPart(data: ProofData): PartLayout {
  const { header } = data;
  const indicators = loaded(data, 'indicators');
  const q = (d: Decimal | null) => (d ? new Quantity(d) : null);
  return {
    part: ProofPart.INDICATORS,
    slug: PART_SLUGS[ProofPart.INDICATORS],
    name: 'Indikatorenbericht',
    title: titleLines(header, 'Indikatorenbericht'),
    header: [
      'Indikator-Code',
      'Bezeichnung',
      'Einheit',
      'Berichtszeitraum',
      'Ausgangswert',
      'Etappenziel',
      'Zielwert',
      'Ist kumuliert',
      GENDER_LABELS.women,
      GENDER_LABELS.men,
      GENDER_LABELS.diverse,
      'Zielerreichung %',
      'Datenquelle',
      'Anmerkung',
    ],
    rows: indicators.map((r) => [
      r.code,
      r.name,
      germanLabel(r.unit),
      r.period,
      q(r.baseline),
      q(r.milestone),
      q(r.target),
      q(r.cumulativeActual),
      r.women,
      r.men,
      r.diverse,
      percentCell(r.attainmentPercent),
      r.dataSource,
      r.remark,
    ]),
    columnWidths: [14, 40],
  };
}

function participantsPart(data: ProofData): PartLayout {
  const { header } = data;
  const participants = loaded(data, 'participants');
  return {
    part: ProofPart.PARTICIPANTS,
    slug: PART_SLUGS[ProofPart.PARTICIPANTS],
    name: 'Teilnehmende',
    title: [
      ...titleLines(header, 'Teilnehmendenstatistik (aggregiert)'),
      `Personen mit Eintritt bis ${germanDate(statisticsUpTo(header))}; Verbleib bei Austritt, soweit bis dahin festgestellt.`,
      'Felder mit weniger Personen als die Mindestzellgröße sind unterdrückt.',
    ],
    header: ['Merkmal', 'Ausprägung', 'Anzahl', 'Anmerkung'],
    rows: participants.map((c) => [germanLabel(c.dimension), germanLabel(c.value), c.count, c.count === null ? 'unterdrückt' : null]),
    columnWidths: [24, 24, 10, 14],
  };
}

function preflightPart(data: ProofData): PartLayout {
  const { header } = data;
  const problems = loaded(data, 'problems');
  return {
    part: ProofPart.PREFLIGHT,
    slug: PART_SLUGS[ProofPart.PREFLIGHT],
    name: 'Vorprüfung',
    title: [...titleLines(header, 'Vorprüfung'), problems.length ? `${problems.length} offene Punkte` : 'Keine offenen Punkte'],
    header: ['Prüfpunkt', 'Beschreibung', 'Datensatz', 'ID', 'GraphQL-Abfrage'],
    rows: problems.map((p) => [germanLabel(p.code), p.message, germanLabel(p.recordType), p.recordId, p.link]),
    columnWidths: [28, 60, 16, 38, 60],
  };
}

const sum = (values: Decimal[]) => values.reduce((s, v) => s.plus(v), ZERO);

/**
 * Schlussabrechnung (final proof): the settlement module's Berechnung, one step a row with its
 * figure, so a reviewer can follow it line by line; without a plan in force, a single line says why.
 */
function settlementPart(data: ProofData): PartLayout {
  const settlement = loaded(data, 'settlement');
  const rows: CellValue[][] = settlement
    ? settlement.steps.map((s) => [s.number, s.label, s.detail, s.amount])
    : [[null, 'Keine Schlussabrechnung', 'Für den Stichtag ist kein Finanzierungsplan in Kraft.', null]];
  const final = settlement ? settlement.steps.findIndex((s) => s.label === 'Zuwendung endgültig') : -1;
  return {
    part: ProofPart.SETTLEMENT,
    slug: PART_SLUGS[ProofPart.SETTLEMENT],
    name: 'Schlussabrechnung',
    title: titleLines(data.header, 'Schlussabrechnung (ANBest-P Nr. 2, § 49a VwVfG)'),
    header: ['Nr.', 'Schritt', 'Berechnung', 'Betrag EUR'],
    rows,
    boldRows: settlement ? [final, rows.length - 1].filter((i) => i >= 0) : [],
    columnWidths: [6, 40, 110, 18],
  };
}
