import { Decimal } from 'decimal.js';

import { FundingSourceKind } from '../budget/budget.enums.js';
import { addDays, daysBetween, type LocalDate } from '../common/dates/local-date.js';
import { roundToCents, ZERO } from '../common/money/money.js';
import { FinancingType } from '../programs/programs.enums.js';
import { type BaseRate, interestOwed, interestPieces } from '../tranches/interest.js';
import { INTEREST_SURCHARGE_POINTS } from '../tranches/tranches.enums.js';
import { eur, germanDate, germanNumber, percent } from './german-text.js';

/** The cover besides the grant, in the order of the form. */
export const OTHER_SOURCES = [FundingSourceKind.OWN_FUNDS, FundingSourceKind.THIRD_PARTY_FUNDS, FundingSourceKind.INCOME] as const;
export type OtherSource = (typeof OTHER_SOURCES)[number];

export const SOURCE_LABELS: Record<FundingSourceKind, string> = {
  [FundingSourceKind.FEDERAL_GRANT]: 'Zuwendung',
  [FundingSourceKind.OWN_FUNDS]: 'Eigenmittel',
  [FundingSourceKind.THIRD_PARTY_FUNDS]: 'Drittmittel',
  [FundingSourceKind.INCOME]: 'sonstige Einnahmen',
};

export interface SettlementCategory {
  costCategoryId: string;
  code: string;
  name: string;
  sortOrder: number;
  /** Soll of the plan in force, whole approval period. */
  planned: Decimal;
  /** Eligible spending (or the what-if assumption). */
  actual: Decimal;
  /** What a what-if assumed for this category, in words; null for the booked figure. */
  assumption: string | null;
}

/** Everything the settlement is computed from; loaded (or assumed, for a what-if) by the caller. */
export interface SettlementInput {
  financingType: FinancingType;
  /** Fördersatz in percent (share financing). */
  fundingRate: Decimal;
  /** The grant of the decision: the most it can ever be (Höchstbetrag). */
  approvedTotal: Decimal;
  /** Number of the plan revision in force. */
  revisionNumber: number;
  categories: readonly SettlementCategory[];
  plannedCover: Readonly<Record<OtherSource, Decimal>>;
  actualCover: Readonly<Record<OtherSource, Decimal>>;
  /** Payouts net of repayments and reclaims up to the as-of date. */
  paidOut: Decimal;
  /** Cut-off day: spending and income up to it; reclaim interest runs up to and including it. */
  asOf: LocalDate;
  /** The day the reclaim is due: § 49a (3) interest runs from it. */
  reclaimDueDate: LocalDate;
  baseRates: readonly BaseRate[];
  /** Set for a what-if: the assumptions, in words. */
  assumptions?: readonly string[];
}

export interface SettlementStep {
  number: number;
  label: string;
  /** How the figure comes about, in words and figures. */
  detail: string;
  /** The figure of the step in cents; null for a step that only explains. */
  amount: Decimal | null;
}

export interface SettlementCover {
  kind: OtherSource;
  planned: Decimal;
  actual: Decimal;
  /** What the settlement counts as cover (e.g. own funds at least as planned in deficit financing). */
  counted: Decimal;
}

export interface ReclaimInterest {
  from: LocalDate;
  /** Inclusive. */
  until: LocalDate;
  days: number;
  amount: Decimal;
  pieces: { from: LocalDate; until: LocalDate; days: number; baseRatePercent: Decimal; yearlyPercent: Decimal; exact: Decimal }[];
}

