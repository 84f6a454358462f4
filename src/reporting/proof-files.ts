import { Decimal } from 'decimal.js';

import { germanCsv } from './formats/german-csv.js';
import { buildManifest, type ManifestEntry } from './formats/manifest.js';
import { buildXlsxOffThread } from './formats/xlsx-off-thread.js';
import { renderSachberichtDocx } from '../narrative/render/sachbericht-docx.js';
import { renderSachberichtPdf } from '../narrative/render/sachbericht-pdf.js';
import { PART_SLUGS, partsFor, proofFileStem, proofParts } from './layouts/proof-layout.js';
import { sachberichtDocument } from './layouts/sachbericht.js';
import { PDF_PARTS, renderSummaryPdf } from './pdf/summary-pdf.js';
import { loaded, type ProofData, type ProofSection } from './proof-data.js';
import { AGGREGATED_PARTS, ProofKind, ProofPart } from './proof.enums.js';

export interface ExportFile {
  name: string;
  contentType: string;
  content: Buffer;
}

export interface ProofFileSet {
  files: ExportFile[];
  manifest: ManifestEntry[];
}

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  sha256: 'text/plain; charset=utf-8',
} as const;

export const MANIFEST_NAME = 'MANIFEST.sha256';

/**
 * Every file of a proof: one XLSX with a sheet per part, one CSV per part, JSON, the PDF summary,
 * and the SHA-256 manifest over them. Deterministic: the as-of date is the only date written into
 * any file, so the same data and as-of date give byte-identical files.
 * `aggregatedOnly` leaves out every part with single records (what an analyst may see); the PDF,
 * which shows the money, goes with it.
 */
export async function renderProofFiles(data: ProofData, aggregatedOnly: boolean): Promise<ProofFileSet> {
  const files: ExportFile[] = [];
  for (const spec of fileSpecs(data.header.kind, data.header.fiscalYear, aggregatedOnly))
    files.push({ name: spec.name, contentType: spec.contentType, content: await spec.render(data) });
  const { entries, text } = buildManifest(files.map((f) => ({ name: f.name, content: f.content })));
  files.push({ name: MANIFEST_NAME, contentType: CONTENT_TYPES.sha256, content: Buffer.from(text, 'utf8') });
  return { files, manifest: entries };
}

/**
 * One file of the set, rendered alone from data that holds at least `fileNeeds(…, name)`: the
 * same bytes as the file in the whole set. Null when the set holds no file of that name.
 */
export async function renderProofFile(data: ProofData, aggregatedOnly: boolean, name: string): Promise<ExportFile | null> {
  if (name === MANIFEST_NAME) return (await renderProofFiles(data, aggregatedOnly)).files.find((f) => f.name === name)!;
  const spec = fileSpecs(data.header.kind, data.header.fiscalYear, aggregatedOnly).find((f) => f.name === name);
  return spec ? { name, contentType: spec.contentType, content: await spec.render(data) } : null;
}

/**
 * The sections of the proof data one file is rendered from (the manifest: every file's), so a
 * download loads no more than that; null when the set holds no file of that name.
 */
export function fileNeeds(kind: ProofKind, fiscalYear: number | null, aggregatedOnly: boolean, name: string): Set<ProofSection> | null {
  const specs = fileSpecs(kind, fiscalYear, aggregatedOnly);
  const wanted = name === MANIFEST_NAME ? specs : specs.filter((f) => f.name === name);
  return wanted.length ? new Set(wanted.flatMap((f) => f.needs)) : null;
}

/** What the whole set is rendered from. */
export function setNeeds(kind: ProofKind, fiscalYear: number | null, aggregatedOnly: boolean): Set<ProofSection> {
  return fileNeeds(kind, fiscalYear, aggregatedOnly, MANIFEST_NAME)!;
}

interface FileSpec {
  name: string;
  contentType: string;
  /** The sections of the data `render` reads. */
  needs: ProofSection[];
  render: (data: ProofData) => Promise<Buffer> | Buffer;
}

