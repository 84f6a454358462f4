import { Role } from '../../src/auth/role.enum.js';
import { count, demoProjectId, register, REGISTER, registration } from '../factories/participants.js';
import { createUser } from '../factories/users.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const PARTICIPANT = /* GraphQL */ `
  query Participant($id: ID!) {
    participant(id: $id) {
      id
      pseudonym
      status
      identity {
        firstName
        lastName
        dateOfBirth
        socialInsuranceNumber
        email
      }
      health {
        hasDisability
        disabilityDegree
        healthRestrictions
      }
    }
  }
`;
const PSEUDONYMOUS = `query($id: ID!) { participant(id: $id) { id pseudonym birthYear gender status identityErasedAt } }`;

describe('participants: registration, eligibility, duplicates, identity access (GraphQL over HTTP)', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    projectId = await demoProjectId(t);
  });
  afterAll(() => t.close());

  it('registers an eligible woman; the case worker reads her identity and health, decrypted', async () => {
    const input = registration(projectId, {}, { firstName: 'Henrike', lastName: 'Grünwald' });
    const result = await t.gqlAs('caseworker', REGISTER, { input });
    expect(result.errors).toBeUndefined();
    const created = result.data!.registerParticipant;
    expect(created).toMatchObject({ status: 'ELIGIBLE', birthYear: 1980, retainUntil: '2030-12-31', eligibilityOverride: null });
    expect(created.pseudonym).toMatch(/^TN-[0-9A-Z]{8}$/);

    const read = await t.gqlAs('caseworker', PARTICIPANT, { id: created.id });
    expect(read.errors).toBeUndefined();
    expect(read.data!.participant.identity).toEqual({
      firstName: 'Henrike',
      lastName: 'Grünwald',
      dateOfBirth: input.identity.dateOfBirth,
      socialInsuranceNumber: input.identity.socialInsuranceNumber,
      email: 'testa@example.org',
    });
    expect(read.data!.participant.health).toEqual({ hasDisability: true, disabilityDegree: 50, healthRestrictions: 'Rückenleiden' });

    const stored = await t.orm.em
      .fork()
      .getConnection()
      .execute('select * from participant_identity where participant_id = ?', [created.id]);
    expect(JSON.stringify(stored)).not.toMatch(/Henrike|Grünwald|Rückenleiden|150380/);
  });

  it('refuses an ineligible person naming every failed rule, and writes nothing', async () => {
    const before = await count(t, 'participant');
    const input = registration(projectId, { gender: 'MALE', livesAlone: false, receivesSgb2Benefits: false });
    const result = await t.gqlAs('caseworker', REGISTER, { input });
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'eligibility' });
    expect((result.errors![0].extensions!.failedRules as { code: string }[]).map((r) => r.code)).toEqual([
      'FEMALE',
      'LIVES_ALONE',
      'SGB2_BENEFITS',
    ]);
    expect(result.errors![0].message).toMatch(/FEMALE .*LIVES_ALONE .*SGB2_BENEFITS/);
    expect(await count(t, 'participant')).toBe(before);
  });

  it("registers an ineligible person on a case worker's written override and records it", async () => {
    const input = registration(projectId, {
      livesAlone: false,
      eligibilityOverride: { justification: 'Lebt nach Wohnungsverlust übergangsweise bei ihrer Schwester.' },
    });
    const result = await t.gqlAs('caseworker', REGISTER, { input });
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerParticipant.eligibilityOverride).toMatchObject({ overriddenRules: ['LIVES_ALONE'] });
    const id = result.data!.registerParticipant.id;
    const asAuditor = await t.gqlAs('auditor', `query($id: ID!) { participant(id: $id) { overrideJustification } }`, { id });
    expect(asAuditor.data!.participant.overrideJustification).toMatch(/Schwester/);
    const asAnalyst = await t.gqlAs('analyst', `query($id: ID!) { participant(id: $id) { overrideJustification } }`, { id });
    expect(asAnalyst.errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('refuses a second registration of the same person (name spelled differently, or same social-insurance number)', async () => {
    const first = registration(
      projectId,
      {},
      { firstName: 'Ayşe', lastName: 'Öztürk', dateOfBirth: '1979-04-04', socialInsuranceNumber: '11 040479 O 001' },
    );
    expect((await t.gqlAs('caseworker', REGISTER, { input: first })).errors).toBeUndefined();
    const sameName = registration(
      projectId,
      {},
      { firstName: 'AYSE', lastName: 'Oeztuerk', dateOfBirth: '1979-04-04', socialInsuranceNumber: null },
    );
    const refused = await t.gqlAs('caseworker', REGISTER, { input: sameName });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'identity' });
    expect(refused.errors![0].message).toMatch(/already registered in this project as TN-/);
    const sameNumber = registration(projectId, {}, { socialInsuranceNumber: '11040479o001' });
    expect((await t.gqlAs('caseworker', REGISTER, { input: sameNumber })).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('corrects identity and health, re-encrypted; refuses a change that would duplicate another participant', async () => {
    const other = registration(
      projectId,
      {},
      { firstName: 'Gisela', lastName: 'Vorhanden', dateOfBirth: '1970-07-07', socialInsuranceNumber: null },
    );
    expect((await t.gqlAs('caseworker', REGISTER, { input: other })).errors).toBeUndefined();
    const { id } = await register(t, projectId);
    const mutation = `mutation($id: ID!, $input: UpdateIdentityInput!) { updateParticipantIdentity(id: $id, input: $input) { birthYear identity { lastName address dateOfBirth } health { hasDisability } } }`;
    const identity = { firstName: 'Korrigiert', lastName: 'Neuname', dateOfBirth: '1981-05-05', address: 'Neue Straße 2, 42105 Wuppertal' };
    const done = await t.gqlAs('caseworker', mutation, { id, input: { identity } });
    expect(done.errors).toBeUndefined();
    expect(done.data!.updateParticipantIdentity).toEqual({
      birthYear: 1981,
      identity: { lastName: 'Neuname', address: identity.address, dateOfBirth: '1981-05-05' },
      health: null,
    });
    const clash = await t.gqlAs('caseworker', mutation, {
      id,
      input: { identity: { firstName: 'Gisela', lastName: 'Vorhanden', dateOfBirth: '1970-07-07' } },
    });
    expect(clash.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'identity' });
    expect(
      (await t.gqlAs('caseworker', mutation, { id, input: { identity: { ...identity, firstName: '' } } })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identity.firstName' });
    expect((await t.gqlAs('auditor', mutation, { id, input: { identity } })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  it('holds the duplicate check when ten registrations of one person race', async () => {
    const input = registration(projectId, {}, { firstName: 'Rennkandidatin', lastName: 'Parallel', dateOfBirth: '1990-01-01' });
    const results = await Promise.all(Array.from({ length: 10 }, () => t.gqlAs('caseworker', REGISTER, { input })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of results.filter((r) => r.errors)) expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await count(t, 'participant_identity')).toBe(await count(t, 'participant'));
  });

  describe("identity and health are for the project's case workers only", () => {
    let id: string;
    beforeAll(async () => {
      id = (await register(t, projectId)).id;
      const { data } = await t.gqlAs('admin', '{ programs { nodes { id } } }');
      const programId = data!.programs.nodes[0].id;
      await createUser(t.orm, { username: 'programme-caseworker', grants: [{ role: Role.CASE_WORKER, programId }] });
      const other = await t.gqlAs('admin', `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`, {
        input: {
          programId,
          fileNumber: 'OTHER-1',
          title: 'Other',
          grantee: 'Jobcenter X',
          approvalStart: '2024-01-01',
          approvalEnd: '2025-12-31',
          approvedTotal: '1000.00',
          financingType: 'FULL',
          fundingRate: '100.00',
        },
      });
      await createUser(t.orm, {
        username: 'other-caseworker',
        grants: [{ role: Role.CASE_WORKER, projectId: other.data!.createProject.id }],
      });
    });

    it.each(['analyst', 'grantor'])('%s gets no row-level record at all (aggregates only)', async (user) => {
      const result = await t.gqlAs(user, PARTICIPANT, { id });
      expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    });

    it.each(['admin', 'auditor', 'programme-caseworker'])(
      '%s sees the pseudonymous record but gets FORBIDDEN on identity and health',
      async (user) => {
        const result = await t.gqlAs(user, PARTICIPANT, { id });
        expect(result.data!.participant).toMatchObject({ id, identity: null, health: null });
        expect(result.errors!.map((e) => [e.path!.join('.'), e.extensions!.code]).sort()).toEqual([
          ['participant.health', 'FORBIDDEN'],
          ['participant.identity', 'FORBIDDEN'],
        ]);
      },
    );

    it('finance gets FORBIDDEN for participant data at all', async () => {
      const result = await t.gqlAs('finance', PSEUDONYMOUS, { id });
      expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    });

    it('a case worker of another project does not even see the participant', async () => {
      const result = await t.gqlAs('other-caseworker', PSEUDONYMOUS, { id });
      expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
      const write = await t.gqlAs('other-caseworker', REGISTER, { input: registration(projectId) });
      expect(write.errors![0].extensions!.code).toBe('NOT_FOUND');
    });

    it('analysts cannot register participants', async () => {
      const result = await t.gqlAs('analyst', REGISTER, { input: registration(projectId) });
      expect(result.errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  describe('refuses invalid input with its code and field, and writes nothing', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string, string][] = [
      ['date of birth not a date', {}, { dateOfBirth: '1980-02-30' }, 'BAD_USER_INPUT', 'identity.dateOfBirth'],
      ['born after entry', {}, { dateOfBirth: '2024-03-02' }, 'BAD_USER_INPUT', 'identity.dateOfBirth'],
      ['empty last name', {}, { lastName: '' }, 'BAD_USER_INPUT', 'identity.lastName'],
      ['malformed social-insurance number', {}, { socialInsuranceNumber: '12345' }, 'BAD_USER_INPUT', 'identity.socialInsuranceNumber'],
      ['malformed e-mail', {}, { email: 'nope' }, 'BAD_USER_INPUT', 'identity.email'],
      ['entry before the approval period', { entryDate: '2021-12-31' }, {}, 'BAD_USER_INPUT', 'entryDate'],
      ['entry far in the future', { entryDate: '2027-12-01' }, {}, 'BAD_USER_INPUT', 'entryDate'],
      ['unknown gender', { gender: 'UNKNOWN' }, {}, 'BAD_USER_INPUT', 'gender'],
      ['negative children', { childrenInHousehold: -1 }, {}, 'BAD_USER_INPUT', 'childrenInHousehold'],
      ['negative months on benefits', { entryData: { monthsOnBenefits: -3 } }, {}, 'BAD_USER_INPUT', 'entryData.monthsOnBenefits'],
      [
        'consent in the future',
        { entryData: { monitoringConsentOn: '2099-01-01' } },
        {},
        'BAD_USER_INPUT',
        'entryData.monitoringConsentOn',
      ],
      ['disability degree not in steps of 10', { health: { disabilityDegree: 55 } }, {}, 'BAD_USER_INPUT', 'health.disabilityDegree'],
      [
        'override justification too short',
        { livesAlone: false, eligibilityOverride: { justification: 'weil' } },
        {},
        'BAD_USER_INPUT',
        'eligibilityOverride.justification',
      ],
      ['malformed project id', { projectId: 'x' }, {}, 'BAD_USER_INPUT', 'projectId'],
      ['unknown project', { projectId: '00000000-0000-4000-8000-000000000000' }, {}, 'NOT_FOUND', ''],
    ];

    it.each(cases)('%s', async (_name, overrides, identity, code, field) => {
      const before = await count(t, 'participant');
      const result = await t.gqlAs('caseworker', REGISTER, { input: registration(projectId, overrides, identity) });
      expect(result.data ?? null).toBeNull();
      expect(result.errors![0].extensions!.code).toBe(code);
      if (field) expect(result.errors![0].extensions!.field).toBe(field);
      expect(await count(t, 'participant')).toBe(before);
    });
  });

  it('lists participants pseudonymously with filters and cursor pagination', async () => {
    const query = `query($projectId: ID!, $after: String, $track: Track, $from: LocalDate, $to: LocalDate) {
      participants(projectId: $projectId, first: 100, after: $after, track: $track, entryFrom: $from, entryTo: $to) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id entryDate track }
      }
    }`;
    const seen = new Set<string>();
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = await t.gqlAs('auditor', query, {
        projectId,
        after,
        track: 'YOUTH_TRAINING',
        from: '2023-01-01',
        to: '2024-12-31',
      });
      expect(page.errors).toBeUndefined();
      total = page.data.participants.totalCount;
      for (const node of page.data.participants.nodes) {
        expect(node.track).toBe('YOUTH_TRAINING');
        expect(node.entryDate >= '2023-01-01' && node.entryDate <= '2024-12-31').toBe(true);
        seen.add(node.id);
      }
      after = page.data.participants.pageInfo.hasNextPage ? page.data.participants.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(50);
    expect(seen.size).toBe(total);
  });
});
