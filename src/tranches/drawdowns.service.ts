import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../auth/role.enum.js';
import { BudgetTotals } from '../budget/budget-totals.js';
import { addDays, fiscalYearOf, todayUtc } from '../common/dates/local-date.js';
import { sumMoney, ZERO } from '../common/money/money.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import { DrawdownAction, DrawdownStatus, nextStatus } from './drawdown-lifecycle.js';
import { DrawdownReads, drawnTotalsSource } from './drawdown-reads.js';
import {
  DecideDrawdownInput,
  DisburseDrawdownInput,
  DrawdownLineInput,
  RecordRepaymentInput,
  RequestDrawdownInput,
  SubmitDrawdownInput,
} from './dto/drawdown.inputs.js';
import { DrawdownApproval } from './entities/drawdown-approval.entity.js';
import { DrawdownLine } from './entities/drawdown-line.entity.js';
import { Drawdown } from './entities/drawdown.entity.js';
import { DRAWDOWN_APPROVERS, MONEY_READERS, MONEY_WRITERS } from './money-access.js';
import { lockInstalment, planLines } from '../budget/plan-in-force.js';
import { drawdownAuditFields } from './tranches.mapper.js';
import { trancheUses } from './tranche-use.js';
import { ApprovalDecision, CLAIMING_STATUSES, DrawdownKind, PAID_STATUSES } from './tranches.enums.js';
import { TrancheErrors } from './tranches.errors.js';
import { joinTransaction } from '../database/transactions.js';

/**
 * Drawdowns (Mittelabrufe): request, four-eyes decision, payout, repayment. Every money mutation
 * runs in one transaction with an idempotency key; requests of one project-year queue on the
 * instalment row (FOR UPDATE), so the instalment can never be overdrawn, whatever arrives at once.
 */
