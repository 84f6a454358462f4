import { GraphQLScalarType, Kind } from 'graphql';

import { isLocalDateText, type LocalDate, LocalDateParseError, parseLocalDate } from './local-date.js';

export const LocalDateScalar = new GraphQLScalarType<LocalDate, string>({
  name: 'LocalDate',
  description: 'A calendar date without time zone, written YYYY-MM-DD (e.g. "2022-01-01").',
  // Output comes from date columns (always calendar dates): the shape check suffices; anything else
  // gets the full check, so a wrong value still fails loudly instead of reaching a client.
  serialize: (value) => (isLocalDateText(value) ? value : parseLocalDate(value)),
  parseValue: (value) => parseLocalDate(value),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new LocalDateParseError('A date must be a string written YYYY-MM-DD.');
    return parseLocalDate(ast.value);
  },
});
