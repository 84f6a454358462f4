import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { graphql, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';

import { DecimalScalar } from './decimal.scalar.js';
import { formatMoney, MoneyParseError, moneyText, parseMoney, roundToCents } from './money.js';

describe('parseMoney', () => {
  it.each([
    ['0.10', '0.10'],
    ['0.01', '0.01'],
    ['9999999999.99', '9999999999.99'],
    ['999999999999.99', '999999999999.99'],
    ['10000000', '10000000.00'],
    ['-12.5', '-12.50'],
    ['0', '0.00'],
  ])('round-trips %s as %s', (input, expected) => {
    expect(formatMoney(parseMoney(input))).toBe(expected);
  });

  it.each([
    ['non-numeric', 'abc', /not an amount/],
    ['empty', '', /not an amount/],
    ['NaN', 'NaN', /not an amount/],
    ['Infinity', 'Infinity', /not an amount/],
    ['-Infinity', '-Infinity', /not an amount/],
    ['exponent', '1e3', /not an amount/],
    ['exponent with sign', '1.5E+2', /not an amount/],
    ['three decimals', '1.005', /more than two decimals/],
    ['13 integer digits', '1000000000000', /too large/],
    ['hex', '0x10', /not an amount/],
    ['comma decimal', '1,50', /not an amount/],
  ])('rejects %s (%s)', (_name, input, message) => {
    expect(() => parseMoney(input)).toThrow(MoneyParseError);
    expect(() => parseMoney(input)).toThrow(message);
  });

  it('rejects a JSON number, which has already passed through a float', () => {
    expect(() => parseMoney(0.1)).toThrow(/must be given as a string/);
  });

  it('formats with exactly two decimals (decimal.js alone drops trailing zeros)', () => {
    expect(new Decimal('0.10').toFixed()).toBe('0.1');
    expect(formatMoney(new Decimal('0.10'))).toBe('0.10');
  });

  it.each([
    ['0', '0.00'],
    ['-0', '0.00'],
    ['-0.1', '-0.10'],
    ['999999999999.99', '999999999999.99'],
    ['1e21', '1000000000000000000000.00'],
    ['1.005', '1.01'],
    ['-1.005', '-1.01'],
    ['0.00000001', '0.00'],
    ['123.456789', '123.46'],
  ])('formats %s as %s', (input, expected) => {
    expect(formatMoney(new Decimal(input))).toBe(expected);
  });

  it('gives exactly what toFixed(2, half up) gives, for amounts with any number of decimals', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => new Decimal(units.toString()).dividedBy(10 ** scale));
    fc.assert(fc.property(amount, (value) => formatMoney(value) === value.toFixed(2, Decimal.ROUND_HALF_UP)));
  });
});

describe('moneyText', () => {
  it('takes numeric(14,2) text as PostgreSQL writes it, and the scalar sends it unchanged', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n) + 1n, max: 10n ** 14n - 1n }), (cents) => {
        const text = new Decimal(cents.toString()).dividedBy(100).toFixed(2);
        expect(DecimalScalar.serialize(moneyText(text))).toBe(formatMoney(parseMoney(text)));
      }),
    );
  });

  it.each(['1234.5', '01.00', '1e3', '12.345', '', ' 1.00', '1000000000000.00'])('refuses %p, which is not numeric(14,2) text', (text) => {
    expect(() => moneyText(text)).toThrow(TypeError);
  });
});

describe('roundToCents', () => {
  it.each([
    ['0.005', '0.01'],
    ['0.004999', '0.00'],
    ['-0.005', '-0.01'],
    ['2.675', '2.68'],
  ])('rounds %s half up to %s', (input, expected) => {
    expect(formatMoney(roundToCents(new Decimal(input)))).toBe(expected);
  });
});

describe('DecimalScalar', () => {
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        echo: {
          type: GraphQLString,
          args: { amount: { type: DecimalScalar } },
          resolve: (_root, args: { amount: Decimal }) => formatMoney(args.amount),
        },
        total: { type: DecimalScalar, resolve: () => new Decimal('10000000') },
      },
    }),
  });

  it('serialises with two decimals', async () => {
    const result = await graphql({ schema, source: '{ total }' });
    expect(result.data).toEqual({ total: '10000000.00' });
  });

  it.each([
    ['123.40', '123.40'],
    ['-0.01', '-0.01'],
    ['0.00', '0.00'],
    ['1.5', '1.50'],
    ['007.00', '7.00'],
    ['12', '12.00'],
    ['-5.1', '-5.10'],
  ])('serialises the stored text %s as %s', (text, expected) => {
    expect(DecimalScalar.serialize(text)).toBe(expected);
  });

  it('refuses to serialise text that is not an amount', () => {
    expect(() => DecimalScalar.serialize('1.234')).toThrow();
    expect(() => DecimalScalar.serialize('1e3')).toThrow();
  });

  it('parses variables and literals', async () => {
    const fromVariable = await graphql({ schema, source: 'query($a: Decimal) { echo(amount: $a) }', variableValues: { a: '0.1' } });
    expect(fromVariable.data).toEqual({ echo: '0.10' });
    const fromLiteral = await graphql({ schema, source: '{ echo(amount: "9999999999.99") }' });
    expect(fromLiteral.data).toEqual({ echo: '9999999999.99' });
  });

  it.each(['abc', 'NaN', 'Infinity', '1e5', '0.001', '1234567890123'])('refuses the variable %s with a message', async (bad) => {
    const result = await graphql({ schema, source: 'query($a: Decimal) { echo(amount: $a) }', variableValues: { a: bad } });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].message).toMatch(/Variable "\$a" got invalid value/);
  });

  it('refuses a number literal', async () => {
    const result = await graphql({ schema, source: '{ echo(amount: 12.5) }' });
    expect(result.errors?.[0].message).toMatch(/must be given as a string/);
  });
});
