import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { roundToCents, sumMoney } from '../../common/money/money.js';
import { shiftDays } from './day-numbers.js';
import { seededRandom } from './participants-demo.js';

/**
 * Receipts of the demo ledger, generated deterministically (seeded PRNG): per budget line a
 * share of the planned amount is spent, split into receipts typical of the category (monthly
 * salaries, fees, rent, travel, many small participant costs). Amounts are Decimal throughout;
 * the last receipt of a line takes the exact remainder, so every line adds up to the cent.
 */
export interface DemoPlanLine {
  code: string;
  fiscalYear: number;
  planned: Decimal;
}

export interface DemoReceipt {
  receiptNumber: string;
  code: string;
  fiscalYear: number;
  invoiceDate: LocalDate;
  paymentDate: LocalDate;
  payee: string;
  purpose: string;
  gross: Decimal;
  ineligible: Decimal;
  eligible: Decimal;
}

/** Typical eligible amount of one receipt, payees and purposes per category. */
const PROFILE: Record<string, { typical: number; payees: string[]; purposes: string[]; ineligibleShare?: number }> = {
  B1: {
    typical: 1800,
    payees: [
      'Bildungswerk Bergisch Land gGmbH',
      'Coaching Wupper e.V.',
      'Dr. Sommer Beratung',
      'Sprachschule Elberfeld',
      'Schuldnerberatung Barmen',
    ],
    purposes: ['Honorar Einzelcoaching', 'Honorar Gruppenworkshop', 'Bewerbungstraining', 'Sprachkurs Modul', 'Fachberatung'],
    ineligibleShare: 0.02,
  },
  B3: {
    typical: 85,
    payees: ['Deutsche Bahn AG', 'WSW mobil GmbH', 'Reisekostenabrechnung Mitarbeitende', 'Hotel am Döppersberg'],
    purposes: ['Dienstreise Netzwerktreffen', 'Fahrkarte Hausbesuch', 'Fortbildung Fachtag', 'Übernachtung Fachkonferenz'],
    ineligibleShare: 0.05,
  },
  B4: {
    typical: 900,
    payees: ['Druckerei Wuppertal KG', 'Agentur Talblick', 'Westdeutsche Zeitung'],
    purposes: ['Flyer Teilnehmerinnengewinnung', 'Anzeige Infoveranstaltung', 'Webseite Pflege'],
  },
  B5: {
    typical: 1200,
    payees: ['IT-Systemhaus Tal GmbH', 'Bürobedarf Barmen', 'Software Lizenzen AG'],
    purposes: ['Notebooks Beratungsteam', 'Lizenz Fallmanagement-Software', 'Drucker und Zubehör'],
    ineligibleShare: 0.03,
  },
  B6: {
    typical: 40,
    payees: [
      'Kita Sonnenschein',
      'WSW mobil GmbH',
      'Kinderbetreuung Nordstadt e.V.',
      'Teilnehmerin (Fahrtkostenerstattung)',
      'Familienzentrum Ostersbaum',
    ],
    purposes: ['Fahrtkosten Teilnehmerin', 'Kinderbetreuung während Maßnahme', 'Arbeitskleidung', 'Prüfungsgebühr'],
    ineligibleShare: 0.03,
  },
  B7: {
    typical: 15000,
    payees: ['Institut für Arbeitsmarktforschung Köln'],
    purposes: ['Evaluation Zwischenbericht', 'Evaluation Erhebungswelle'],
  },
  C: { typical: 5000, payees: ['Möbelhaus Vohwinkel'], purposes: ['Ausstattung Beratungsräume'] },
  D: { typical: 10000, payees: ['Diakonie Wuppertal'], purposes: ['Weiterleitung Projektpartner'] },
  E: { typical: 2000, payees: ['Jobcenter Wuppertal AöR'], purposes: ['Verwaltungspauschale'] },
};

const STAFF_MONTHLY = 4200;

export interface ReceiptOptions {
  cutoff: LocalDate;
  seed: number;
  /** Multiplies the number of scattered receipts (the scale generator sizes its ledgers with it); 1 = the demo. */
  density?: number;
}

