import { Decimal } from 'decimal.js';
import { GraphQLScalarType, Kind } from 'graphql';

import { MoneyParseError, parseDecimalText } from './money.js';

const NOT_A_STRING = 'A percentage must be given as a string such as "90.00".';

/** GraphQL `Percent`: a percentage as a string with exactly two decimals ("90.00"); stored as numeric(5,2). */
export const PercentScalar = new GraphQLScalarType<Decimal, string>({
  name: 'Percent',
  description: 'A percentage as a string with two decimals, e.g. "90.00" for 90 %. At most three integer digits.',
  serialize(value) {
    if (value instanceof Decimal) return value.toFixed(2);
    return parseDecimalText(value, 3, NOT_A_STRING).toFixed(2);
  },
  parseValue: (value) => parseDecimalText(value, 3, NOT_A_STRING),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new MoneyParseError(NOT_A_STRING);
    return parseDecimalText(ast.value, 3, NOT_A_STRING);
  },
});
