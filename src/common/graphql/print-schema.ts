import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The committed schema.gql form: sorted, so that diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
