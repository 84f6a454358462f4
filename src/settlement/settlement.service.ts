import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { PROGRAM_OVERVIEW_ROLES } from '../budget/budget.access.js';
import { addDays, type LocalDate, todayUtc } from '../common/dates/local-date.js';
import { badInput, checkId } from '../common/errors/app-error.js';
import { ZERO } from '../common/money/money.js';
import { IncomeTotals } from '../income/income-totals.js';
import { MONEY_READERS } from '../tranches/money-access.js';
import type { BaseRate } from '../tranches/interest.js';
import { ProgramSettlementsArgs, SettlementArgs } from './dto/settlement.args.js';
import type { ProgramSettlementsModel, ProjectSettlementModel, SettlementModel } from './models/settlement.model.js';
import { type LoadedSettlement, loadSettlements } from './settlement-data.js';
import { applyScenario } from './settlement-scenario.js';
import { type Settlement, settle, type SettlementInput } from './settlement.js';

export const SETTLEMENT_READERS = MONEY_READERS;

/**
 * The settlement (Schlussabrechnung) of a project, as booked up to an as-of date or as a what-if,
 * and the list over a programme. Loading is here; the rules are the pure `settle`.
 */
@Injectable()
export class SettlementService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly incomeTotals: IncomeTotals,
  ) {}

  async settlement(user: AuthUser, args: SettlementArgs): Promise<SettlementModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    const projectId = await this.access.requireProjectId(em, user, args.projectId, SETTLEMENT_READERS);
    const asOf = args.asOf ?? todayUtc();
    const {
      loaded: [loaded],
      rates,
    } = await loadSettlements(em, this.incomeTotals, [projectId], asOf);
    let input = settlementInput(loaded, rates, asOf, args.reclaimDueDate);
    if (!input) throw noPlanInForce(loaded, asOf);
    if (args.whatIf) {
      const known = await em.execute<{ id: string; code: string; name: string; sort_order: number }[]>(
        'select id, code, name, sort_order from cost_category where program_id = ?',
        [loaded.project.programId],
      );
      input = applyScenario(
        input,
        args.whatIf,
        known.map((k) => ({ id: k.id, code: k.code, name: k.name, sortOrder: Number(k.sort_order) })),
      );
    }
    return toSettlementModel(loaded, settle(input));
  }

  /** Every visible project of the programme, settled as of the same date, in a fixed number of statements. */
  async programSettlements(user: AuthUser, args: ProgramSettlementsArgs): Promise<ProgramSettlementsModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    const programId = checkId(args.programId, 'programId');
    const projectIds = await this.access.projectIdsOfProgram(em, user, programId, PROGRAM_OVERVIEW_ROLES);
    if (projectIds.length === 0) await this.explainEmpty(em, user, programId);
    const asOf = args.asOf ?? todayUtc();
    const { loaded, rates } = await loadSettlements(em, this.incomeTotals, projectIds, asOf);
    const totals = {
      settled: 0,
      approvedTotal: ZERO,
      finalGrant: ZERO,
      paidOut: ZERO,
      reclaim: ZERO,
      interest: ZERO,
      totalDue: ZERO,
      underpayment: ZERO,
    };
    const projects = loaded.map((l): ProjectSettlementModel => {
      const header = {
        projectId: l.project.id,
        fileNumber: l.project.fileNumber,
        title: l.project.title,
        grantee: l.project.grantee,
        financingType: l.project.financingType,
        approvedTotal: l.project.approvedTotal,
      };
      const input = settlementInput(l, rates, asOf, args.reclaimDueDate);
      if (!input)
        return {
          ...header,
          problem: noPlanInForce(l, asOf).message,
          eligibleExpenditure: null,
          finalGrant: null,
          paidOut: null,
          balance: null,
          reclaim: null,
          interest: null,
          totalDue: null,
        };
      const s = settle(input);
      totals.settled++;
      totals.approvedTotal = totals.approvedTotal.plus(s.approvedTotal);
      totals.finalGrant = totals.finalGrant.plus(s.finalGrant);
      totals.paidOut = totals.paidOut.plus(s.paidOut);
      totals.reclaim = totals.reclaim.plus(s.reclaim);
      totals.interest = totals.interest.plus(s.interest.amount);
      totals.totalDue = totals.totalDue.plus(s.totalDue);
      totals.underpayment = totals.underpayment.plus(s.underpayment);
      return {
        ...header,
        problem: null,
        eligibleExpenditure: s.eligibleExpenditure,
        finalGrant: s.finalGrant,
        paidOut: s.paidOut,
        balance: s.balance,
        reclaim: s.reclaim,
        interest: s.interest.amount,
        totalDue: s.totalDue,
      };
    });
    return { programId, asOf, projects, totals };
  }

  /** No visible project: an empty list for the programme's grantor, otherwise NOT_FOUND or FORBIDDEN. */
  private async explainEmpty(em: EntityManager, user: AuthUser, programId: string): Promise<void> {
    await this.access.requireProgram(em, user, programId, {
      roles: PROGRAM_OVERVIEW_ROLES,
      forbidden: "Your role does not allow the programme's settlement list.",
    });
  }
}

