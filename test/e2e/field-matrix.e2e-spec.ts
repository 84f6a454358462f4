import { jest } from '@jest/globals';

import { DEMO_USERS } from '../../src/database/seeders/demo-users.js';
import { FIELD_RULES } from '../../src/privacy/field-matrix.js';
import type { Role } from '../../src/auth/role.enum.js';
import { demoProjectId } from '../factories/participants.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

jest.setTimeout(300_000);

/**
 * The role × sensitive-field matrix (src/privacy/field-matrix.ts, the README table) checked through
 * the API for every demo role: a field the matrix grants comes back, one it denies is FORBIDDEN.
 */
const QUERIES: Record<string, string> = {
  'participants / participant (pseudonymous record)': 'nodes { id pseudonym }',
  'Participant.identity': 'nodes { id identity { lastName } }',
  'Participant.health': 'nodes { id health { hasDisability } }',
  'Participant.overrideJustification': 'nodes { id overrideJustification }',
};

describe('role × field matrix of participant data', () => {
  let t: TestApp;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestApp();
    projectId = await demoProjectId(t);
  });
  afterAll(() => t?.close());

  const cases = DEMO_USERS.flatMap((u) =>
    FIELD_RULES.filter((r) => QUERIES[r.field]).map((rule) => [u.username, u.role, rule.field] as const),
  );
  it.each(cases)('%s (%s) reading %s', async (username, role, field) => {
    const rule = FIELD_RULES.find((r) => r.field === field)!;
    const allowed = rule.access(role as Role) !== '—';
    const result = await t.gqlAs(
      username,
      `query($projectId: ID!) { participants(projectId: $projectId, first: 5) { ${QUERIES[field]} } }`,
      { projectId },
    );
    if (allowed) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.participants.nodes.length).toBeGreaterThan(0);
    } else {
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
