import type { Decimal } from 'decimal.js';

import { ZERO } from '../../common/money/money.js';

export interface ChartYear {
  fiscalYear: number;
  planned: Decimal;
  /** Null for a year after the as-of date: no actual exists yet, so none is drawn. */
  actual: Decimal | null;
}

const WIDTH = 520;
const PANEL = 170;
const LEFT = 70;
const PLOT = WIDTH - LEFT - 20;
const COLORS = { planned: '#9aa5b1', actual: '#1f5fa8', grid: '#d9dee3', text: '#333333' };

/**
 * The PDF chart as SVG, drawn by hand (no canvas, no fonts downloaded): top, planned against
 * actual spending per fiscal year as paired bars; bottom, cumulative spending (burn) against the
 * cumulative plan, the actual line ending at the as-of year. Coordinates are pixels: amounts become numbers only to place shapes, never
 * for arithmetic on money.
 */
export function spendingChartSvg(years: readonly ChartYear[]): string {
  const parts: string[] = [];
  const height = 2 * PANEL + 130;
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`);
  parts.push(legend(8));
  parts.push(barPanel(years, 50));
  parts.push(burnPanel(years, 50 + PANEL + 55));
  parts.push('</svg>');
  return parts.join('');
}

// Amounts become numbers here only to place shapes on the page (pixel geometry); no figure printed
// in any report is computed from them.
function barPanel(years: readonly ChartYear[], top: number): string {
  const max = niceMax(Math.max(1, ...years.flatMap((y) => [y.planned.toNumber(), y.actual?.toNumber() ?? 0])));
  const slot = PLOT / Math.max(1, years.length);
  const bar = Math.min(28, slot / 3);
  const y = (v: number) => top + PANEL - (v / max) * PANEL;
  const out = [title('Soll und Ist je Haushaltsjahr', top - 6), axis(top, max)];
  years.forEach((year, i) => {
    const x = LEFT + i * slot + slot / 2;
    out.push(rect(x - bar - 1, y(year.planned.toNumber()), bar, top + PANEL - y(year.planned.toNumber()), COLORS.planned));
    if (year.actual) out.push(rect(x + 1, y(year.actual.toNumber()), bar, top + PANEL - y(year.actual.toNumber()), COLORS.actual));
    out.push(text(x, top + PANEL + 14, String(year.fiscalYear), 'middle'));
  });
  return out.join('');
}

function burnPanel(years: readonly ChartYear[], top: number): string {
  let planned = ZERO;
  let actual = ZERO;
  const points = years.map((y) => {
    planned = planned.plus(y.planned);
    actual = actual.plus(y.actual ?? ZERO);
    return { year: y.fiscalYear, planned: planned.toNumber(), actual: y.actual ? actual.toNumber() : null };
  });
  const max = niceMax(Math.max(1, ...points.flatMap((p) => [p.planned, p.actual ?? 0])));
  const slot = PLOT / Math.max(1, years.length);
  const x = (i: number) => LEFT + i * slot + slot / 2;
  const y = (v: number) => top + PANEL - (v / max) * PANEL;
  // A year without a value (after the as-of date) ends the line: the points keep their year's slot.
  const line = (values: (number | null)[], color: string) => {
    const placed = values.flatMap((v, i) => (v === null ? [] : [{ cx: fmt(x(i)), cy: fmt(y(v)) }]));
    if (!placed.length) return '';
    return (
      `<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${placed.map((p) => `${p.cx},${p.cy}`).join(' ')}"/>` +
      placed.map((p) => `<circle cx="${p.cx}" cy="${p.cy}" r="3" fill="${color}"/>`).join('')
    );
  };
  const out = [title('Kumulierter Mittelabfluss gegen Plan', top - 6), axis(top, max)];
  out.push(
    line(
      points.map((p) => p.planned),
      COLORS.planned,
    ),
  );
  out.push(
    line(
      points.map((p) => p.actual),
      COLORS.actual,
    ),
  );
  points.forEach((p, i) => out.push(text(x(i), top + PANEL + 14, String(p.year), 'middle')));
  return out.join('');
}

function axis(top: number, max: number): string {
  const out: string[] = [];
  for (let step = 0; step <= 4; step++) {
    const value = (max / 4) * step;
    const y = top + PANEL - (PANEL / 4) * step;
    out.push(`<line x1="${LEFT}" y1="${fmt(y)}" x2="${LEFT + PLOT}" y2="${fmt(y)}" stroke="${COLORS.grid}" stroke-width="0.8"/>`);
    out.push(text(LEFT - 6, y + 3, euroLabel(value), 'end'));
  }
  return out.join('');
}

function legend(y: number): string {
  return (
    rect(LEFT, y, 12, 10, COLORS.planned) +
    text(LEFT + 16, y + 9, 'Soll lt. Finanzierungsplan', 'start') +
    rect(LEFT + 170, y, 12, 10, COLORS.actual) +
    text(LEFT + 186, y + 9, 'Ist (zuwendungsfähige Ausgaben)', 'start')
  );
}

/** A round upper bound for the axis (1, 2 or 5 times a power of ten). */
export function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

function euroLabel(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toLocaleString('de-DE', { maximumFractionDigits: 1 })} Mio. €`;
  if (value >= 1_000) return `${(value / 1_000).toLocaleString('de-DE', { maximumFractionDigits: 1 })} Tsd. €`;
  return `${value.toLocaleString('de-DE', { maximumFractionDigits: 0 })} €`;
}

const fmt = (n: number) => n.toFixed(1);
const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(Math.max(0, h))}" fill="${fill}"/>`;
const text = (x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end') =>
  `<text x="${fmt(x)}" y="${fmt(y)}" font-size="9" fill="${COLORS.text}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
const title = (content: string, y: number) =>
  `<text x="${LEFT}" y="${fmt(y)}" font-size="11" font-weight="bold" fill="${COLORS.text}">${escapeXml(content)}</text>`;
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
