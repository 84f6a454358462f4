import { randomInt } from 'node:crypto';

import type { TestApp } from '../setup/test-app.js';

let serialNumber = 0;

/** A unique, eligible woman for the demo project's women's track; override any field. */
export function registration(projectId: string, overrides: Record<string, unknown> = {}, identity: Record<string, unknown> = {}) {
  // Unique within a test file (each file gets its own database); the demo's numbers start with 10–65.
  const serial = String(++serialNumber % 1000).padStart(3, '0');
  return {
    projectId,
    identity: {
      firstName: `Testa${randomInt(1e6, 1e7)}`,
      lastName: 'Beispielfrau',
      dateOfBirth: `1980-0${randomInt(1, 9)}-1${randomInt(0, 9)}`,
      address: 'Musterweg 1, 42103 Wuppertal',
      socialInsuranceNumber: `${70 + Math.floor(serialNumber / 1000)} 150380 B ${serial}`,
      benefitUnitNumber: '36702//1234567',
      phone: '0202 123456',
      email: 'testa@example.org',
      ...identity,
    },
    health: { hasDisability: true, disabilityDegree: 50, healthRestrictions: 'Rückenleiden' },
    gender: 'FEMALE',
    entryDate: '2024-03-01',
    track: 'WOMEN_REENTRY',
    livesAlone: true,
    childrenInHousehold: 0,
    receivesSgb2Benefits: true,
    entryData: {
      labourStatusAtEntry: 'LONG_TERM_UNEMPLOYED',
      monthsOnBenefits: 24,
      educationLevel: 'ISCED_3_4',
      monitoringConsentOn: '2024-03-01',
      evaluationConsentOn: '2024-03-01',
    },
    ...overrides,
  };
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterParticipantInput!) {
    registerParticipant(input: $input) {
      id
      pseudonym
      status
      birthYear
      retainUntil
      eligibilityOverride {
        overriddenRules
        overriddenBy
      }
    }
  }
`;

export async function demoProjectId(t: TestApp): Promise<string> {
  const result = await t.gqlAs('admin', '{ projects(first: 50) { nodes { id fileNumber } } }');
  return result.data!.projects.nodes.find((p: { fileNumber: string }) => p.fileNumber === 'MP-SGB2-2022-0042').id;
}

export async function register(
  t: TestApp,
  projectId: string,
  overrides: Record<string, unknown> = {},
  identity: Record<string, unknown> = {},
) {
  const result = await t.gqlAs('caseworker', REGISTER, { input: registration(projectId, overrides, identity) });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.registerParticipant as { id: string; pseudonym: string; status: string };
}

export async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.orm.em.fork().getConnection().execute(`select count(*)::int as n from ${sql}`, params);
  return rows[0].n;
}
