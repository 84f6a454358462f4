import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';

/** A minimal GraphQL-over-HTTP client for benchmarks: throws on GraphQL errors, signs in demo users. */
export function graphqlClient(endpoint: string) {
  const post = async (body: unknown, token?: string) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
    if (json.errors) throw new Error(JSON.stringify(json.errors));
    return json.data!;
  };
  const login = async (username: string) => {
    const password = DEMO_USERS.find((u) => u.username === username)!.password;
    return (await post({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: { username, password } } }))
      .login.token as string;
  };
  return { post, login };
}
