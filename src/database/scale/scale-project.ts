import { Decimal } from 'decimal.js';

import { checkPlan } from '../../budget/plan-rules.js';
import { formatMoney, roundToCents, sumMoney } from '../../common/money/money.js';
import type { IdentityVault } from '../../participants/identity-vault.js';
import { ageOn } from '../../participants/eligibility.js';
import { retainUntilFor } from '../../participants/lifecycle.js';
import { DEMO_BUDGET_REVISIONS } from '../seeders/budget-data.js';
import { demoReceipts } from '../seeders/ledger-demo-receipts.js';
import { DEMO_LEDGER_CUTOFF, demoLedgerTables, type TableRows } from '../seeders/ledger.seeder.js';
import { demoObservations } from '../seeders/demo-observations.js';
import { generateDemoParticipants, seededRandom } from '../seeders/participants-demo.js';
import { DEMO_MEASURES, DEMO_PARTICIPANT_RULES } from '../seeders/participants-demo-data.js';
import { scaleIds } from './scale-ids.js';

export interface ScaleContext {
  seed: number;
  programId: string;
  categoryIdByCode: Map<string, string>;
  financeId: string;
  grantorId: string;
  vault: IdentityVault;
  receiptsPerProject: number;
  participantsPerProject: number;
  /** Receipts of the demo plan that do not scale with the density (salaries, rent) … */
  receiptsFixed: number;
  /** … and those added per unit of density (calibrated once), to aim at receiptsPerProject. */
  receiptsPerDensity: number;
}

export type { TableRows };

const APPROVAL_START = '2022-01-01';
const APPROVAL_END = '2027-12-31';
const DEMO_PARTICIPANTS = 700;

/**
 * One generated Jobcenter project, deterministic from (seed, number): the demo's original plan
 * scaled by 50–150 % as revision 0, the demo ledger generator's receipts and tranches on that plan,
 * the demo participant generator's people, participations and observations, and the maintained totals
 * booked from exactly those rows. Pure generation; the caller inserts the rows.
 */
export function generateScaleProject(ctx: ScaleContext, number: number): { projectId: string; receipts: number; tables: TableRows[] } {
  const projectSeed = (Math.imul(ctx.seed, 1_000_003) + number * 7919) >>> 0;
  const random = seededRandom(projectSeed);
  const ids = scaleIds(ctx.seed, number);
  const projectId = ids('project')();
  const factor = new Decimal(50 + Math.floor(random() * 101)).dividedBy(100);
  const tables: TableRows[] = [];

  // Revision 0: every line is the demo line times the factor, a computed share rounded half up to cents.
  const original = DEMO_BUDGET_REVISIONS[0];
  const lines = original.lines.map((l) => ({
    costCategory: l.costCategory as string,
    fiscalYear: l.fiscalYear as number,
    planned: roundToCents(new Decimal(l.planned).times(factor)),
  }));
  const years = [...new Set(lines.map((l) => l.fiscalYear))];
  const instalments = years.map((fiscalYear) => ({
    fiscalYear,
    amount: sumMoney(lines.filter((l) => l.fiscalYear === fiscalYear).map((l) => l.planned)),
  }));
  const approvedTotal = sumMoney(instalments.map((i) => i.amount));
  checkPlan(
    {
      lines,
      instalments,
      fundingSources: instalments.map((i) => ({ kind: 'FEDERAL_GRANT' as never, fiscalYear: i.fiscalYear, amount: i.amount })),
    },
    { approvalStart: APPROVAL_START, approvalEnd: APPROVAL_END, approvedTotal, categoryCodes: new Set(ctx.categoryIdByCode.keys()) },
  );
  const label = String(number).padStart(4, '0');
  tables.push({
    table: 'project',
    columns: [
      'id:uuid',
      'program_id:uuid',
      'file_number:text',
      'title:text',
      'grantee:text',
      'approval_start:date',
      'approval_end:date',
      'approved_total:numeric',
      'financing_type:text',
      'funding_rate:numeric',
      'status:text',
    ],
    rows: [
      [
        projectId,
        ctx.programId,
        `SCALE-${ctx.seed}-${label}`,
        `Modellprojekt Jobcenter ${label}`,
        `Jobcenter ${label}`,
        APPROVAL_START,
        APPROVAL_END,
        formatMoney(approvedTotal),
        'FULL',
        '100.00',
        'RUNNING',
      ],
    ],
  });
  const revisionId = ids('revision')();
  tables.push({
    table: 'budget_revision',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'number:int',
      'reason:text',
      'reference_number:text',
      'reference_date:date',
      'effective_date:date',
      'author_id:uuid',
    ],
    rows: [[revisionId, projectId, 0, original.reason, `ZB SCALE-${label}`, original.referenceDate, original.effectiveDate, ctx.financeId]],
  });
  const lineId = ids('budget_line');
  tables.push({
    table: 'budget_line',
    columns: ['id:uuid', 'project_id:uuid', 'revision_id:uuid', 'cost_category_id:uuid', 'fiscal_year:smallint', 'planned:numeric'],
    rows: lines.map((l) => [
      lineId(),
      projectId,
      revisionId,
      ctx.categoryIdByCode.get(l.costCategory),
      l.fiscalYear,
      formatMoney(l.planned),
    ]),
  });
  const instalmentId = ids('instalment');
  const sourceId = ids('funding_source');
  tables.push({
    table: 'annual_instalment',
    columns: ['id:uuid', 'project_id:uuid', 'revision_id:uuid', 'fiscal_year:smallint', 'amount:numeric'],
    rows: instalments.map((i) => [instalmentId(), projectId, revisionId, i.fiscalYear, formatMoney(i.amount)]),
  });
  tables.push({
    table: 'funding_source',
    columns: ['id:uuid', 'project_id:uuid', 'revision_id:uuid', 'kind:text', 'fiscal_year:smallint', 'amount:numeric'],
    rows: instalments.map((i) => [sourceId(), projectId, revisionId, 'FEDERAL_GRANT', i.fiscalYear, formatMoney(i.amount)]),
  });

  const receiptCount = ledger(ctx, tables, { projectId, ids, projectSeed, factor, lines });
  participants(ctx, tables, { projectId, ids, projectSeed });
  return { projectId, receipts: receiptCount, tables };
}

