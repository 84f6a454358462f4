import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { Decimal } from 'decimal.js';

import { formatMoney } from '../../common/money/money.js';
import { germanDate, proofParts, proofTitle } from '../layouts/proof-layout.js';
import { loaded, type ProofData } from '../proof-data.js';
import { ProofKind, ProofPart } from '../proof.enums.js';
import type { CellValue } from '../formats/cell-values.js';
import { CalendarDate, Quantity } from '../formats/cell-values.js';
import { spendingChartSvg } from './spending-chart.js';

const require = createRequire(import.meta.url);
// pdfmake is CommonJS; its server build reads fonts from files. Roboto ships inside the package.

const pdfmake = require('pdfmake') as {
  setFonts(fonts: unknown): void;
  setUrlAccessPolicy(allow: (url: string) => boolean): void;
  setLocalAccessPolicy(allow: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};
const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
// Nothing is fetched at run time: no URLs at all, and local files only from the bundled fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir));
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'),
    bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'),
    bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
});

const SUMMARY_PARTS = [ProofPart.COVER, ProofPart.PLAN_VS_ACTUAL, ProofPart.FINANCING, ProofPart.DRAWDOWNS, ProofPart.RESULT];

/** The parts the PDF shows: the cover, the numerical proof with the Mittelabrufe, and the pre-flight list. */
export const PDF_PARTS = [...SUMMARY_PARTS, ProofPart.PREFLIGHT];

/**
 * The PDF summary: the cover (grant decision, amendments, confirmation, signature lines), the
 * numerical proof (plan vs actual, financing, Mittelabrufe, result), the pre-flight list, the
 * spending chart; "Seite x von y" on every page.
 * Byte-identical for the same data and as-of date: the document dates are the as-of date and the
 * file ID (an MD5 over the document info) follows from them.
 */
export async function renderSummaryPdf(data: ProofData): Promise<Buffer> {
  const fixed = new Date(`${data.header.asOf}T00:00:00Z`);
  // The final proof's summary ends with the Schlussabrechnung and its Berechnung.
  const parts = proofParts(data, [
    ...SUMMARY_PARTS,
    ...(data.header.kind === ProofKind.FINAL ? [ProofPart.SETTLEMENT] : []),
    ProofPart.PREFLIGHT,
  ]);
  const problems = loaded(data, 'problems');
  const header = data.header;
  const doc = {
    info: {
      title: `${proofTitle(header)} ${header.fileNumber}`,
      author: header.grantee,
      creator: 'Funding Program Tracker',
      producer: 'Funding Program Tracker',
      creationDate: fixed,
      modDate: fixed,
    },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 36, 36, 36],
    defaultStyle: { font: 'Roboto', fontSize: 8 },
    footer: (page: number, pages: number) => ({
      text: `${proofTitle(header)} · Az. ${header.fileNumber} · Seite ${page} von ${pages}`,
      alignment: 'right',
      fontSize: 7,
      margin: [36, 8, 36, 0],
    }),
    content: [
      { text: `${proofTitle(header)} – zahlenmäßiger Nachweis`, fontSize: 14, bold: true },
      { text: `Aktenzeichen ${header.fileNumber} · ${header.grantee} · ${header.title}`, margin: [0, 4, 0, 0] },
      {
        text: `Zeitraum ${germanDate(header.periodFrom)} bis ${germanDate(header.periodTo)} · Stand ${germanDate(header.asOf)}`,
        margin: [0, 0, 0, 8],
      },
      ...parts.flatMap((p) => [
        {
          text: p.name,
          bold: true,
          fontSize: 10,
          margin: [0, 6, 0, 3],
          ...(p.part === ProofPart.PLAN_VS_ACTUAL ? { pageBreak: 'before' } : {}),
        },
        {
          table: {
            headerRows: 1,
            body: [
              p.header.map((h) => ({ text: h, bold: true })),
              ...p.rows.map((row, i) => row.map((cell) => pdfCell(cell, p.boldRows?.includes(i) ?? false))),
            ],
          },
          layout: 'lightHorizontalLines',
        },
      ]),
      {
        text: problems.length
          ? `Vorprüfung: ${problems.length} offene Punkte (Tabelle „Vorprüfung“ oben).`
          : 'Vorprüfung: keine offenen Punkte.',
        margin: [0, 6, 0, 0],
        italics: true,
      },
      {
        text: 'Soll und Ist je Haushaltsjahr, kumulierter Mittelabfluss',
        bold: true,
        fontSize: 10,
        pageBreak: 'before',
        margin: [0, 0, 0, 6],
      },
      // fit keeps the chart on the page under its heading (a too-tall SVG would move to a page of its own)
      { svg: spendingChartSvg(loaded(data, 'chart')), fit: [760, 470] },
    ],
  };
  return pdfmake.createPdf(doc).getBuffer();
}

function pdfCell(cell: CellValue, bold: boolean): { text: string; alignment?: string; bold: boolean } {
  if (cell === null) return { text: '', bold };
  if (cell instanceof Quantity) return { text: cell.german(), alignment: 'right', bold };
  if (cell instanceof CalendarDate) return { text: cell.german(), bold };
  if (typeof cell === 'object') return { text: euro(cell), alignment: 'right', bold };
  return { text: String(cell), bold };
}

/** 1.234.567,89 € */
function euro(value: Decimal): string {
  const [int, cents] = formatMoney(value).replace('-', '').split('.');
  return `${value.isNegative() ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${cents} €`;
}
