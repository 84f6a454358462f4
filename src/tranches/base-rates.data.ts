/**
 * Basiszinssatz nach § 247 BGB as published by the Deutsche Bundesbank (Bundesanzeiger), valid from
 * the given date until the next entry. Seed data: the tracker keeps the rates as dated rows, and an
 * administrator adds each new rate (1 January / 1 July) when it is published.
 */
export const BASE_RATES_247_BGB: { validFrom: string; ratePercent: string }[] = [
  { validFrom: '2016-07-01', ratePercent: '-0.88' },
  { validFrom: '2023-01-01', ratePercent: '1.62' },
  { validFrom: '2023-07-01', ratePercent: '3.12' },
  { validFrom: '2024-01-01', ratePercent: '3.62' },
  { validFrom: '2024-07-01', ratePercent: '3.37' },
  { validFrom: '2025-01-01', ratePercent: '2.27' },
  { validFrom: '2025-07-01', ratePercent: '1.27' },
  { validFrom: '2026-01-01', ratePercent: '1.27' },
];