/** Receipts for every plan line up to `cutoff`, spending 90–98 % of the line pro rata temporis. */
export function demoReceipts(lines: DemoPlanLine[], options: ReceiptOptions): DemoReceipt[] {
  const random = seededRandom(options.seed);
  const receipts: DemoReceipt[] = [];
  for (const line of [...lines].sort((a, b) => a.fiscalYear - b.fiscalYear || a.code.localeCompare(b.code))) {
    const first = `${line.fiscalYear}-01-01`;
    if (first > options.cutoff || line.planned.isZero()) continue;
    const last = `${line.fiscalYear}-12-31` < options.cutoff ? `${line.fiscalYear}-12-31` : options.cutoff;
    const months = Number(last.slice(5, 7));
    // The share spent of the line: part of the year elapsed × 90–98 %; a computed share, rounded half up to cents.
    const share = new Decimal(months).dividedBy(12).times(new Decimal(90 + Math.floor(random() * 9)).dividedBy(100));
    const budget = roundToCents(line.planned.times(share));
    const next = numbering(line);
    if (line.code === 'A') receipts.push(...salaries(line, budget, months, random, next));
    else if (line.code === 'B2') receipts.push(...rent(line, budget, months, next));
    else receipts.push(...scattered(line, budget, first, last, random, next, options.density ?? 1));
  }
  return receipts;
}

function numbering(line: DemoPlanLine): () => string {
  let n = 0;
  return () => `${line.fiscalYear}-${line.code}-${String(++n).padStart(5, '0')}`;
}

function salaries(line: DemoPlanLine, budget: Decimal, months: number, random: () => number, next: () => string): DemoReceipt[] {
  const staff = Math.max(1, Math.round(line.planned.dividedBy(12 * STAFF_MONTHLY).toNumber()));
  const perMonth = split(budget, months, random, 0.02);
  return perMonth.flatMap((monthly, m) => {
    const day = `${line.fiscalYear}-${String(m + 1).padStart(2, '0')}-27`;
    return split(monthly, staff, random, 0.15).map((amount, s) =>
      receipt(
        line,
        next(),
        day,
        day,
        `Personalkosten Stelle ${String(s + 1).padStart(2, '0')}`,
        `Gehalt ${day.slice(0, 7)} inkl. Arbeitgeberanteile`,
        amount,
      ),
    );
  });
}

function rent(line: DemoPlanLine, budget: Decimal, months: number, next: () => string): DemoReceipt[] {
  return split(budget, months, () => 0.5, 0).map((amount, m) => {
    const day = `${line.fiscalYear}-${String(m + 1).padStart(2, '0')}-03`;
    return receipt(
      line,
      next(),
      `${line.fiscalYear}-${String(m + 1).padStart(2, '0')}-01`,
      day,
      'Immobilien Wupperufer GmbH',
      `Miete Beratungsräume ${day.slice(0, 7)}`,
      amount,
    );
  });
}

function scattered(
  line: DemoPlanLine,
  budget: Decimal,
  first: LocalDate,
  last: LocalDate,
  random: () => number,
  next: () => string,
  density: number,
): DemoReceipt[] {
  const profile = PROFILE[line.code] ?? { typical: 1000, payees: ['Lieferant'], purposes: ['Projektausgabe'] };
  const count = Math.max(4, Math.round(budget.dividedBy(profile.typical).toNumber() * density));
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000);
  const days = Array.from({ length: count }, () => shiftDays(first, Math.floor(random() * (span + 1)))).sort();
  return split(budget, count, random, 0.6).map((eligible, i) => {
    const payee = profile.payees[Math.floor(random() * profile.payees.length)];
    const purpose = profile.purposes[Math.floor(random() * profile.purposes.length)];
    const hasIneligible = profile.ineligibleShare !== undefined && random() < profile.ineligibleShare;
    // A part that is not eligible (e.g. alcohol on a travel bill): a computed share, rounded half up to cents.
    const ineligible = hasIneligible ? roundToCents(eligible.times(0.1 + random() * 0.2)) : new Decimal(0);
    return {
      ...receipt(line, next(), shiftDays(days[i], -Math.floor(random() * 14)), days[i], payee, purpose, eligible),
      ineligible,
      gross: eligible.plus(ineligible),
    };
  });
}

function receipt(
  line: DemoPlanLine,
  receiptNumber: string,
  invoiceDate: LocalDate,
  paymentDate: LocalDate,
  payee: string,
  purpose: string,
  eligible: Decimal,
): DemoReceipt {
  return {
    receiptNumber,
    code: line.code,
    fiscalYear: line.fiscalYear,
    invoiceDate,
    paymentDate,
    payee,
    purpose,
    gross: eligible,
    ineligible: new Decimal(0),
    eligible,
  };
}

/**
 * Splits `total` into `parts` positive amounts with random weights in [1 − jitter, 1 + jitter]:
 * each part is the weighted share rounded half up to cents, the last takes the exact remainder.
 */
export function split(total: Decimal, parts: number, random: () => number, jitter: number): Decimal[] {
  const weights = Array.from({ length: parts }, () => new Decimal(1 - jitter + random() * 2 * jitter));
  const sum = sumMoney(weights);
  const amounts = weights.slice(0, -1).map((w) => roundToCents(total.times(w).dividedBy(sum)));
  amounts.push(total.minus(sumMoney(amounts)));
  return amounts;
}