/** Schlussabrechnung: the final grant after ANBest-P Nr. 2 and what follows from it, with every step. */
export interface Settlement {
  financingType: FinancingType;
  fundingRate: Decimal;
  approvedTotal: Decimal;
  revisionNumber: number;
  asOf: LocalDate;
  reclaimDueDate: LocalDate;
  whatIf: boolean;
  assumptions: string[];
  categories: SettlementCategory[];
  plannedExpenditure: Decimal;
  eligibleExpenditure: Decimal;
  cover: SettlementCover[];
  /** Zuwendung endgültig: never above the approved total, never below zero. */
  finalGrant: Decimal;
  paidOut: Decimal;
  /** paidOut − finalGrant: positive is an overpayment, negative an underpayment. */
  balance: Decimal;
  overpayment: Decimal;
  underpayment: Decimal;
  /** The amount to pay back (= the overpayment). */
  reclaim: Decimal;
  interest: ReclaimInterest;
  /** reclaim + interest. */
  totalDue: Decimal;
  steps: SettlementStep[];
}

const SURCHARGE = new Decimal(INTEREST_SURCHARGE_POINTS);

/**
 * The settlement of a grant (Schlussabrechnung) after ANBest-P Nr. 2 (later reduction of the
 * expenditure or change of the financing), as a pure, exact function:
 *
 * - full financing (Vollfinanzierung) and deficit financing (Fehlbedarfsfinanzierung), Nr. 2.2: the
 *   grant falls by the full saving and by every additional cover: grant = eligible spending − own
 *   funds − third-party funds − income, where own funds count at least as planned (the own share
 *   must always be provided in full), at most the approved grant;
 * - share financing (Anteilfinanzierung), Nr. 2.1: the grant falls proportionally with the other
 *   sources and the own share: grant = funding rate × (eligible spending − third-party funds and
 *   income beyond the plan), rounded half up to cents (the one rounding of the grant), at most the
 *   approved grant;
 * - fixed-amount financing (Festbetragsfinanzierung): the fixed amount, reduced only when eligible
 *   spending falls below it (then to the spending).
 *
 * Then: paid out against the final grant; an overpayment is reclaimed with § 49a (3) VwVfG interest
 * from its due date up to and including the as-of date (per day, base rate + 5 points / 365,
 * summed exactly, rounded once; the tranches module's interest function). Amounts are Decimal
 * throughout; every step is explained in German, the language of the proof.
 */
