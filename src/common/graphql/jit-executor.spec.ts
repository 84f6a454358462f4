import {
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  getOperationAST,
  parse,
} from 'graphql';

import { jitGateway } from './jit-executor.js';

const Money = new GraphQLScalarType({
  name: 'Money',
  parseValue(value) {
    if (typeof value !== 'string') throw new TypeError('Money must be text like "12.50".');
    return value;
  },
  serialize: (value) => value,
});

const Scenario = new GraphQLInputObjectType({
  name: 'Scenario',
  fields: {
    percent: { type: Money },
    tags: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), defaultValue: [] },
  },
});

const Row = new GraphQLObjectType({
  name: 'Row',
  fields: {
    n: { type: new GraphQLNonNull(GraphQLInt) },
    secret: {
      type: GraphQLString,
      resolve: () => {
        throw Object.assign(new Error('not for you'), { extensions: { code: 'FORBIDDEN' } });
      },
    },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      rows: {
        type: new GraphQLList(Row),
        args: { first: { type: GraphQLInt }, min: { type: Money } },
        resolve: (_root, args: { first?: number }) => Array.from({ length: args.first ?? 2 }, (_, n) => ({ n })),
      },
      scenario: { type: GraphQLString, args: { s: { type: Scenario } }, resolve: (_root, args) => JSON.stringify(args.s) },
    },
  }),
});

/**
 * Runs a document twice, as Apollo hands a repeated query over (the same parsed document): the
 * first time on graphql-js, the second compiled. Both answers must agree; the compiled one is returned.
 */
async function run(query: string, variables: Record<string, unknown> = {}) {
  const gateway = jitGateway(schema);
  const { executor } = await gateway.load({ apollo: {} });
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const once = () => executor!({ document, operation, operationName: null, context: {}, request: { query, variables } } as never);
  const first = await once();
  const second = await once();
  expect(JSON.parse(JSON.stringify(second))).toEqual(JSON.parse(JSON.stringify(first)));
  return second;
}

describe('jitGateway', () => {
  it('compiles a document only when it comes a second time (a stream of one-off documents costs no compilation)', async () => {
    const gateway = jitGateway(schema);
    const { executor } = await gateway.load({ apollo: {} });
    const send = async (query: string) => {
      const document = parse(query);
      const operation = getOperationAST(document)!;
      const request = { document, operation, operationName: null, context: {}, request: { query, variables: {} } };
      return { document, answer: await executor!(request as never), again: () => executor!(request as never) };
    };
    for (let n = 1; n <= 20; n++) expect((await send(`{ rows(first: ${n}) { n } }`)).answer).toEqual({ data: { rows: expect.any(Array) } });
    expect(gateway.compiledDocuments()).toBe(0);
    const repeated = await send('{ rows(first: 3) { n } }');
    expect(gateway.compiledDocuments()).toBe(0);
    expect(await repeated.again()).toEqual(repeated.answer);
    expect(gateway.compiledDocuments()).toBe(1);
  });

  it('answers a read of plain variables', async () => {
    expect(await run('query($f: Int) { rows(first: $f) { n } }', { f: 3 })).toEqual({ data: { rows: [{ n: 0 }, { n: 1 }, { n: 2 }] } });
  });

  it('names a refused scalar variable the way graphql-js does (the error formatter reads the field from it)', async () => {
    const result = await run('query($m: Money) { rows(min: $m) { n } }', { m: 12 });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].message).toBe('Variable "$m" got invalid value 12; Expected type "Money". Money must be text like "12.50".');
    expect(result.errors?.[0].nodes?.[0].kind).toBe('VariableDefinition');
  });

  it("applies an input field's default value (graphql-jit alone would refuse the variable)", async () => {
    const result = await run('query($s: Scenario) { scenario(s: $s) }', { s: { percent: '70.00' } });
    expect(result).toEqual({ data: { scenario: '{"percent":"70.00","tags":[]}' } });
  });

  it('hands resolver errors on as graphql-js errors with path, location, extensions and the original error', async () => {
    const result = await run('{ rows(first: 1) { n secret } }');
    expect(result.data).toEqual({ rows: [{ n: 0, secret: null }] });
    const error = result.errors![0];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ message: 'not for you', path: ['rows', 0, 'secret'], extensions: { code: 'FORBIDDEN' } });
    expect(error.locations).toEqual([{ line: 1, column: 22 }]);
    expect(error.originalError?.message).toBe('not for you');
    // graphql-jit's own errors have a read-only message; Apollo and our formatter may set it.
    expect(() => Object.assign(error, { message: 'masked' })).not.toThrow();
  });
});
