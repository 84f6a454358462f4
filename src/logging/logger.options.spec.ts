import type { IncomingMessage } from 'node:http';

import { requestContext } from './logger.options.js';

const req = (body: unknown, user?: { id: string }) => ({ body, user }) as unknown as IncomingMessage;

describe('request log context', () => {
  it('names the operation and the signed-in user', () => {
    expect(requestContext(req({ operationName: 'Budget', query: 'query Budget { x }' }, { id: 'u-1' }))).toEqual({
      operation: 'Budget',
      userId: 'u-1',
    });
    expect(requestContext(req({ query: 'mutation RecordReceipt($i: I!) { recordReceipt(input: $i) { id } }' }))).toEqual({
      operation: 'RecordReceipt',
    });
    expect(requestContext(req({ query: 'mutation($input: LoginInput!) { login(input: $input) { token } }' }))).toEqual({
      operation: 'login',
    });
    expect(requestContext(req({ query: '{ me { id } }' }))).toEqual({ operation: 'me' });
  });

  it('adds nothing for requests without a GraphQL body or user', () => {
    expect(requestContext(req(undefined))).toEqual({});
  });
});
