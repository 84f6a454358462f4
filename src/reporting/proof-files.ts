import { Decimal } from 'decimal.js';

import { germanCsv } from './formats/german-csv.js';
import { buildManifest, type ManifestEntry } from './formats/manifest.js';
import { buildXlsx } from './formats/xlsx.js';
import { type PartLayout, proofFileStem, proofParts } from './layouts/proof-layout.js';
import { renderSummaryPdf } from './pdf/summary-pdf.js';
import type { ChartYear } from './pdf/spending-chart.js';
import type { ProofData } from './proof-data.js';
import { AGGREGATED_PARTS, ProofPart } from './proof.enums.js';

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
export async function renderProofFiles(data: ProofData, chart: ChartYear[], aggregatedOnly: boolean): Promise<ProofFileSet> {
  const renderers = fileRenderers(data, chart, aggregatedOnly);
  const files: ExportFile[] = [];
  for (const [name, { contentType, render }] of renderers) files.push({ name, contentType, content: await render() });
  const { entries, text } = buildManifest(files.map((f) => ({ name: f.name, content: f.content })));
  files.push({ name: MANIFEST_NAME, contentType: CONTENT_TYPES.sha256, content: Buffer.from(text, 'utf8') });
  return { files, manifest: entries };
}

/** One file of the set, rendering only that file (a download needs no other; the manifest needs all). */
export async function renderProofFile(data: ProofData, chart: ChartYear[], aggregatedOnly: boolean, name: string): Promise<ExportFile | null> {
  if (name === MANIFEST_NAME) return (await renderProofFiles(data, chart, aggregatedOnly)).files.find((f) => f.name === name)!;
  const renderer = fileRenderers(data, chart, aggregatedOnly).get(name);
  return renderer ? { name, contentType: renderer.contentType, content: await renderer.render() } : null;
}

type Renderer = { contentType: string; render: () => Promise<Buffer> | Buffer };

function fileRenderers(data: ProofData, chart: ChartYear[], aggregatedOnly: boolean): Map<string, Renderer> {
  const stem = proofFileStem(data.header.kind, data.header.fiscalYear);
  const parts = proofParts(data).filter((p) => !aggregatedOnly || AGGREGATED_PARTS.includes(p.part));
  const fixedDate = new Date(`${data.header.asOf}T00:00:00Z`);
  const renderers = new Map<string, Renderer>([[`${stem}.xlsx`, { contentType: CONTENT_TYPES.xlsx, render: () => buildXlsx(parts, fixedDate) }]]);
  for (const p of parts) renderers.set(`${stem}-${p.slug}.csv`, { contentType: CONTENT_TYPES.csv, render: () => germanCsv(p.header, p.rows) });
  renderers.set(`${stem}.json`, { contentType: CONTENT_TYPES.json, render: () => Buffer.from(JSON.stringify(machineView(data, parts), null, 2) + '\n', 'utf8') });
  if (!aggregatedOnly) renderers.set(`${stem}.pdf`, { contentType: CONTENT_TYPES.pdf, render: () => renderSummaryPdf(data, chart) });
  return renderers;
}

/** The JSON for machines: the same figures, amounts as strings with two decimals (never floats). */
function machineView(data: ProofData, parts: PartLayout[]): unknown {
  const included = new Set<ProofPart>(parts.map((p) => p.part));
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
  ];
  return Object.fromEntries(keys.filter(([, part]) => part === null || included.has(part)).map(([key]) => [key, plain(data[key])]));
}

function plain(value: unknown): unknown {
  if (value instanceof Decimal) return value.decimalPlaces() <= 2 ? value.toFixed(2) : value.toFixed();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