/**
 * The settlement of one project as booked up to `asOf`, for other modules (the final proof
 * freezes it); null when no plan is in force then. `em` should be the caller's read snapshot.
 */
export async function settleProject(
  em: EntityManager,
  projectId: string,
  asOf: LocalDate,
): Promise<{ settlement: Settlement; loaded: LoadedSettlement } | null> {
  const {
    loaded: [loaded],
    rates,
  } = await loadSettlements(em, new IncomeTotals(), [projectId], asOf);
  const input = settlementInput(loaded, rates, asOf);
  return input ? { settlement: settle(input), loaded } : null;
}

function settlementInput(l: LoadedSettlement, rates: BaseRate[], asOf: LocalDate, reclaimDueDate?: LocalDate): SettlementInput | null {
  if (l.revisionNumber === null) return null;
  return {
    financingType: l.project.financingType,
    fundingRate: l.project.fundingRate,
    approvedTotal: l.project.approvedTotal,
    revisionNumber: l.revisionNumber,
    categories: l.categories,
    plannedCover: l.plannedCover,
    actualCover: l.actualCover,
    paidOut: l.paidOut,
    asOf,
    // The approval period is over the day after its end: money not used by then is owed back.
    reclaimDueDate: reclaimDueDate ?? addDays(l.project.approvalEnd, 1),
    baseRates: rates,
  };
}

function noPlanInForce(l: LoadedSettlement, asOf: LocalDate) {
  return l.project.hasPlan
    ? badInput('asOf', `No financing plan of project ${l.project.fileNumber} is in force on ${asOf}; a settlement needs the plan in force.`)
    : badInput(
        'projectId',
        `Project ${l.project.fileNumber} has no financing plan; a settlement needs the plan in force (createBudgetPlan).`,
      );
}

export function toSettlementModel(l: LoadedSettlement, s: Settlement): SettlementModel {
  return {
    projectId: l.project.id,
    fileNumber: l.project.fileNumber,
    financingType: s.financingType,
    fundingRate: s.fundingRate,
    approvedTotal: s.approvedTotal,
    revisionNumber: s.revisionNumber,
    asOf: s.asOf,
    reclaimDueDate: s.reclaimDueDate,
    whatIf: s.whatIf,
    assumptions: s.assumptions,
    categories: s.categories.map((c) => ({
      costCategoryId: c.costCategoryId,
      code: c.code,
      name: c.name,
      planned: c.planned,
      actual: c.actual,
      deviation: c.actual.minus(c.planned),
      assumption: c.assumption,
    })),
    plannedExpenditure: s.plannedExpenditure,
    eligibleExpenditure: s.eligibleExpenditure,
    cover: s.cover.map((c) => ({ ...c })),
    finalGrant: s.finalGrant,
    paidOut: s.paidOut,
    balance: s.balance,
    overpayment: s.overpayment,
    underpayment: s.underpayment,
    reclaim: s.reclaim,
    interest: { ...s.interest, pieces: s.interest.pieces.map((p) => ({ ...p, exact: p.exact.toFixed() })) },
    totalDue: s.totalDue,
    steps: s.steps.map((x) => ({ ...x })),
  };
}
