/**
 * Statistical disclosure control for analyst views (docs/domain.md#participants-and-data-protection): a cell counting fewer persons
 * than the programme's threshold (default 5) is suppressed. So that a suppressed cell cannot be
 * recovered by subtracting the shown cells from the shown total, a partition with exactly one
 * suppressed cell gets its next-smallest cell suppressed too (complementary suppression). A total
 * below the threshold suppresses the whole partition. Zero cells are shown: they describe nobody.
 */
export interface Cell {
  key: string;
  count: number;
}

export interface SuppressedCell {
  key: string;
  /** null when suppressed. */
  count: number | null;
  suppressed: boolean;
}

export function suppressPartition(total: number, cells: Cell[], threshold: number): { total: number | null; cells: SuppressedCell[] } {
  if (total > 0 && total < threshold) {
    return { total: null, cells: cells.map((c) => ({ key: c.key, count: null, suppressed: true })) };
  }
  const hidden = new Set(cells.filter((c) => c.count > 0 && c.count < threshold).map((c) => c.key));
  if (hidden.size === 1) {
    // The complement: the smallest other non-zero cell (ties broken by key, for a stable answer).
    const complement = cells
      .filter((c) => !hidden.has(c.key) && c.count > 0)
      .sort((a, b) => a.count - b.count || a.key.localeCompare(b.key))[0];
    if (complement) hidden.add(complement.key);
  }
  return {
    total,
    cells: cells.map((c) =>
      hidden.has(c.key) ? { key: c.key, count: null, suppressed: true } : { key: c.key, count: c.count, suppressed: false },
    ),
  };
}