export function settle(input: SettlementInput): Settlement {
  const steps: SettlementStep[] = [];
  const step = (label: string, detail: string, amount: Decimal | null) => steps.push({ number: steps.length + 1, label, detail, amount });
  const categories = [...input.categories].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const plannedExpenditure = sum(categories.map((c) => c.planned));
  const eligibleExpenditure = sum(categories.map((c) => c.actual));
  const whatIf = (input.assumptions?.length ?? 0) > 0;

  for (const assumption of input.assumptions ?? []) step('Annahme (Was-wäre-wenn)', assumption, null);
  step(
    `Zuwendungsfähige Ausgaben lt. Finanzierungsplan (Änderungsstand ${input.revisionNumber})`,
    `Summe der ${categories.length} Ausgabepositionen: ${categories.map((c) => `${c.code} ${eur(c.planned)}`).join(' + ') || '–'}`,
    plannedExpenditure,
  );
  step(
    whatIf ? 'Zuwendungsfähige Ausgaben (Ist bzw. Annahme)' : 'Zuwendungsfähige Ausgaben (Ist)',
    `${whatIf ? 'Gebuchte bzw. angenommene' : 'Gebuchte'} zuwendungsfähige Ausgaben bis ${germanDate(input.asOf)} (Stornos verrechnet, abgelehnte Belege nicht): ${
      categories.map((c) => `${c.code} ${eur(c.actual)}${c.assumption ? ` (${c.assumption})` : ''}`).join(' + ') || '–'
    }`,
    eligibleExpenditure,
  );
  const difference = eligibleExpenditure.minus(plannedExpenditure);
  step(
    difference.isNegative() ? 'Minderausgaben gegenüber dem Plan' : 'Mehrausgaben gegenüber dem Plan',
    `${eur(eligibleExpenditure)} − ${eur(plannedExpenditure)} = ${eur(difference)}`,
    difference,
  );
  for (const kind of OTHER_SOURCES) {
    step(
      `${SOURCE_LABELS[kind]} (Ist)`,
      `Soll lt. Finanzierungsplan ${eur(input.plannedCover[kind])}, Ist lt. Einnahmebuchungen ${eur(input.actualCover[kind])}`,
      input.actualCover[kind],
    );
  }

  const { finalGrant, counted } = grantByType(input, eligibleExpenditure, step);
  const cover = OTHER_SOURCES.map((kind) => ({
    kind,
    planned: input.plannedCover[kind],
    actual: input.actualCover[kind],
    counted: counted[kind],
  }));

  const balance = input.paidOut.minus(finalGrant);
  const overpayment = Decimal.max(balance, ZERO);
  const underpayment = Decimal.max(balance.negated(), ZERO);
  step(
    'Ausgezahlte Zuwendung',
    `Ausgezahlte Mittelabrufe abzüglich Rückzahlungen und Rückforderungen bis ${germanDate(input.asOf)}`,
    input.paidOut,
  );
  step(
    balance.isNegative() ? 'Unterzahlung' : 'Überzahlung',
    `Ausgezahlt ${eur(input.paidOut)} − Zuwendung endgültig ${eur(finalGrant)} = ${eur(balance)}`,
    balance,
  );

  const interest = reclaimInterest(overpayment, input);
  if (overpayment.gt(0)) {
    step('Erstattungsbetrag (§ 49a Abs. 1 VwVfG)', 'Die Überzahlung ist zu erstatten.', overpayment);
    if (interest.days === 0) {
      step(
        'Zinsen nach § 49a Abs. 3 VwVfG',
        `Keine: der Erstattungsbetrag ist ab ${germanDate(input.reclaimDueDate)} fällig, Stichtag ist ${germanDate(input.asOf)}.`,
        ZERO,
      );
    } else {
      for (const piece of interest.pieces) {
        step(
          `Zinsen ${germanDate(piece.from)} bis ${germanDate(piece.until)}`,
          `${piece.days} Tage × ${eur(overpayment)} × (Basiszinssatz ${percent(piece.baseRatePercent)} + 5 Prozentpunkte = ${percent(piece.yearlyPercent)}) / 365 = ${exactText(piece.exact)} EUR (ungerundet)`,
          null,
        );
      }
      const exact = sum(interest.pieces.map((p) => p.exact));
      step(
        'Zinsen nach § 49a Abs. 3 VwVfG',
        `${interest.days} Tage vom ${germanDate(interest.from)} bis ${germanDate(interest.until)}; Summe der Tageszinsen exakt ${exactText(exact)} EUR, einmal kaufmännisch auf Cent gerundet`,
        interest.amount,
      );
    }
    step('Gesamtforderung', `Erstattungsbetrag ${eur(overpayment)} + Zinsen ${eur(interest.amount)}`, overpayment.plus(interest.amount));
  } else if (underpayment.gt(0)) {
    step('Noch auszuzahlen', `Die endgültige Zuwendung übersteigt die Auszahlungen um ${eur(underpayment)}.`, underpayment);
  } else {
    step('Ausgeglichen', 'Ausgezahlte und endgültige Zuwendung stimmen überein.', ZERO);
  }

  return {
    financingType: input.financingType,
    fundingRate: input.fundingRate,
    approvedTotal: input.approvedTotal,
    revisionNumber: input.revisionNumber,
    asOf: input.asOf,
    reclaimDueDate: input.reclaimDueDate,
    whatIf,
    assumptions: [...(input.assumptions ?? [])],
    categories,
    plannedExpenditure,
    eligibleExpenditure,
    cover,
    finalGrant,
    paidOut: input.paidOut,
    balance,
    overpayment,
    underpayment,
    reclaim: overpayment,
    interest,
    totalDue: overpayment.plus(interest.amount),
    steps,
  };
}

