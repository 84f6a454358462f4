import { ImportFormat, MappingAction } from './imports.enums.js';
import { describeRule, firstMatchingRule, type MappingRule } from './mapping-rules.js';

const row = {
  format: ImportFormat.DATEV,
  account: '4120',
  contraAccount: '1200',
  costCentre: 'K100',
  costCentre2: null,
  text: 'Gehalt März',
  counterparty: 'Lohnbüro',
};

describe('mapping rules', () => {
  const rules: MappingRule[] = [
    { format: ImportFormat.CAMT, action: MappingAction.IGNORE },
    { account: '49*', action: MappingAction.BOOK, costCategoryCode: 'B2' },
    { costCentre: 'K1*', textContains: 'GEHALT', action: MappingAction.BOOK, costCategoryCode: 'A' },
    { action: MappingAction.IGNORE, description: 'alles andere' },
  ];

  it('takes the first rule whose given conditions all hold (prefix patterns, case-insensitive text)', () => {
    expect(firstMatchingRule(rules, row)).toEqual({ number: 3, rule: rules[2] });
    expect(firstMatchingRule(rules, { ...row, account: '4910' })?.number).toBe(2);
    expect(firstMatchingRule(rules, { ...row, format: ImportFormat.CAMT })?.number).toBe(1);
    expect(firstMatchingRule(rules, { ...row, text: 'Miete' })?.number).toBe(4);
    expect(firstMatchingRule(rules.slice(0, 3), { ...row, text: 'Miete' })).toBeUndefined();
  });

  it('matches KOST2 as a cost centre too, and text in the counterparty', () => {
    expect(
      firstMatchingRule([rules[2]], { ...row, costCentre: null, costCentre2: 'K120', text: 'x', counterparty: 'Gehaltsabrechnung GmbH' })
        ?.number,
    ).toBe(1);
  });

  it('describes a rule for the preview', () => {
    expect(describeRule(2, rules[1])).toBe('rule 2 (account 49*)');
    expect(describeRule(4, rules[3])).toBe('rule 4 (alles andere)');
  });
});