interface ProjectParts {
  projectId: string;
  ids: ReturnType<typeof scaleIds>;
  projectSeed: number;
}

function ledger(
  ctx: ScaleContext,
  tables: TableRows[],
  p: ProjectParts & { factor: Decimal; lines: { costCategory: string; fiscalYear: number; planned: Decimal }[] },
): number {
  // Both parts grow with the plan (factor); the density makes the total come out near receiptsPerProject.
  const factor = p.factor.toNumber();
  const density = Math.max(0.05, (ctx.receiptsPerProject - ctx.receiptsFixed * factor) / (ctx.receiptsPerDensity * factor));
  const receipts = demoReceipts(
    p.lines.map((l) => ({ code: l.costCategory, fiscalYear: l.fiscalYear, planned: l.planned })),
    { cutoff: DEMO_LEDGER_CUTOFF, seed: p.projectSeed, density },
  );
  const category = (code: string) => ctx.categoryIdByCode.get(code);
  const { tables: ledgerTables, sums } = demoLedgerTables(receipts, {
    projectId: p.projectId,
    financeId: ctx.financeId,
    grantorId: ctx.grantorId,
    categoryId: category,
    ids: (table) => p.ids(table),
  });
  tables.push(...Object.values(ledgerTables));
  const totalId = p.ids('budget_total');
  tables.push({
    table: 'budget_total',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'fiscal_year:smallint',
      'cost_category_id:uuid',
      'drawn:numeric',
      'spent:numeric',
      'committed:numeric',
    ],
    rows: sums.map((t) => [totalId(), p.projectId, t.fiscalYear, category(t.code), formatMoney(t.drawn), formatMoney(t.spent), '0.00']),
  });
  return ledgerTables.expenditure.rows.length;
}

