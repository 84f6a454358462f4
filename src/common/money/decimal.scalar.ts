import { Decimal } from 'decimal.js';
import { GraphQLScalarType, Kind } from 'graphql';

import { CANONICAL_MONEY, formatMoney, MoneyParseError, parseMoney } from './money.js';

/**
 * GraphQL `Decimal`: an EUR amount as a string with exactly two decimals ("1234.50").
 * Input must be a string; a JSON number would already have passed through a float.
 */
export const DecimalScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Decimal',
  description:
    'An amount in EUR as a string with exactly two decimals, e.g. "1234.50". Input accepts up to two decimals and at most 12 integer digits; no exponent notation.',
  serialize(value) {
    if (value instanceof Decimal) return formatMoney(value);
    // numeric(14,2) as text from PostgreSQL is already canonical: no Decimal for each cell of a page.
    if (typeof value === 'string' && CANONICAL_MONEY.test(value)) return value;
    if (typeof value === 'string') return formatMoney(parseMoney(value));
    throw new TypeError('Decimal cannot serialise a non-decimal value.');
  },
  parseValue(value) {
    return parse(value);
  },
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new MoneyParseError('An amount must be given as a string such as "1234.50".');
    }
    return parse(ast.value);
  },
});

function parse(value: unknown): Decimal {
  // Exactly as the README states: no surrounding white space, BOM or non-breaking space.
  if (typeof value === 'string' && value !== value.trim()) {
    throw new MoneyParseError(
      `"${value.trim().slice(0, 20)}" has spaces or invisible characters around it; write the amount alone, like "1234.50".`,
    );
  }
  // MoneyParseError is a plain Error on purpose: graphql-js wraps it with the variable path,
  // which the error formatter turns into the offending field.
  return parseMoney(value);
}