type Step = (label: string, detail: string, amount: Decimal | null) => void;

/** The final grant by financing type (ANBest-P Nr. 2), with its steps; never above the approved total, never below zero. */
function grantByType(
  input: SettlementInput,
  eligible: Decimal,
  step: Step,
): { finalGrant: Decimal; counted: Record<OtherSource, Decimal> } {
  const planned = input.plannedCover;
  const actual = input.actualCover;
  const approved = input.approvedTotal;
  const capped = (value: Decimal) => Decimal.min(Decimal.max(value, ZERO), approved);
  switch (input.financingType) {
    case FinancingType.FULL:
    case FinancingType.DEFICIT: {
      const full = input.financingType === FinancingType.FULL;
      step(
        full ? 'Vollfinanzierung (ANBest-P Nr. 2.2)' : 'Fehlbedarfsfinanzierung (ANBest-P Nr. 2.2)',
        'Minderausgaben und jedes Mehr an Deckungsmitteln mindern die Zuwendung in voller Höhe; die Zuwendung deckt nur den Fehlbetrag, höchstens die bewilligte Zuwendung.',
        null,
      );
      const own = Decimal.max(planned[FundingSourceKind.OWN_FUNDS], actual[FundingSourceKind.OWN_FUNDS]);
      step(
        'Anzurechnende Eigenmittel',
        `Der Eigenanteil ist stets mindestens in der geplanten Höhe zu erbringen: höherer Wert aus Soll ${eur(planned[FundingSourceKind.OWN_FUNDS])} und Ist ${eur(actual[FundingSourceKind.OWN_FUNDS])}`,
        own,
      );
      const others = actual[FundingSourceKind.THIRD_PARTY_FUNDS].plus(actual[FundingSourceKind.INCOME]);
      const gap = eligible.minus(own).minus(others);
      step(
        'Fehlbetrag (nicht anders gedeckte Ausgaben)',
        `${eur(eligible)} − Eigenmittel ${eur(own)} − Drittmittel ${eur(actual[FundingSourceKind.THIRD_PARTY_FUNDS])} − sonstige Einnahmen ${eur(actual[FundingSourceKind.INCOME])} = ${eur(gap)}`,
        gap,
      );
      const finalGrant = capped(gap);
      step(
        'Zuwendung endgültig',
        `Fehlbetrag ${eur(gap)}, höchstens die bewilligte Zuwendung ${eur(approved)}, nicht unter 0,00 EUR`,
        finalGrant,
      );
      return {
        finalGrant,
        counted: {
          [FundingSourceKind.OWN_FUNDS]: own,
          [FundingSourceKind.THIRD_PARTY_FUNDS]: actual[FundingSourceKind.THIRD_PARTY_FUNDS],
          [FundingSourceKind.INCOME]: actual[FundingSourceKind.INCOME],
        },
      };
    }
    case FinancingType.SHARE: {
      step(
        'Anteilfinanzierung (ANBest-P Nr. 2.1)',
        `Minderausgaben und ein Mehr an Drittmitteln oder Einnahmen gegenüber dem Plan mindern die Zuwendung anteilig mit dem Fördersatz von ${percent(input.fundingRate)}; der Eigenanteil ist der übrige Anteil.`,
        null,
      );
      const plannedOthers = planned[FundingSourceKind.THIRD_PARTY_FUNDS].plus(planned[FundingSourceKind.INCOME]);
      const actualOthers = actual[FundingSourceKind.THIRD_PARTY_FUNDS].plus(actual[FundingSourceKind.INCOME]);
      const extra = Decimal.max(actualOthers.minus(plannedOthers), ZERO);
      step(
        'Mehr an Drittmitteln und Einnahmen gegenüber dem Plan',
        `Ist ${eur(actualOthers)} − Soll ${eur(plannedOthers)}; nur ein Mehr mindert die Zuwendung`,
        extra,
      );
      const base = Decimal.max(eligible.minus(extra), ZERO);
      step('Bemessungsgrundlage', `${eur(eligible)} − ${eur(extra)} = ${eur(base)}`, base);
      const exact = base.times(input.fundingRate).dividedBy(100);
      // The share is a computed part of an amount: rounded half up to cents here, and only here.
      const share = roundToCents(exact);
      step(
        'Anteil der Zuwendung',
        `${eur(base)} × ${percent(input.fundingRate)} = ${exactText(exact)} EUR, kaufmännisch auf Cent gerundet`,
        share,
      );
      const finalGrant = capped(share);
      step('Zuwendung endgültig', `Anteil ${eur(share)}, höchstens die bewilligte Zuwendung ${eur(approved)}`, finalGrant);
      return {
        finalGrant,
        counted: {
          [FundingSourceKind.OWN_FUNDS]: actual[FundingSourceKind.OWN_FUNDS],
          [FundingSourceKind.THIRD_PARTY_FUNDS]: actual[FundingSourceKind.THIRD_PARTY_FUNDS],
          [FundingSourceKind.INCOME]: actual[FundingSourceKind.INCOME],
        },
      };
    }
    case FinancingType.FIXED_AMOUNT: {
      step(
        'Festbetragsfinanzierung',
        'Der Festbetrag bleibt, solange die zuwendungsfähigen Ausgaben ihn erreichen; fallen sie darunter, ermäßigt sich die Zuwendung auf die Ausgaben. Mehr an Deckungsmitteln mindert den Festbetrag nicht.',
        null,
      );
      step('Festbetrag (bewilligte Zuwendung)', `lt. Zuwendungsbescheid`, approved);
      const finalGrant = capped(eligible);
      step(
        'Zuwendung endgültig',
        eligible.gte(approved)
          ? `Ausgaben ${eur(eligible)} erreichen den Festbetrag ${eur(approved)}: keine Ermäßigung`
          : `Ausgaben ${eur(eligible)} liegen unter dem Festbetrag ${eur(approved)}: Zuwendung = Ausgaben`,
        finalGrant,
      );
      return {
        finalGrant,
        counted: {
          [FundingSourceKind.OWN_FUNDS]: actual[FundingSourceKind.OWN_FUNDS],
          [FundingSourceKind.THIRD_PARTY_FUNDS]: actual[FundingSourceKind.THIRD_PARTY_FUNDS],
          [FundingSourceKind.INCOME]: actual[FundingSourceKind.INCOME],
        },
      };
    }
  }
}

