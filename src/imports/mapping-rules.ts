import { type ImportFormat, type MappingAction } from './imports.enums.js';

/**
 * One mapping rule: conditions (all that are given must hold) and what to do with a matching row.
 * Rules are tried in order; the first match wins.
 */
export interface MappingRule {
  description?: string | null;
  /** Only rows of this format. */
  format?: ImportFormat | null;
  /** The row's account (DATEV Konto, CSV account column): exact, or a prefix ending in `*` ("41*"). */
  account?: string | null;
  /** The contra account (DATEV Gegenkonto), same syntax. */
  contraAccount?: string | null;
  /** A cost centre (DATEV KOST1 or KOST2), same syntax. */
  costCentre?: string | null;
  /** Text that the booking text, remittance information or counterparty contains (case-insensitive). */
  textContains?: string | null;
  action: MappingAction;
  /** For BOOK: the cost category (code of the programme, e.g. "B1"). */
  costCategoryCode?: string | null;
  /** For BOOK: the measure the spending belongs to. */
  measureId?: string | null;
}

/** The fields of a staged row that rules look at. */
export interface RuleSubject {
  format: ImportFormat;
  account?: string | null;
  contraAccount?: string | null;
  costCentre?: string | null;
  costCentre2?: string | null;
  text: string;
  counterparty: string;
}

/** The first rule that matches, with its 1-based number; undefined when none does. */
export function firstMatchingRule(rules: readonly MappingRule[], row: RuleSubject): { number: number; rule: MappingRule } | undefined {
  for (let i = 0; i < rules.length; i++) if (matches(rules[i], row)) return { number: i + 1, rule: rules[i] };
  return undefined;
}

function matches(rule: MappingRule, row: RuleSubject): boolean {
  if (rule.format && rule.format !== row.format) return false;
  if (rule.account && !pattern(rule.account, row.account)) return false;
  if (rule.contraAccount && !pattern(rule.contraAccount, row.contraAccount)) return false;
  if (rule.costCentre && !pattern(rule.costCentre, row.costCentre) && !pattern(rule.costCentre, row.costCentre2)) return false;
  if (rule.textContains) {
    const needle = rule.textContains.toLocaleLowerCase('de');
    if (!row.text.toLocaleLowerCase('de').includes(needle) && !row.counterparty.toLocaleLowerCase('de').includes(needle)) return false;
  }
  return true;
}

/** Exact match, or a prefix when the pattern ends in `*`. No regular expressions: rules are data typed by clerks. */
function pattern(expected: string, actual: string | null | undefined): boolean {
  if (!actual) return false;
  return expected.endsWith('*') ? actual.startsWith(expected.slice(0, -1)) : actual === expected;
}

/** A rule in words, for reasons shown in the preview. */
export function describeRule(number: number, rule: MappingRule): string {
  if (rule.description) return `rule ${number} (${rule.description})`;
  const parts = [
    rule.format && `format ${rule.format}`,
    rule.account && `account ${rule.account}`,
    rule.contraAccount && `contra account ${rule.contraAccount}`,
    rule.costCentre && `cost centre ${rule.costCentre}`,
    rule.textContains && `text contains "${rule.textContains}"`,
  ].filter(Boolean);
  return `rule ${number} (${parts.join(', ') || 'every row'})`;
}
