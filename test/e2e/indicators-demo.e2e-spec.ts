import { createTestApp, type TestApp } from '../setup/test-app.js';

const REPORT = /* GraphQL */ `
  query Report($projectId: ID!, $period: ReportPeriodInput!) {
    indicatorReport(projectId: $projectId, period: $period) {
      suppressionApplied
      rows {
        code
        target
        periodActual
        cumulativeActual
        attainmentPercent
        projectedAttainmentPercent
        disaggregations {
          dimension
          cumulative {
            key
            count
          }
        }
      }
    }
  }
`;

describe('indicators of the Wuppertal demo project', () => {
  let t: TestApp;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const projects = await t.gqlAs('auditor', '{ projects { nodes { id fileNumber } } }');
    projectId = projects.data!.projects.nodes.find((p: { fileNumber: string }) => p.fileNumber === 'MP-SGB2-2022-0042').id;
  });
  afterAll(() => t.close());

  it('has targets, and actuals that follow from the demo participants', async () => {
    const result = await t.gqlAs('auditor', REPORT, { projectId, period: { from: '2022-01-01', to: '2027-12-31' } });
    expect(result.errors).toBeUndefined();
    const rows = result.data!.indicatorReport.rows as Record<string, any>[];
    const total = rows.find((r) => r.code === 'EECO01')!;
    const [{ count }] = await t.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as count from participant where project_id = ?`, [projectId]);
    expect(count).toBeGreaterThan(0);
    expect(total.cumulativeActual).toBe(`${count}.00`);
    expect(total.target).toBe('700.00');
    const genders = total.disaggregations.find((d: { dimension: string }) => d.dimension === 'GENDER').cumulative;
    expect(genders.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(count);
    expect(rows.find((r) => r.code === 'PS01')!.cumulativeActual).not.toBe('0.00');
  });

  it('suppresses for the demo analyst and not for the demo grantor', async () => {
    const period = { from: '2024-01-01', to: '2024-12-31' };
    const analyst = await t.gqlAs('analyst', REPORT, { projectId, period });
    const grantor = await t.gqlAs('grantor', REPORT, { projectId, period });
    expect(analyst.data!.indicatorReport.suppressionApplied).toBe(true);
    expect(grantor.data!.indicatorReport.suppressionApplied).toBe(false);
  });
});
