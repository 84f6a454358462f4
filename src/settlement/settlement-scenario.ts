import { Decimal } from 'decimal.js';

import { type FundingSourceKind } from '../budget/budget.enums.js';
import { badInput } from '../common/errors/app-error.js';
import { roundToCents } from '../common/money/money.js';
import { ScenarioBasis, type SettlementScenarioInput } from './dto/settlement.args.js';
import { eur, percent } from './german-text.js';
import { OTHER_SOURCES, type OtherSource, SOURCE_LABELS, type SettlementInput } from './settlement.js';

/** A known cost category of the programme, for a what-if that names one the project has not used yet. */
export interface KnownCategory {
  id: string;
  code: string;
  name: string;
  sortOrder: number;
}

/**
 * Turns the booked figures into a what-if: the named categories at a percentage of their plan
 * (rounded half up to cents: a computed share) or at an amount, the others at their plan or as
 * booked, named sources of cover at an amount, payouts as assumed. Each assumption is written
 * into the settlement's steps. Refuses a bad scenario with BAD_USER_INPUT naming the field.
 */
export function applyScenario(input: SettlementInput, scenario: SettlementScenarioInput, known: readonly KnownCategory[]): SettlementInput {
  const assumptions: string[] = [];
  const categories = input.categories.map((c) => ({ ...c }));
  const byId = new Map(categories.map((c) => [c.costCategoryId, c]));
  const named = new Set<string>();
  scenario.categories.forEach((s, i) => {
    const field = `whatIf.categories.${i}`;
    if ((s.percentOfPlan == null) === (s.amount == null))
      throw badInput(field, 'Give either percentOfPlan or amount for each category of a what-if.');
    if (named.has(s.costCategoryId)) throw badInput(`${field}.costCategoryId`, 'Each category may appear once in a what-if.');
    named.add(s.costCategoryId);
    let category = byId.get(s.costCategoryId);
    if (!category) {
      const k = known.find((c) => c.id === s.costCategoryId);
      if (!k) throw badInput(`${field}.costCategoryId`, "This is not a cost category of the project's programme.");
      category = {
        costCategoryId: k.id,
        code: k.code,
        name: k.name,
        sortOrder: k.sortOrder,
        planned: new Decimal(0),
        actual: new Decimal(0),
        assumption: null,
      };
      categories.push(category);
      byId.set(k.id, category);
    }
    if (s.percentOfPlan != null) {
      if (s.percentOfPlan.isNegative()) throw badInput(`${field}.percentOfPlan`, 'A percentage of the plan cannot be negative.');
      // A computed share of the plan: rounded half up to cents here.
      category.actual = roundToCents(category.planned.times(s.percentOfPlan).dividedBy(100));
      category.assumption = `${percent(s.percentOfPlan)} des Solls`;
      assumptions.push(
        `${category.code} ${category.name}: ${percent(s.percentOfPlan)} des Solls von ${eur(category.planned)} = ${eur(category.actual)}`,
      );
    } else {
      if (s.amount!.isNegative()) throw badInput(`${field}.amount`, 'Assumed spending cannot be negative.');
      category.actual = s.amount!;
      category.assumption = 'angenommen';
      assumptions.push(`${category.code} ${category.name}: ${eur(category.actual)} angenommen`);
    }
  });
  const unlisted = categories.filter((c) => !named.has(c.costCategoryId));
  if (scenario.unlisted === ScenarioBasis.PLAN) {
    for (const c of unlisted) {
      c.actual = c.planned;
      c.assumption = 'wie geplant';
    }
    if (unlisted.length) assumptions.push(`Übrige Ausgabepositionen (${unlisted.map((c) => c.code).join(', ')}): Ausgaben wie geplant`);
  } else if (unlisted.length) {
    assumptions.push(`Übrige Ausgabepositionen (${unlisted.map((c) => c.code).join(', ')}): wie gebucht`);
  }

  const actualCover = { ...input.actualCover };
  const seen = new Set<FundingSourceKind>();
  scenario.income.forEach((s, i) => {
    const field = `whatIf.income.${i}`;
    if (!OTHER_SOURCES.includes(s.fundingSource as OtherSource))
      throw badInput(
        `${field}.fundingSource`,
        'The federal grant is what the settlement computes; assume own funds, third-party funds or income.',
      );
    if (seen.has(s.fundingSource)) throw badInput(`${field}.fundingSource`, 'Each funding source may appear once in a what-if.');
    seen.add(s.fundingSource);
    if (s.amount.isNegative()) throw badInput(`${field}.amount`, 'Assumed income cannot be negative.');
    actualCover[s.fundingSource as OtherSource] = s.amount;
    assumptions.push(`${SOURCE_LABELS[s.fundingSource]}: ${eur(s.amount)} angenommen`);
  });
  let paidOut = input.paidOut;
  if (scenario.paidOut != null) {
    if (scenario.paidOut.isNegative()) throw badInput('whatIf.paidOut', 'Assumed payouts cannot be negative.');
    paidOut = scenario.paidOut;
    assumptions.push(`Ausgezahlte Zuwendung: ${eur(paidOut)} angenommen`);
  }
  return { ...input, categories, actualCover, paidOut, assumptions };
}
