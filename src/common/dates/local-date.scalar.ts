import { GraphQLScalarType, Kind } from 'graphql';

import { type LocalDate, LocalDateParseError, parseLocalDate } from './local-date.js';

export const LocalDateScalar = new GraphQLScalarType<LocalDate, string>({
  name: 'LocalDate',
  description: 'A calendar date without time zone, written YYYY-MM-DD (e.g. "2022-01-01").',
  serialize: (value) => parseLocalDate(value),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new LocalDateParseError('A date must be a string written YYYY-MM-DD.');
    return parseLocalDate(ast.value);
  },
});