/** Which section of the data each part is laid out from. */
const PART_SECTION: Record<ProofPart, ProofSection> = {
  [ProofPart.COVER]: 'numbers',
  [ProofPart.PLAN_VS_ACTUAL]: 'numbers',
  [ProofPart.FINANCING]: 'numbers',
  [ProofPart.DRAWDOWNS]: 'numbers',
  [ProofPart.RESULT]: 'numbers',
  [ProofPart.RECEIPTS]: 'receipts',
  [ProofPart.INDICATORS]: 'indicators',
  [ProofPart.PARTICIPANTS]: 'participants',
  [ProofPart.PREFLIGHT]: 'problems',
  [ProofPart.SETTLEMENT]: 'settlement',
};

/** What the Sachbericht is drawn from: its text and the tables of the numbers, indicators and participants. */
const SACHBERICHT_NEEDS: ProofSection[] = ['narrative', 'numbers', 'indicators', 'participants'];

const sectionsOf = (parts: readonly ProofPart[]) => [...new Set(parts.map((p) => PART_SECTION[p]))];

/** The files of a set in their fixed order, each with what it is rendered from; known before any data is loaded. */
function fileSpecs(kind: ProofKind, fiscalYear: number | null, aggregatedOnly: boolean): FileSpec[] {
  const stem = proofFileStem(kind, fiscalYear);
  const parts = partsFor(kind).filter((p) => !aggregatedOnly || AGGREGATED_PARTS.includes(p));
  // The final proof's PDF summary carries the Schlussabrechnung too.
  const pdfNeeds: ProofSection[] = [...sectionsOf(PDF_PARTS), 'chart', ...(kind === ProofKind.FINAL ? ['settlement' as const] : [])];
  const fixedDate = (data: ProofData) => new Date(`${data.header.asOf}T00:00:00Z`);
  return [
    {
      name: `${stem}.xlsx`,
      contentType: CONTENT_TYPES.xlsx,
      needs: sectionsOf(parts),
      render: (data) => buildXlsxOffThread(proofParts(data, parts), fixedDate(data)),
    },
    ...parts.map((part): FileSpec => ({
      name: `${stem}-${PART_SLUGS[part]}.csv`,
      contentType: CONTENT_TYPES.csv,
      needs: sectionsOf([part]),
      render: (data) => {
        const [layout] = proofParts(data, [part]);
        return germanCsv(layout.header, layout.rows);
      },
    })),
    {
      name: `${stem}.json`,
      contentType: CONTENT_TYPES.json,
      needs: sectionsOf(parts),
      render: (data) => Buffer.from(JSON.stringify(machineView(data, parts), null, 2) + '\n', 'utf8'),
    },
    ...(aggregatedOnly
      ? []
      : [
          { name: `${stem}.pdf`, contentType: CONTENT_TYPES.pdf, needs: pdfNeeds, render: renderSummaryPdf },
          {
            name: `${stem}-sachbericht.pdf`,
            contentType: CONTENT_TYPES.pdf,
            needs: SACHBERICHT_NEEDS,
            render: (data: ProofData) => renderSachberichtPdf(sachberichtDocument(data)),
          },
          {
            name: `${stem}-sachbericht.docx`,
            contentType: CONTENT_TYPES.docx,
            needs: SACHBERICHT_NEEDS,
            render: (data: ProofData) => renderSachberichtDocx(sachberichtDocument(data)),
          },
        ]),
  ];
}

/** The JSON for machines: the same figures, amounts as strings with two decimals (never floats). */
function machineView(data: ProofData, parts: readonly ProofPart[]): unknown {
  const included = new Set<ProofPart>(parts);
  const keys: [keyof ProofData, ProofPart | null][] = [
    ['header', null],
    ['planVsActual', ProofPart.PLAN_VS_ACTUAL],
    ['financing', ProofPart.FINANCING],
    ['drawdowns', ProofPart.DRAWDOWNS],
    ['result', ProofPart.RESULT],
    ['receipts', ProofPart.RECEIPTS],
    ['indicators', ProofPart.INDICATORS],
    ['participants', ProofPart.PARTICIPANTS],
    ['problems', ProofPart.PREFLIGHT],
    ['settlement', ProofPart.SETTLEMENT],
  ];
  return Object.fromEntries(
    keys
      .filter(([, part]) => part === null || included.has(part))
      .map(([key]) => [key, plain(key === 'header' ? data.header : loaded(data, key))]),
  );
}

function plain(value: unknown): unknown {
  if (value instanceof Decimal) return value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