/** § 49a (3) VwVfG on the reclaim from its due date up to and including the as-of date. */
function reclaimInterest(reclaim: Decimal, input: SettlementInput): ReclaimInterest {
  const from = input.reclaimDueDate;
  const end = addDays(input.asOf, 1);
  if (reclaim.lte(0) || end <= from) return { from, until: input.asOf, days: 0, amount: ZERO, pieces: [] };
  const spans = [{ from, to: end, amount: reclaim }];
  const rates = [...input.baseRates];
  return {
    from,
    until: input.asOf,
    days: daysBetween(from, end),
    amount: interestOwed(spans, rates, SURCHARGE),
    pieces: interestPieces(spans, rates, SURCHARGE).map((p) => ({
      from: p.from,
      until: addDays(p.to, -1),
      days: p.days,
      baseRatePercent: p.baseRatePercent,
      yearlyPercent: p.yearlyPercent,
      exact: p.interest,
    })),
  };
}

/** An unrounded figure for the explanation: up to six decimals, cut off with "…" where it goes on. */
export function exactText(value: Decimal): string {
  return value.decimalPlaces() > 6 ? `${germanNumber(value.toDecimalPlaces(6, Decimal.ROUND_DOWN), 6)}…` : germanNumber(value, 2);
}

function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, v) => total.plus(v), ZERO);
}