@Injectable()
export class DrawdownsService implements OnModuleInit {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly idempotency: IdempotencyService,
    private readonly totals: BudgetTotals,
    private readonly reads: DrawdownReads,
  ) {}

  onModuleInit(): void {
    this.totals.register(drawnTotalsSource);
  }

  /** A drawdown prepared but not yet sent: no limit check, it claims nothing until submitted. */
  plan(user: AuthUser, input: RequestDrawdownInput) {
    return this.create(user, input, DrawdownStatus.PLANNED, 'planDrawdown');
  }

  /** A request to the grantor; refused when it exceeds what is left of the year's instalment. */
  request(user: AuthUser, input: RequestDrawdownInput) {
    return this.create(user, input, DrawdownStatus.REQUESTED, 'requestDrawdown');
  }

  private async create(user: AuthUser, input: RequestDrawdownInput, status: DrawdownStatus, operation: string) {
    const id = await joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProjectTerms(em, user, input.projectId, MONEY_WRITERS);
      const program = await em.findOneOrFail(FundingProgram, project.program.id);
      checkRequestDates(project, program, input);
      const fiscalYear = fiscalYearOf(input.expectedPayoutDate);
      const lines = await checkLines(em, project.id, fiscalYear, input.lines);
      const { idempotencyKey, ...request } = input;
      const result = await this.idempotency.run(em, { projectId: project.id, key: idempotencyKey, operation, input: request }, async () => {
        const amount = sumMoney(lines.map((l) => l.amount));
        const instalment = await lockInstalment(em, project.id, fiscalYear, todayUtc());
        if (!instalment) throw TrancheErrors.noInstalment(fiscalYear);
        if (status === DrawdownStatus.REQUESTED) await checkRoom(em, project.id, fiscalYear, instalment, amount);
        const drawdown = em.create(Drawdown, {
          project,
          fiscalYear,
          number: await nextNumber(em, project.id, fiscalYear),
          kind: DrawdownKind.TRANCHE,
          status,
          amount,
          expectedPayoutDate: input.expectedPayoutDate,
          neededUntil: input.neededUntil,
          requestedBy: user.id,
          plannedBy: user.id,
          requestedAt: status === DrawdownStatus.REQUESTED ? new Date() : null,
        });
        for (const line of lines) em.create(DrawdownLine, { project, drawdown, costCategory: line.costCategoryId, amount: line.amount });
        await em.flush();
        this.audit.record({
          entity: 'Drawdown',
          id: drawdown.id,
          projectId: project.id,
          before: null,
          after: drawdownAuditFields(drawdown),
        });
        return { id: drawdown.id };
      });
      return result.id;
    });
    return this.reads.byId(user, id);
  }

  /** PLANNED → REQUESTED, with the same limit check as a new request. */
  async submit(user: AuthUser, input: SubmitDrawdownInput) {
    await joinTransaction(this.em, async (em) => {
      const { drawdown, project } = await this.lockDrawdown(em, user, input.drawdownId, MONEY_WRITERS);
      await this.idempotency.run(
        em,
        { projectId: project.id, key: input.idempotencyKey, operation: 'submitDrawdown', input: { drawdownId: drawdown.id } },
        async () => {
          const before = drawdownAuditFields(drawdown);
          const to = transition(drawdown, DrawdownAction.REQUEST, 'submitted');
          const instalment = await lockInstalment(em, project.id, drawdown.fiscalYear, todayUtc());
          if (!instalment) throw TrancheErrors.noInstalment(drawdown.fiscalYear);
          await checkRoom(em, project.id, drawdown.fiscalYear, instalment, drawdown.amount);
          drawdown.status = to;
          drawdown.requestedAt = new Date();
          drawdown.requestedBy = em.getReference(AppUser, user.id, { wrapped: true });
          await em.flush();
          this.audit.record({ entity: 'Drawdown', id: drawdown.id, projectId: project.id, before, after: drawdownAuditFields(drawdown) });
          return { id: drawdown.id };
        },
      );
    });
    return this.reads.byId(user, input.drawdownId);
  }

  approve(user: AuthUser, input: DecideDrawdownInput) {
    return this.decide(user, input, ApprovalDecision.APPROVED);
  }

  reject(user: AuthUser, input: DecideDrawdownInput) {
    if (!input.comment?.trim()) throw TrancheErrors.rejectNeedsComment();
    return this.decide(user, input, ApprovalDecision.REJECTED);
  }

  /** The four-eyes decision: never by the planner or the requester; stored as its own record (who, when, comment). */
  private async decide(user: AuthUser, input: DecideDrawdownInput, decision: ApprovalDecision) {
    await joinTransaction(this.em, async (em) => {
      const { drawdown, project } = await this.lockDrawdown(em, user, input.drawdownId, DRAWDOWN_APPROVERS);
      const action = decision === ApprovalDecision.APPROVED ? DrawdownAction.APPROVE : DrawdownAction.REJECT;
      const to = transition(drawdown, action, decision === ApprovalDecision.APPROVED ? 'approved' : 'rejected');
      // Four eyes across the lifecycle: neither who planned it nor who requested (submitted) it decides it.
      if (drawdown.requestedBy.id === user.id || drawdown.plannedBy?.id === user.id) throw TrancheErrors.selfApproval();
      const before = drawdownAuditFields(drawdown);
      drawdown.status = to;
      const approval = em.create(DrawdownApproval, {
        project,
        drawdown,
        decision,
        decidedBy: user.id,
        comment: input.comment?.trim() || null,
      });
      await em.flush();
      this.audit.record({ entity: 'Drawdown', id: drawdown.id, projectId: project.id, before, after: drawdownAuditFields(drawdown) });
      this.audit.record({
        entity: 'DrawdownApproval',
        id: approval.id,
        projectId: project.id,
        before: null,
        after: { drawdownId: drawdown.id, decision, decidedBy: user.id, comment: approval.comment },
      });
    });
    return this.reads.byId(user, input.drawdownId);
  }

  /** APPROVED → DISBURSED: the money arrived. Books the drawn figures of the budget overview in the same transaction. */
  async disburse(user: AuthUser, input: DisburseDrawdownInput) {
    await joinTransaction(this.em, async (em) => {
      const { drawdown, project } = await this.lockDrawdown(em, user, input.drawdownId, MONEY_WRITERS);
      const { idempotencyKey, ...request } = input;
      await this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'disburseDrawdown', input: request },
        async () => {
          const to = transition(drawdown, DrawdownAction.DISBURSE, 'disbursed');
          if (fiscalYearOf(input.payoutDate) !== drawdown.fiscalYear) throw TrancheErrors.payoutYear(drawdown.fiscalYear);
          if (!input.amount.eq(drawdown.amount)) throw TrancheErrors.disbursedAmountDiffers(drawdown.amount);
          const before = drawdownAuditFields(drawdown);
          drawdown.status = to;
          drawdown.payoutDate = input.payoutDate;
          await em.flush();
          await this.bookDrawn(em, drawdown);
          this.audit.record({ entity: 'Drawdown', id: drawdown.id, projectId: project.id, before, after: drawdownAuditFields(drawdown) });
          return { id: drawdown.id };
        },
      );
    });
    return this.reads.byId(user, input.drawdownId);
  }

  /** A negative tranche: money going back (repayment) or claimed back (reclaim), with a reason. */
  async recordRepayment(user: AuthUser, input: RecordRepaymentInput) {
    const id = await joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, MONEY_WRITERS);
      if (input.paymentDate < project.approvalStart)
        throw TrancheErrors.payoutOutsidePeriod('paymentDate', project.approvalStart, project.approvalEnd);
      if (!input.reason.trim()) throw TrancheErrors.reasonRequired();
      const fiscalYear = fiscalYearOf(input.paymentDate);
      const lines = await checkLines(em, project.id, fiscalYear, input.lines);
      const { idempotencyKey, ...request } = input;
      const result = await this.idempotency.run(
        em,
        { projectId: project.id, key: idempotencyKey, operation: 'recordRepayment', input: request },
        async () => {
          const related = input.relatesToDrawdownId
            ? await em.findOne(
                Drawdown,
                { id: input.relatesToDrawdownId, project, kind: DrawdownKind.TRANCHE, status: { $in: PAID_STATUSES } },
                { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['lines'] },
              )
            : null;
          if (input.relatesToDrawdownId && !related) throw TrancheErrors.relatedNotPaid();
          if (!(await lockInstalment(em, project.id, fiscalYear, todayUtc()))) throw TrancheErrors.noInstalment(fiscalYear);
          const drawn = await drawnByCategory(em, project.id, fiscalYear);
          for (const line of lines) {
            const available = drawn.get(line.costCategoryId) ?? ZERO;
            if (line.amount.gt(available)) throw TrancheErrors.exceedsDrawn(available);
          }
          const drawdown = em.create(Drawdown, {
            project,
            fiscalYear,
            number: await nextNumber(em, project.id, fiscalYear),
            kind: input.kind,
            status: DrawdownStatus.DISBURSED,
            amount: sumMoney(lines.map((l) => l.amount)).negated(),
            payoutDate: input.paymentDate,
            reason: input.reason.trim(),
            relatesTo: input.relatesToDrawdownId ?? null,
            requestedBy: user.id,
            requestedAt: new Date(),
          });
          for (const line of lines)
            em.create(DrawdownLine, { project, drawdown, costCategory: line.costCategoryId, amount: line.amount.negated() });
          await em.flush();
          await this.bookDrawn(em, drawdown);
          this.audit.record({
            entity: 'Drawdown',
            id: drawdown.id,
            projectId: project.id,
            before: null,
            after: drawdownAuditFields(drawdown),
          });
          // docs/domain.md#lifecycles: a tranche whose unused money the grantee pays back is REPAID (a reclaim
          // only records the claim; the tranche keeps its state).
          // By the amounts, not by the repayment's existence: REPAID only once nothing of the
          // tranche is left unused after this repayment (FIFO use as of its payment date).
          const repaid = related && input.kind === DrawdownKind.REPAYMENT ? nextStatus(related.status, DrawdownAction.REPAY) : undefined;
          const program = repaid ? await em.findOneOrFail(FundingProgram, project.program.id) : undefined;
          const left =
            repaid && program
              ? (await trancheUses(em, project.id, program.drawdownHorizonDays, input.paymentDate)).get(related!.id)?.unused
              : undefined;
          if (related && repaid && left?.isZero()) {
            const before = drawdownAuditFields(related);
            related.status = repaid;
            await em.flush();
            this.audit.record({ entity: 'Drawdown', id: related.id, projectId: project.id, before, after: drawdownAuditFields(related) });
          }
          return { id: drawdown.id };
        },
      );
      return result.id;
    });
    return this.reads.byId(user, id);
  }

  /** Adds the drawdown's lines to the maintained drawn totals, in a fixed order so concurrent payouts never deadlock. */
  private async bookDrawn(em: EntityManager, drawdown: Drawdown): Promise<void> {
    const lines = [...drawdown.lines.getItems()].sort((a, b) => a.costCategory.id.localeCompare(b.costCategory.id));
    for (const line of lines) {
      await this.totals.apply(em, {
        projectId: drawdown.project.id,
        fiscalYear: drawdown.fiscalYear,
        costCategoryId: line.costCategory.id,
        drawn: line.amount,
      });
    }
  }

  /** The drawdown (NOT_FOUND when invisible), checked for `roles` on its project and locked for this transaction. */
  private async lockDrawdown(
    em: EntityManager,
    user: AuthUser,
    id: string,
    roles: Role[],
  ): Promise<{ drawdown: Drawdown; project: Project }> {
    const visible = await em.findOne(
      Drawdown,
      { $and: [{ id }, this.access.ownedWhere(user, MONEY_READERS)] },
      { fields: ['id', 'project'] },
    );
    if (!visible) throw TrancheErrors.drawdownNotFound(id);
    const project = await this.access.requireProject(em, user, visible.project.id, roles);
    const drawdown = await em.findOneOrFail(Drawdown, id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['lines'] });
    return { drawdown, project };
  }
}

