import { randomUUID } from 'node:crypto';

import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/** Values that pass the schema's own coercion for each scalar; the resolvers may still refuse them. */
const SCALAR_SAMPLES: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  String: () => `gen-${randomUUID().slice(0, 8)}`,
  Int: () => 1,
  Float: () => 1,
  Boolean: () => false,
  Decimal: () => '1.00',
  Percent: () => '100.00',
  LocalDate: () => '2024-01-01',
  DateTime: () => new Date().toISOString(),
};

/** A sample value for a required input: every non-null field filled, optional ones left out. */
export function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type)]));
  }
  if (isScalarType(type)) return (SCALAR_SAMPLES[type.name] ?? (() => 'x'))();
  throw new Error(`no sample for ${String(type)}`);
}

/**
 * A document that calls one root field with generated values for its required arguments and
 * selects only `__typename`: valid against the schema, so the request reaches the guard and the
 * resolver. Used to cover every operation, including ones added later, without hand-written calls.
 */
export function callDocument(
  schema: GraphQLSchema,
  type: 'Query' | 'Mutation',
  name: string,
): { query: string; variables: Record<string, unknown> } {
  const root = type === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[name];
  if (!field) throw new Error(`${type}.${name} is not in the schema`);
  const required = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
  const definitions = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${type.toLowerCase()}${definitions ? `(${definitions})` : ''} { ${name}${args ? `(${args})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(required.map((a) => [a.name, sampleValue(a.type)])) };
}
