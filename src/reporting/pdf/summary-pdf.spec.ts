import { sampleProof } from '../test-fixture.js';
import { niceMax, spendingChartSvg } from './spending-chart.js';
import { renderSummaryPdf } from './summary-pdf.js';

describe('PDF summary', () => {
  it('is byte-identical for the same data and as-of date, with the as-of date as document date', async () => {
    const { data, chart } = sampleProof();
    const first = await renderSummaryPdf(data, chart);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderSummaryPdf(data, chart);
    expect(first.equals(second)).toBe(true);
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    const other = await renderSummaryPdf({ ...data, header: { ...data.header, asOf: '2024-03-02' } }, chart);
    expect(other.equals(first)).toBe(false);
  });

  it('draws planned and actual bars per year and the cumulative burn lines', () => {
    const svg = spendingChartSvg(sampleProof().chart);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect /g)!.length).toBe(2 + 3 * 2); // legend + two bars per year
    expect(svg.match(/<polyline /g)!.length).toBe(2);
    expect(svg).toContain('>2023<');
    expect(niceMax(1234)).toBe(2000);
    expect(niceMax(5000)).toBe(5000);
  });
});
