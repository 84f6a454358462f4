import { cleanText, receiptKey } from './text-policy.js';

describe('text policy', () => {
  it.each([
    ['  RE-1 ', 'RE-1'],
    ['RE  -\u00a01', 'RE - 1'],
    ['Mu\u0308ller', 'Müller'],
    ['a\tb', 'a b'],
  ])('stores %j as %j', (input, stored) => {
    expect(cleanText(input, 'f')).toBe(stored);
  });

  it('keeps the line breaks of multi-line text', () => {
    expect(cleanText(' line one\n\nline\u00a0 two ', 'f')).toBe('line one\n\nline two');
  });

  it.each(['a\u0000b', 'x\ud800', '\udc00x', '\u001b[31m', 'R\u200b1', '\ufeffR', 'R\u202e1', 'a\u0085b'])(
    'refuses %j naming the field',
    (input) => {
      expect(() => cleanText(input, 'receipt.payee')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'receipt.payee' }) }),
      );
    },
  );

  it('accepts emoji (a valid surrogate pair)', () => {
    expect(cleanText('Café 😀', 'f')).toBe('Café 😀');
  });

  it('compares receipt numbers by one key', () => {
    expect(new Set([' RE-2024-77', 'RE-2024-77 ', 're-2024-77', 'RE-2024-77\u00a0', 'RE-2024-77\n']).size).toBe(5);
    expect(new Set([' RE-2024-77', 'RE-2024-77 ', 're-2024-77', 'RE-2024-77\u00a0', 'RE-2024-77\n'].map(receiptKey))).toEqual(
      new Set(['re-2024-77']),
    );
  });
});
