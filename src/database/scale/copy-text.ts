import { generateScaleProject, type ScaleContext, type TableRows } from './scale-project.js';

/** One generated project, its tables already in COPY text format (UTF-8), in insertion order. */
export interface EncodedProject {
  number: number;
  projectId: string;
  receipts: number;
  tables: { table: string; columns: string[]; rows: number; data: Uint8Array }[];
  /** Wall time spent generating and encoding this project, and the CPU time of the generating thread. */
  generateMs: number;
  encodeMs: number;
  generateCpuMs: number;
  encodeCpuMs: number;
}

const encoder = new TextEncoder();

/** CPU time of this thread in ms (wall time alone says little on a shared machine); NaN before Node 23.9. */
function cpuMs(): number {
  if (typeof process.threadCpuUsage !== 'function') return Number.NaN;
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/** generateScaleProject, then every table as COPY text; each table's bytes in an ArrayBuffer of its own (transferable). */
export function encodeProject(ctx: ScaleContext, number: number): EncodedProject {
  const [started, startedCpu] = [performance.now(), cpuMs()];
  const project = generateScaleProject(ctx, number);
  const [generated, generatedCpu] = [performance.now(), cpuMs()];
  const tables = project.tables.map((t) => ({
    table: t.table,
    columns: t.columns,
    rows: t.rows.length,
    data: encoder.encode(copyText(t)),
  }));
  return {
    number,
    projectId: project.projectId,
    receipts: project.receipts,
    tables,
    generateMs: generated - started,
    encodeMs: performance.now() - generated,
    generateCpuMs: generatedCpu - startedCpu,
    encodeCpuMs: cpuMs() - generatedCpu,
  };
}

/**
 * PostgreSQL's COPY text format: one line per row, columns separated by a tab, `\N` for null,
 * and backslash, tab, newline and carriage return escaped. Values are the generator's strings,
 * numbers and booleans (money already as strings, so no number ever carries an amount here).
 */
export function copyText({ columns, rows }: TableRows): string {
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += '\t';
      line += copyValue(row[c]);
    }
    lines[r] = line;
  }
  return rows.length ? `${lines.join('\n')}\n` : '';
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]) : text;
}

/** `copy "table" ("a", "b") from stdin` for the column specs `name:pgtype` of TableRows. */
export function copyStatement(table: string, columns: string[]): string {
  return `copy "${table}" (${columns.map((c) => `"${c.split(':')[0]}"`).join(', ')}) from stdin`;
}
