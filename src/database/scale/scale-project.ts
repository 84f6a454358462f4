import { Decimal } from 'decimal.js';

import { checkPlan } from '../../budget/plan-rules.js';
import { addDays } from '../../common/dates/local-date.js';
import { formatMoney, roundToCents, sumMoney } from '../../common/money/money.js';
import type { IdentityVault } from '../../participants/identity-vault.js';
import { ageOn } from '../../participants/eligibility.js';
import { retainUntilFor } from '../../participants/lifecycle.js';
import { DEMO_BUDGET_REVISIONS } from '../seeders/budget-data.js';
import { demoReceipts } from '../seeders/ledger-demo-receipts.js';
import { demoTranches, type DemoSpending } from '../seeders/ledger-demo-tranches.js';
import { DEMO_LEDGER_CUTOFF, ledgerRows } from '../seeders/ledger.seeder.js';
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

/** Rows of one table: column specs `name:pgtype` and one value array per row (money as strings). */
export interface TableRows {
  table: string;
  columns: string[];
  rows: unknown[][];
}

const APPROVAL_START = '2022-01-01';
const APPROVAL_END = '2027-12-31';
const OVERDUE_SURPLUS = new Decimal('25000.00');
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
  const rows = ledgerRows(receipts, p.ids('expenditure'));
  const category = (code: string) => ctx.categoryIdByCode.get(code);
  tables.push({
    table: 'expenditure',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'kind:text',
      'receipt_number:text',
      'revision:smallint',
      'invoice_date:date',
      'payment_date:date',
      'fiscal_year:smallint',
      'payee:text',
      'purpose:text',
      'cost_category_id:uuid',
      'gross_amount:numeric',
      'ineligible_amount:numeric',
      'eligible_amount:numeric',
      'reversal_of_id:uuid',
      'reason:text',
      'recorded_by_id:uuid',
    ],
    rows: rows.map((r) => [
      r.id,
      p.projectId,
      r.kind,
      r.receipt.receiptNumber,
      r.revision,
      r.receipt.invoiceDate,
      r.receipt.paymentDate,
      r.receipt.fiscalYear,
      r.receipt.payee,
      r.receipt.purpose,
      category(r.receipt.code),
      formatMoney(r.gross),
      formatMoney(r.ineligible),
      formatMoney(r.eligible),
      r.reversalOf,
      r.reason,
      ctx.financeId,
    ]),
  });
  const stateId = p.ids('expenditure_state');
  tables.push({
    table: 'expenditure_state',
    columns: ['id:uuid', 'project_id:uuid', 'expenditure_id:uuid', 'status:text', 'comment:text', 'changed_by_id:uuid'],
    rows: rows.map((r) => [stateId(), p.projectId, r.id, r.status, r.comment, ctx.financeId]),
  });

  const counted = rows.filter((r) => r.status !== 'REJECTED');
  const spending: DemoSpending[] = counted.map((r) => ({ code: r.receipt.code, paymentDate: r.receipt.paymentDate, eligible: r.eligible }));
  const years = [...new Set(receipts.map((r) => r.fiscalYear))].sort();
  const tranches = demoTranches(spending, years, DEMO_LEDGER_CUTOFF, OVERDUE_SURPLUS);
  const drawdownId = p.ids('drawdown');
  const drawdownLineId = p.ids('drawdown_line');
  const approvalId = p.ids('drawdown_approval');
  const drawdowns: unknown[][] = [];
  const drawdownLines: unknown[][] = [];
  const approvals: unknown[][] = [];
  for (const t of tranches) {
    const id = drawdownId();
    drawdowns.push([
      id,
      p.projectId,
      t.fiscalYear,
      t.number,
      'TRANCHE',
      'DISBURSED',
      formatMoney(sumMoney(t.lines.map((l) => l.amount))),
      t.payoutDate,
      t.neededUntil,
      t.payoutDate,
      ctx.financeId,
      `${addDays(t.payoutDate, -7)}T09:00:00Z`,
    ]);
    for (const l of t.lines) drawdownLines.push([drawdownLineId(), p.projectId, id, category(l.code), formatMoney(l.amount)]);
    approvals.push([
      approvalId(),
      p.projectId,
      id,
      'APPROVED',
      ctx.grantorId,
      'Mittelabruf geprüft, Bedarf plausibel',
      `${addDays(t.payoutDate, -3)}T14:00:00Z`,
    ]);
  }
  tables.push({
    table: 'drawdown',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'fiscal_year:smallint',
      'number:int',
      'kind:text',
      'status:text',
      'amount:numeric',
      'expected_payout_date:date',
      'needed_until:date',
      'payout_date:date',
      'requested_by_id:uuid',
      'requested_at:timestamptz',
    ],
    rows: drawdowns,
  });
  tables.push({
    table: 'drawdown_line',
    columns: ['id:uuid', 'project_id:uuid', 'drawdown_id:uuid', 'cost_category_id:uuid', 'amount:numeric'],
    rows: drawdownLines,
  });
  tables.push({
    table: 'drawdown_approval',
    columns: [
      'id:uuid',
      'project_id:uuid',
      'drawdown_id:uuid',
      'decision:text',
      'decided_by_id:uuid',
      'comment:text',
      'decided_at:timestamptz',
    ],
    rows: approvals,
  });

  // The maintained totals, exactly the sums of the rows above (as the services would have booked them).
  const totals = new Map<string, { fiscalYear: number; code: string; drawn: Decimal; spent: Decimal }>();
  const at = (fiscalYear: number, code: string) => {
    const key = `${fiscalYear}|${code}`;
    if (!totals.has(key)) totals.set(key, { fiscalYear, code, drawn: new Decimal(0), spent: new Decimal(0) });
    return totals.get(key)!;
  };
  for (const r of counted) at(r.receipt.fiscalYear, r.receipt.code).spent = at(r.receipt.fiscalYear, r.receipt.code).spent.plus(r.eligible);
  for (const t of tranches) for (const l of t.lines) at(t.fiscalYear, l.code).drawn = at(t.fiscalYear, l.code).drawn.plus(l.amount);
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
    rows: [...totals.values()].map((t) => [
      totalId(),
      p.projectId,
      t.fiscalYear,
      category(t.code),
      formatMoney(t.drawn),
      formatMoney(t.spent),
      '0.00',
    ]),
  });
  return rows.length;
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
