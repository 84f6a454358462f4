import type { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../../budget/budget.enums.js';
import { EMPTY_SECTION_TEXT, type SachberichtDocument, type SachberichtTable } from '../../narrative/render/sachbericht-document.js';
import { germanNumber } from '../../settlement/german-text.js';
import { loaded, type ProofData, statisticsUpTo } from '../proof-data.js';
import { ProofKind } from '../proof.enums.js';
import { germanDate, proofTitle } from './proof-layout.js';

export { EMPTY_SECTION_TEXT };

const money = (d: Decimal | null) => (d === null ? '' : germanNumber(d, 2));
const figure = (d: Decimal | null) => (d === null ? '–' : germanNumber(d, 0));
const SOURCE_LABELS: Record<FundingSourceKind, string> = {
  [FundingSourceKind.FEDERAL_GRANT]: 'Zuwendung',
  [FundingSourceKind.OWN_FUNDS]: 'Eigenmittel',
  [FundingSourceKind.THIRD_PARTY_FUNDS]: 'Drittmittel',
  [FundingSourceKind.INCOME]: 'sonstige Einnahmen',
};

/**
 * The Sachbericht of a proof: the project's text per section of the form (narrative module) with
 * the tables the tracker already knows filled in, each where the form asks for it — the use of
 * the grant (drawdowns, cover) under 1, indicators against targets and participants under 2,
 * spending against plan with the deviation notes under 3. Pure: built from the proof's data.
 */
export function sachberichtDocument(data: ProofData): SachberichtDocument {
  const { header } = data;
  const narrative = loaded(data, 'narrative');
  const planVsActual = loaded(data, 'planVsActual');
  const notes = new Map(narrative.deviationNotes.map((n) => [n.costCategoryCode, n.markdown.replace(/\s+/g, ' ').trim()]));
  const drawdowns = loaded(data, 'drawdowns');
  const financing = loaded(data, 'financing');
  const indicators = loaded(data, 'indicators');
  const participants = loaded(data, 'participants');

  const tables: SachberichtTable[][] = [
    [
      {
        title: 'Mittelabrufe und ihre Verwendung',
        header: ['Datum', 'Abruf-Nr.', 'Art', 'Betrag EUR', 'verbraucht EUR', 'Bestand EUR'],
        rows: drawdowns.map((d) => [
          germanDate(d.date),
          `${d.fiscalYear}/${d.number}`,
          d.kind === 'TRANCHE' ? 'Mittelabruf' : d.kind === 'RECLAIM' ? 'Rückforderung' : 'Rückzahlung',
          money(d.amount),
          money(d.used),
          money(d.balance),
        ]),
        align: ['left', 'left', 'left', 'right', 'right', 'right'],
      },
      {
        title: 'Finanzierung (Einnahmen)',
        header: ['Deckungsmittel', 'Soll EUR', 'Ist EUR', 'Abweichung EUR'],
        rows: financing.map((f) => [SOURCE_LABELS[f.kind], money(f.planned), money(f.actual), money(f.deviation)]),
        align: ['left', 'right', 'right', 'right'],
      },
    ],
    [
      {
        title: 'Indikatoren im Vergleich zu den Zielwerten',
        header: ['Code', 'Indikator', 'Zielwert', 'Ist kumuliert', 'Zielerreichung %'],
        rows: indicators.map((r) => [
          r.code,
          r.name,
          figure(r.target),
          figure(r.cumulativeActual),
          r.attainmentPercent ? germanNumber(r.attainmentPercent, 2) : '–',
        ]),
        align: ['left', 'left', 'right', 'right', 'right'],
      },
      {
        title: 'Teilnehmende (aggregiert)',
        header: ['Merkmal', 'Ausprägung', 'Anzahl'],
        rows: participants.map((c) => [c.dimension, c.value, c.count === null ? 'unterdrückt' : String(c.count)]),
        align: ['left', 'left', 'right'],
        note: `Personen mit Eintritt bis ${germanDate(statisticsUpTo(header))}; Felder mit weniger Personen als die Mindestzellgröße sind unterdrückt.`,
      },
    ],
    [
      {
        title: 'Ausgaben im Vergleich zum Finanzierungsplan',
        header: ['Position', 'Bezeichnung', 'Soll EUR', 'Ist EUR', 'Abweichung EUR', 'Abweichung %', 'Begründung'],
        rows: planVsActual.map((r) => [
          r.code,
          r.name,
          money(r.planned),
          money(r.actual),
          money(r.deviation),
          r.deviationPercent ? germanNumber(r.deviationPercent, 2) : '–',
          notes.get(r.code) ?? '',
        ]),
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
      },
    ],
    [],
  ];
  return {
    title: `Sachbericht zum ${header.kind === ProofKind.INTERIM ? `Zwischennachweis ${header.fiscalYear}` : 'Verwendungsnachweis'}`,
    headerLines: [
      `${proofTitle(header)} · Aktenzeichen ${header.fileNumber}`,
      `${header.grantee} · ${header.title} · ${header.programName}`,
      `Zeitraum ${germanDate(header.periodFrom)} bis ${germanDate(header.periodTo)} · Stand ${germanDate(header.asOf)}`,
    ],
    asOf: header.asOf,
    author: header.grantee,
    sections: narrative.sections.map((s, i) => ({ heading: s.heading, markdown: s.markdown, version: s.version, tables: tables[i] ?? [] })),
  };
}