function participants(ctx: ScaleContext, tables: TableRows[], p: ProjectParts): void {
  const capacityScale = Math.max(1, ctx.participantsPerProject / DEMO_PARTICIPANTS);
  const people = generateDemoParticipants(ctx.participantsPerProject, p.projectSeed, capacityScale);
  const participantId = p.ids('participant');
  for (const person of people) person.id = participantId();
  const measureId = p.ids('measure');
  const measures = DEMO_MEASURES.map((m) => ({ ...m, id: measureId() }));
  tables.push({
    table: 'measure',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'type:text',
      'title:text',
      'provider:text',
      'track:text',
      'start_date:date',
      'end_date:date',
      'capacity:int',
      'cost_per_place:numeric',
    ],
    rows: measures.map((m) => [
      m.id,
      p.projectId,
      m.type,
      m.title,
      m.provider,
      m.track,
      m.startDate,
      m.endDate,
      Math.round(m.capacity * capacityScale),
      m.costPerPlace,
    ]),
  });
  const pseudonyms = new Set<string>();
  const svnrHashes = new Set<string>();
  tables.push({
    table: 'participant',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'pseudonym:text',
      'birth_year:smallint',
      'gender:text',
      'entry_date:date',
      'track:text',
      'lives_alone:boolean',
      'children_in_household:smallint',
      'receives_sgb2benefits:boolean',
      'labour_status_at_entry:text',
      'months_on_benefits:smallint',
      'education_level:text',
      'monitoring_consent_on:date',
      'evaluation_consent_on:date',
      'status:text',
      'overridden_rules:jsonb',
      'override_justification:text',
      'retain_until:date',
      'exit_date:date',
      'exit_reason:text',
      'age_at_entry:smallint',
      'episode:smallint',
    ],
    rows: people.map((x) => {
      // 40-bit pseudonyms rarely collide; the generator keeps them unique per project as the unique key demands.
      let pseudonym = x.pseudonym;
      for (let n = 0; pseudonyms.has(pseudonym); n++)
        pseudonym = `${x.pseudonym.slice(0, -1)}${'0123456789ABCDEFGHJKMNPQRSTVWXYZ'[n % 32]}`;
      pseudonyms.add(pseudonym);
      return [
        x.id,
        p.projectId,
        pseudonym,
        Number(x.identity.dateOfBirth.slice(0, 4)),
        x.gender,
        x.entryDate,
        x.track,
        x.livesAlone,
        x.childrenInHousehold,
        true,
        x.labourStatusAtEntry,
        x.monthsOnBenefits,
        x.educationLevel,
        x.monitoringConsentOn,
        x.evaluationConsentOn,
        x.status,
        x.override ? JSON.stringify(x.override.rules) : null,
        x.override?.justification ?? null,
        retainUntilFor(DEMO_PARTICIPANT_RULES, x.exitDate, APPROVAL_END),
        x.exitDate,
        x.exitReason,
        ageOn(x.identity.dateOfBirth, x.entryDate),
        1,
      ];
    }),
  });
  tables.push({
    table: 'participant_identity',
    columns: [
      'participant_id:uuid',
      'project_id:uuid',
      'identity_cipher:text',
      'health_cipher:text',
      'name_dob_hash:text',
      'social_insurance_hash:text',
    ],
    rows: people.map((x) => {
      let svnr = x.identity.socialInsuranceNumber ? ctx.vault.hasher.socialInsuranceNumber(x.identity.socialInsuranceNumber) : null;
      if (svnr && svnrHashes.has(svnr)) svnr = null; // an invented number drawn twice: keep the unique key, drop the second
      if (svnr) svnrHashes.add(svnr);
      return [
        x.id,
        p.projectId,
        ctx.vault.sealIdentity(x.id, x.identity),
        x.health ? ctx.vault.sealHealth(x.id, x.health) : null,
        ctx.vault.hasher.nameAndBirthDate(x.identity.firstName, x.identity.lastName, x.identity.dateOfBirth),
        svnr,
      ];
    }),
  });
  const participationId = p.ids('participation');
  tables.push({
    table: 'participation',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'measure_id:uuid',
      'participant_id:uuid',
      'start_date:date',
      'end_date:date',
      'exit_reason:text',
    ],
    rows: people.flatMap((x) =>
      x.participations.map((y) => [
        participationId(),
        p.projectId,
        measures[y.measureIndex].id,
        x.id,
        y.startDate,
        y.endDate,
        y.exitReason,
      ]),
    ),
  });
  const observationId = p.ids('observation');
  tables.push({
    table: 'labour_market_observation',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'participant_id:uuid',
      'record_no:int',
      'kind:text',
      'observed_on:date',
      'type:text',
      'source:text',
    ],
    rows: people.flatMap((x) =>
      demoObservations(x).map((o) => [observationId(), p.projectId, x.id, o.recordNo, 'RECORD', o.observedOn, o.type, o.source]),
    ),
  });
}
