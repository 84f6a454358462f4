import { count, demoProjectId, register } from '../factories/participants.js';
import { createTestApp, type TestApp } from '../setup/test-app.js';

const CREATE_MEASURE = `mutation($input: CreateMeasureInput!) { createMeasure(input: $input) { id title capacity costPerPlace startDate endDate track type } }`;
const ENROL = `mutation($input: EnrolInput!) { enrolParticipant(input: $input) { id startDate endDate measureId participantId } }`;
const EXIT = `mutation($id: ID!, $input: ExitParticipantInput!) { exitParticipant(id: $id, input: $input) { status exitDate retainUntil } }`;
const OBSERVE = `mutation($input: RecordObservationInput!) { recordObservation(input: $input) { id recordNo kind observedOn type source inForce } }`;

describe('measures, enrolments, exits and observations (GraphQL over HTTP)', () => {
  let t: TestApp;
  let projectId: string;
  let seq = 0;

  const measureInput = (overrides: Record<string, unknown> = {}) => ({
    projectId,
    type: 'ACTIVATION_PLACEMENT_45',
    title: `Testmaßnahme ${++seq}`,
    provider: 'Träger Test gGmbH',
    track: 'WOMEN_REENTRY',
    startDate: '2024-01-01',
    endDate: '2025-12-31',
    capacity: 5,
    costPerPlace: '1234.56',
    ...overrides,
  });
  const createMeasure = async (overrides: Record<string, unknown> = {}) => {
    const result = await t.gqlAs('finance', CREATE_MEASURE, { input: measureInput(overrides) });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.createMeasure as { id: string };
  };
  const enrol = (participantId: string, measureId: string, startDate = '2024-03-01') =>
    t.gqlAs('caseworker', ENROL, { input: { participantId, measureId, startDate } });

  beforeAll(async () => {
    t = await createTestApp();
    projectId = await demoProjectId(t);
  });
  afterAll(() => t.close());

  it('finance creates a measure with an exact cost per place; case workers may not', async () => {
    const result = await t.gqlAs('finance', CREATE_MEASURE, { input: measureInput({ costPerPlace: '0.10' }) });
    expect(result.errors).toBeUndefined();
    expect(result.data!.createMeasure).toMatchObject({ costPerPlace: '0.10', capacity: 5, type: 'ACTIVATION_PLACEMENT_45' });
    expect((await t.gqlAs('caseworker', CREATE_MEASURE, { input: measureInput() })).errors![0].extensions!.code).toBe('FORBIDDEN');
  });

  describe('refuses an invalid measure with its code and field', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['ends before it starts', { startDate: '2025-01-01', endDate: '2024-12-31' }, 'BAD_USER_INPUT', 'endDate'],
      ['outside the approval period', { endDate: '2028-06-30' }, 'BAD_USER_INPUT', 'startDate'],
      ['no places', { capacity: 0 }, 'BAD_USER_INPUT', 'capacity'],
      ['negative cost', { costPerPlace: '-1.00' }, 'BAD_USER_INPUT', 'costPerPlace'],
      ['three decimals', { costPerPlace: '1.001' }, 'BAD_USER_INPUT', 'costPerPlace'],
      ['a JSON number for money', { costPerPlace: 12.5 }, 'BAD_USER_INPUT', 'costPerPlace'],
      ['unknown instrument', { type: 'SOMETHING' }, 'BAD_USER_INPUT', 'type'],
      ['empty provider', { provider: '' }, 'BAD_USER_INPUT', 'provider'],
    ];
    it.each(cases)('%s', async (_name, overrides, code, field) => {
      const before = await count(t, 'measure');
      const result = await t.gqlAs('finance', CREATE_MEASURE, { input: measureInput(overrides) });
      expect(result.errors![0].extensions).toMatchObject({ code, field });
      expect(await count(t, 'measure')).toBe(before);
    });

    it('a duplicate title in the project', async () => {
      const input = measureInput();
      await t.gqlAs('finance', CREATE_MEASURE, { input });
      expect((await t.gqlAs('finance', CREATE_MEASURE, { input })).errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'title',
      });
    });
  });

  it('enrols until the measure is full, then refuses; a place freed earlier is taken again', async () => {
    const measure = await createMeasure({ capacity: 2 });
    const [a, b, c] = [await register(t, projectId), await register(t, projectId), await register(t, projectId)];
    expect((await enrol(a.id, measure.id)).errors).toBeUndefined();
    expect((await enrol(b.id, measure.id)).errors).toBeUndefined();
    const refused = await enrol(c.id, measure.id);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'measureId' });
    expect(refused.errors![0].message).toMatch(/full/);

    const participation = (
      await t.gqlAs('caseworker', `query($id: ID!) { participant(id: $id) { status participations { id } } }`, { id: a.id })
    ).data!.participant;
    expect(participation.status).toBe('ACTIVE');
    const ended = await t.gqlAs(
      'caseworker',
      `mutation($id: ID!) { endParticipation(id: $id, input: { endDate: "2024-05-31", exitReason: DROPPED_OUT }) { endDate exitReason } }`,
      { id: participation.participations[0].id },
    );
    expect(ended.data!.endParticipation).toEqual({ endDate: '2024-05-31', exitReason: 'DROPPED_OUT' });
    expect((await enrol(c.id, measure.id, '2024-05-31')).errors![0].extensions!.code).toBe('CONFLICT');
    expect((await enrol(c.id, measure.id, '2024-06-01')).errors).toBeUndefined();

    const occupancyOf = (user: string) =>
      t.gqlAs(user, `query($id: ID!) { measure(id: $id) { occupancy(asOf: "2024-04-15") { occupied free totalParticipations } } }`, {
        id: measure.id,
      });
    // Analysts get no per-day counts (privacy-attacks.e2e-spec.ts, 10b); the measure's manager does.
    expect((await occupancyOf('analyst')).data!.measure.occupancy).toBeNull();
    const occupancy = await occupancyOf('finance');
    expect(occupancy.errors).toBeUndefined();
    expect(occupancy.data!.measure.occupancy).toEqual({ occupied: 2, free: 0, totalParticipations: 3 });

    // Who is enrolled is participant data: finance sees the measure, not its participants.
    const enrolled = `query($id: ID!) { measure(id: $id) { title participations { participantId } } }`;
    expect((await t.gqlAs('auditor', enrolled, { id: measure.id })).data!.measure.participations).toHaveLength(3);
    // Analysts get aggregates only (docs/domain.md#participants-and-data-protection).
    expect((await t.gqlAs('analyst', enrolled, { id: measure.id })).data!.measure.participations).toEqual([]);
    expect((await t.gqlAs('finance', enrolled, { id: measure.id })).data!.measure.participations).toEqual([]);
  });

  it('changes a measure only as far as its enrolments allow', async () => {
    const measure = await createMeasure({ capacity: 3 });
    const [a, b] = [await register(t, projectId), await register(t, projectId)];
    await enrol(a.id, measure.id, '2024-03-01');
    await enrol(b.id, measure.id, '2024-04-01');
    const update = (input: Record<string, unknown>, user = 'finance') =>
      t.gqlAs(
        user,
        `mutation($id: ID!, $input: UpdateMeasureInput!) { updateMeasure(id: $id, input: $input) { capacity costPerPlace startDate endDate } }`,
        { id: measure.id, input },
      );
    expect((await update({ capacity: 1 })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capacity' });
    expect((await update({ startDate: '2024-03-15' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startDate' });
    expect((await update({ endDate: '2023-12-31' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endDate' });
    expect((await update({ capacity: 2 }, 'caseworker')).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await update({ capacity: 2, costPerPlace: '999.99' })).data!.updateMeasure).toEqual({
      capacity: 2,
      costPerPlace: '999.99',
      startDate: '2024-01-01',
      endDate: '2025-12-31',
    });
  });

  it('lets exactly 3 of 20 concurrent enrolments take the last 3 places', async () => {
    const measure = await createMeasure({ capacity: 5 });
    const people = [];
    for (let i = 0; i < 22; i++) people.push(await register(t, projectId));
    expect((await enrol(people[0].id, measure.id)).errors).toBeUndefined();
    expect((await enrol(people[1].id, measure.id)).errors).toBeUndefined();
    const results = await Promise.all(people.slice(2).map((p) => enrol(p.id, measure.id)));
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    for (const refused of results.filter((r) => r.errors)) expect(refused.errors![0].extensions!.code).toBe('CONFLICT');
    expect(await count(t, 'participation where measure_id = ?', [measure.id])).toBe(5);
  });

  it('refuses an overlapping enrolment in the same measure, also when sent twice at once', async () => {
    const measure = await createMeasure({ capacity: 10 });
    const p = await register(t, projectId);
    const results = await Promise.all([enrol(p.id, measure.id), enrol(p.id, measure.id, '2024-04-01')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'startDate' });
  });

  describe('refuses an invalid enrolment with its code and field', () => {
    it.each([
      ['start before the measure', { startDate: '2023-12-31' }, 'BAD_USER_INPUT', 'startDate'],
      ['start before entry', { startDate: '2024-02-01' }, 'BAD_USER_INPUT', 'startDate'],
      ['not a date', { startDate: '2024-13-01' }, 'BAD_USER_INPUT', 'startDate'],
      ['malformed measure id', { measureId: 'nope' }, 'BAD_USER_INPUT', 'measureId'],
      ['unknown measure', { measureId: '00000000-0000-4000-8000-000000000001' }, 'NOT_FOUND', undefined],
      ['measure of the other track', { youth: true }, 'BAD_USER_INPUT', 'measureId'],
    ] as [string, Record<string, unknown>, string, string | undefined][])('%s', async (_name, overrides, code, field) => {
      const { youth, ...rest } = overrides;
      const measure = await createMeasure(youth ? { track: 'YOUTH_TRAINING', type: 'TRAINING_PLACEMENT' } : {});
      const p = await register(t, projectId);
      const result = await t.gqlAs('caseworker', ENROL, {
        input: { participantId: p.id, measureId: measure.id, startDate: '2024-03-01', ...rest },
      });
      expect(result.errors![0].extensions!.code).toBe(code);
      if (field) expect(result.errors![0].extensions!.field).toBe(field);
    });
  });

  it('exits a participant, ends open participations, records observations (statuses only after the exit)', async () => {
    const measure = await createMeasure({ capacity: 10 });
    const p = await register(t, projectId);
    await enrol(p.id, measure.id);
    const observe = (input: Record<string, unknown>) =>
      t.gqlAs('caseworker', OBSERVE, {
        input: { participantId: p.id, observedOn: '2024-07-10', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'EMPLOYER', ...input },
      });
    // While she takes part, a status such as job-searching describes nothing yet; a job taken up does.
    expect((await observe({ observedOn: '2024-04-01', type: 'JOB_SEARCHING' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'type',
    });
    expect(
      (await t.gqlAs('caseworker', EXIT, { id: p.id, input: { exitDate: '2024-02-01', exitReason: 'TOOK_UP_JOB' } })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });
    expect(
      (await t.gqlAs('caseworker', EXIT, { id: p.id, input: { exitDate: '2099-01-01', exitReason: 'TOOK_UP_JOB' } })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exitDate' });

    const exited = await t.gqlAs('caseworker', EXIT, { id: p.id, input: { exitDate: '2024-06-30', exitReason: 'TOOK_UP_JOB' } });
    expect(exited.data!.exitParticipant).toEqual({ status: 'EXITED', exitDate: '2024-06-30', retainUntil: '2027-06-30' });
    expect(
      (await t.gqlAs('caseworker', EXIT, { id: p.id, input: { exitDate: '2024-06-30', exitReason: 'TOOK_UP_JOB' } })).errors![0].extensions!
        .code,
    ).toBe('CONFLICT');

    expect((await observe({ observedOn: '2024-02-29' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'observedOn',
    }); // before the entry
    expect((await observe({ observedOn: '2099-01-01' })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'observedOn',
    });
    expect((await observe({ type: 'RICH' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'type' });
    // No single slot: the same status twice, and a status outside every window, are records like any other.
    expect((await observe({})).data!.recordObservation).toMatchObject({ recordNo: 2, kind: 'RECORD', inForce: true });
    expect((await observe({})).data!.recordObservation).toMatchObject({ recordNo: 3 });
    expect((await observe({ observedOn: '2024-12-31', source: 'SURVEY' })).errors).toBeUndefined();

    const read = await t.gqlAs(
      'auditor',
      `query($id: ID!) { participant(id: $id) { status participations { endDate exitReason measure { id } } observations { recordNo observedOn type source } } }`,
      { id: p.id },
    );
    expect(read.data!.participant).toEqual({
      status: 'FOLLOWED_UP', // the 31 December observation lies in the six-month window
      participations: [{ endDate: '2024-06-30', exitReason: 'TOOK_UP_JOB', measure: { id: measure.id } }],
      observations: [
        { recordNo: 1, observedOn: '2024-06-30', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'EXIT_RECORD' }, // written by the exit "took up a job"
        { recordNo: 2, observedOn: '2024-07-10', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'EMPLOYER' },
        { recordNo: 3, observedOn: '2024-07-10', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'EMPLOYER' },
        { recordNo: 4, observedOn: '2024-12-31', type: 'EMPLOYMENT_SOCIAL_INSURANCE', source: 'SURVEY' },
      ],
    });
    expect((await enrol(p.id, measure.id, '2024-07-01')).errors![0].extensions!.code).toBe('CONFLICT');
  });

  it('lists overdue entry data, exit data and follow-ups', async () => {
    const noEntryData = await register(t, projectId, { entryData: null, entryDate: '2024-03-01' });
    const exitedWithoutData = await register(t, projectId);
    await t.gqlAs('caseworker', EXIT, { id: exitedWithoutData.id, input: { exitDate: '2024-04-30', exitReason: 'DROPPED_OUT' } });
    const result = await t.gqlAs(
      'auditor',
      `query($projectId: ID!) { overdueParticipantData(projectId: $projectId, asOf: "2024-06-01") { kind dueOn daysOverdue participant { id } } }`,
      { projectId },
    );
    expect(result.errors).toBeUndefined();
    const mine = result
      .data!.overdueParticipantData.filter((o: any) => [noEntryData.id, exitedWithoutData.id].includes(o.participant.id))
      .sort((a: any, b: any) => a.kind.localeCompare(b.kind));
    expect(mine).toEqual([
      { kind: 'ENTRY_DATA', dueOn: '2024-03-29', daysOverdue: 64, participant: { id: noEntryData.id } },
      { kind: 'EXIT_DATA', dueOn: '2024-05-28', daysOverdue: 4, participant: { id: exitedWithoutData.id } },
    ]);
    const today = await t.gqlAs('caseworker', `query($projectId: ID!) { overdueParticipantData(projectId: $projectId) { kind } }`, {
      projectId,
    });
    expect(today.data!.overdueParticipantData.length).toBeGreaterThan(50); // the demo has gaps too
  });

  it('lists measures with occupancy, filtered by track', async () => {
    const result = await t.gqlAs(
      'grantor',
      `query($projectId: ID!) { measures(projectId: $projectId, track: YOUTH_TRAINING, runningOn: "2025-01-15") { totalCount nodes { title type track capacity costPerPlace occupancy(asOf: "2025-01-15") { occupied free } } } }`,
      { projectId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.measures.totalCount).toBeGreaterThanOrEqual(4); // the demo's four, plus any made by other tests here
    for (const m of result.data!.measures.nodes) {
      expect(m.track).toBe('YOUTH_TRAINING');
      expect(m.occupancy.occupied + m.occupancy.free).toBe(m.capacity);
      expect(m.costPerPlace).toMatch(/^\d+\.\d{2}$/);
    }
    expect(result.data!.measures.nodes.some((m: any) => m.occupancy.occupied > 0)).toBe(true);
  });

  it('needs the same number of SQL statements for a page of 10 and of 50 participants with participations, measures and observations', async () => {
    const logger = t.orm.config.getLogger();
    const logQuery = logger.logQuery;
    const statements: string[] = [];
    logger.logQuery = (context) => statements.push(context.query ?? '');
    const query = `query($projectId: ID!, $first: Int) {
      participants(projectId: $projectId, first: $first) {
        nodes { pseudonym identity { lastName } participations { startDate measure { title provider } } observations { observedOn type } }
      }
    }`;
    const run = async (first: number) => {
      statements.length = 0;
      const result = await t.gqlAs('caseworker', query, { projectId, first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.participants.nodes).toHaveLength(first);
      return { count: statements.length, participations: result.data!.participants.nodes.flatMap((n: any) => n.participations).length };
    };
    try {
      await run(1); // warms up the sign-in cache of the test client
      const small = await run(10);
      const large = await run(50);
      expect(large.participations).toBeGreaterThan(small.participations);
      expect(large.count).toBe(small.count);
      expect(large.count).toBeLessThanOrEqual(10);
    } finally {
      logger.logQuery = logQuery;
    }
  });
  it("reads the measures of a page's participations with the participations, not in a statement of their own, and gives the same measures as the measure list", async () => {
    const logger = t.orm.config.getLogger();
    const logQuery = logger.logQuery;
    const statements: string[] = [];
    logger.logQuery = (context) => statements.push(context.query ?? '');
    const query = `query($projectId: ID!) {
      participants(projectId: $projectId, first: 50) { nodes { participations { measureId measure { id projectId type title provider track startDate endDate capacity costPerPlace } } } }
    }`;
    let result;
    try {
      await t.gqlAs('caseworker', query, { projectId }); // warms up the sign-in cache of the test client
      statements.length = 0;
      result = await t.gqlAs('caseworker', query, { projectId });
    } finally {
      logger.logQuery = logQuery;
    }
    expect(result.errors).toBeUndefined();
    // The signed-in user, the page with its count, the participations with their measures.
    expect(statements.filter((sql) => /\bfrom measure\b/.test(sql))).toEqual([]);
    expect(statements).toHaveLength(3);
    const participations = result.data!.participants.nodes.flatMap((n: any) => n.participations);
    expect(participations.length).toBeGreaterThan(0);
    const listed = await t.gqlAs(
      'caseworker',
      `query($projectId: ID!) { measures(projectId: $projectId, first: 100) { nodes { id projectId type title provider track startDate endDate capacity costPerPlace } } }`,
      { projectId },
    );
    const byId = new Map(listed.data!.measures.nodes.map((m: any) => [m.id, m]));
    for (const p of participations) {
      expect(p.measure.id).toBe(p.measureId);
      expect(p.measure).toEqual(byId.get(p.measureId));
    }
  });
});