function transition(drawdown: Drawdown, action: DrawdownAction, verb: string): DrawdownStatus {
  const to = nextStatus(drawdown.status, action);
  if (!to || drawdown.kind !== DrawdownKind.TRANCHE) throw TrancheErrors.notInStatus(verb, drawdown.status);
  return to;
}

/** Expected payout inside the approval period; needed-until from the payout up to payout + horizon (ANBest-P 1.4). */
function checkRequestDates(project: Project, program: FundingProgram, input: RequestDrawdownInput): void {
  if (input.expectedPayoutDate < project.approvalStart || input.expectedPayoutDate > project.approvalEnd) {
    throw TrancheErrors.payoutOutsidePeriod('expectedPayoutDate', project.approvalStart, project.approvalEnd);
  }
  if (input.neededUntil < input.expectedPayoutDate) throw TrancheErrors.neededBeforePayout();
  const latest = addDays(input.expectedPayoutDate, program.drawdownHorizonDays);
  if (input.neededUntil > latest) throw TrancheErrors.beyondHorizon(latest, program.drawdownHorizonDays);
}

/** Amounts above zero, each category once and with a budget line in the year's plan. */
async function checkLines(em: EntityManager, projectId: string, fiscalYear: number, lines: DrawdownLineInput[]) {
  const inPlan = new Set((await planLines(em, projectId, fiscalYear, todayUtc())).map((l) => l.costCategoryId));
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    if (line.amount.lte(0)) throw TrancheErrors.amountNotPositive(index);
    if (seen.has(line.costCategoryId)) throw TrancheErrors.duplicateCategory(index);
    seen.add(line.costCategoryId);
    if (!inPlan.has(line.costCategoryId)) throw TrancheErrors.categoryNotInPlan(index, fiscalYear);
  });
  return lines;
}

