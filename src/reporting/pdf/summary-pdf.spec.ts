import { Decimal } from 'decimal.js';

import { sampleProof } from '../../../test/factories/sample-proof.js';
import { niceMax, spendingChartSvg } from './spending-chart.js';
import { renderSummaryPdf } from './summary-pdf.js';

/** The points of each polyline of a chart, by stroke colour. */
function polylinePoints(svg: string): Map<string, string[]> {
  return new Map([...svg.matchAll(/<polyline [^>]*stroke="([^"]+)"[^>]*points="([^"]*)"/g)].map((m) => [m[1], m[2].split(' ')]));
}

const ACTUAL = '#1f5fa8';
const PLANNED = '#9aa5b1';

describe('PDF summary', () => {
  it('is byte-identical for the same data and as-of date, with the as-of date as document date', async () => {
    const data = sampleProof();
    const first = await renderSummaryPdf(data);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderSummaryPdf(data);
    expect(first.equals(second)).toBe(true);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    const other = await renderSummaryPdf({ ...data, header: { ...data.header, asOf: '2024-03-02' } });
    expect(other.equals(first)).toBe(false);
  });

  it('draws planned and actual bars per year and the cumulative burn lines', () => {
    const svg = spendingChartSvg(sampleProof().chart!);
    expect(svg.startsWith('<svg')).toBe(true);
    // legend + a planned bar for each of the 4 years + an actual bar for the 3 years up to the as-of date
    expect(svg.match(/<rect /g)!.length).toBe(2 + 4 + 3);
    expect(svg.match(/<polyline /g)!.length).toBe(2);
    expect(svg).toContain('>2023<');
    expect(niceMax(1234)).toBe(2000);
    expect(niceMax(5000)).toBe(5000);
  });

  it('ends the cumulative actual line at the as-of year: later years have no actual point', () => {
    const chart = sampleProof().chart!; // 2022–2025, as of 1 March 2024
    const svg = spendingChartSvg(chart);
    const lines = polylinePoints(svg);
    expect(lines.get(PLANNED)).toHaveLength(4);
    expect(lines.get(ACTUAL)).toHaveLength(3);
    expect(svg.match(new RegExp(`<circle [^>]*fill="${ACTUAL}"`, 'g'))).toHaveLength(3);
    // the actual points sit on the slots of 2022–2024, the same x as the planned points of those years
    expect(lines.get(ACTUAL)!.map((p) => p.split(',')[0])).toEqual(
      lines
        .get(PLANNED)!
        .slice(0, 3)
        .map((p) => p.split(',')[0]),
    );
    // before the as-of year is reached there is no actual line at all; every year known, every point drawn
    expect(polylinePoints(spendingChartSvg(chart.map((y) => ({ ...y, actual: null })))).has(ACTUAL)).toBe(false);
    expect(
      polylinePoints(spendingChartSvg(chart.map((y) => ({ ...y, actual: y.actual ?? new Decimal('1.00') })))).get(ACTUAL),
    ).toHaveLength(4);
  });
});