/** Instalment − everything requested, approved or disbursed (net of repayments) must cover the new amount. */
async function checkRoom(em: EntityManager, projectId: string, fiscalYear: number, instalment: Decimal, amount: Decimal): Promise<void> {
  const [row] = await em.execute<{ claimed: string | null }[]>(
    'select sum(amount)::text as claimed from drawdown where project_id = ? and fiscal_year = ? and status in (?)',
    [projectId, fiscalYear, CLAIMING_STATUSES],
  );
  const available = instalment.minus(new Decimal(row?.claimed ?? '0'));
  if (amount.gt(available)) throw TrancheErrors.exceedsInstalment(amount, Decimal.max(available, ZERO), fiscalYear);
}

/** Paid-out money per cost category of a year, net of earlier repayments (what can still go back). */
async function drawnByCategory(em: EntityManager, projectId: string, fiscalYear: number): Promise<Map<string, Decimal>> {
  const rows = await em.execute<{ cost_category_id: string; drawn: string }[]>(
    `select l.cost_category_id, sum(l.amount)::text as drawn from drawdown_line l join drawdown d on d.id = l.drawdown_id
      where d.project_id = ? and d.fiscal_year = ? and d.status in (?) group by l.cost_category_id`,
    [projectId, fiscalYear, PAID_STATUSES],
  );
  return new Map(rows.map((r) => [r.cost_category_id, new Decimal(r.drawn)]));
}

/** Next Abruf-Nr. of the year; callers hold the instalment lock, so two writers never pick the same. */
async function nextNumber(em: EntityManager, projectId: string, fiscalYear: number): Promise<number> {
  const [row] = await em.execute<{ next: number }[]>(
    'select coalesce(max(number), 0) + 1 as next from drawdown where project_id = ? and fiscal_year = ?',
    [projectId, fiscalYear],
  );
  return Number(row.next);
}
