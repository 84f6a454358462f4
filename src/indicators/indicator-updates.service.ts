import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import type { Project } from '../programs/entities/project.entity.js';
import { CreateIndicatorUpdateInput, IndicatorUpdateInput, ReturnIndicatorUpdateInput } from './dto/indicator.inputs.js';
import type { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { IndicatorUpdate } from './entities/indicator-update.entity.js';
import { percentOf } from './indicator-figures.js';
import { INDICATOR_APPROVERS, INDICATOR_MANAGERS, INDICATOR_READERS } from './indicators.access.js';
import { ActualSource, IndicatorUnit, IndicatorUpdateStatus } from './indicators.enums.js';
import { IndicatorErrors } from './indicators.errors.js';
import { toIndicatorUpdateModel, updateSnapshot } from './indicators.mapper.js';
import { IndicatorsService } from './indicators.service.js';
import { joinTransaction } from '../database/transactions.js';

const EDITABLE = [IndicatorUpdateStatus.DRAFT, IndicatorUpdateStatus.RETURNED];

/**
 * Manual updates of MANUAL indicators: DRAFT → SUBMITTED → APPROVED, or RETURNED with a comment
 * and then corrected and submitted again. Only approved updates count in reports.
 */
@Injectable()
export class IndicatorUpdatesService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly indicators: IndicatorsService,
  ) {}

  async list(user: AuthUser, projectId: string, status?: IndicatorUpdateStatus) {
    const project = await this.access.requireProject(this.em, user, projectId, INDICATOR_READERS);
    const rows = await this.em.find(
      IndicatorUpdate,
      { project, ...(status ? { status } : {}) },
      { orderBy: { periodTo: 'asc', createdAt: 'asc', id: 'asc' } },
    );
    return rows.map(toIndicatorUpdateModel);
  }

  async create(user: AuthUser, input: CreateIndicatorUpdateInput) {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, INDICATOR_MANAGERS);
      const indicator = await this.indicators.indicatorOf(em, project, input.indicatorId);
      checkUpdate(input, indicator, project);
      const update = em.create(IndicatorUpdate, {
        project,
        indicator,
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        value: input.value,
        numerator: input.numerator ?? null,
        denominator: input.denominator ?? null,
        note: input.note ?? null,
        createdBy: user.id,
      });
      await em.flush();
      this.audit.record({ entity: 'IndicatorUpdate', id: update.id, projectId: project.id, before: null, after: updateSnapshot(update) });
      return toIndicatorUpdateModel(update);
    });
  }

  /** Corrects a draft or returned update. */
  async edit(user: AuthUser, id: string, input: IndicatorUpdateInput) {
    return this.transition(user, id, INDICATOR_MANAGERS, (update) => {
      if (!EDITABLE.includes(update.status)) throw IndicatorErrors.updateNotEditable(update.status);
      checkUpdate(input, update.indicator.getEntity(), update.project.getEntity());
      Object.assign(update, {
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        value: input.value,
        numerator: input.numerator ?? null,
        denominator: input.denominator ?? null,
        note: input.note ?? null,
      });
    });
  }

  async submit(user: AuthUser, id: string) {
    return this.transition(user, id, INDICATOR_MANAGERS, (update) => {
      if (!EDITABLE.includes(update.status)) throw IndicatorErrors.updateNotEditable(update.status);
      Object.assign(update, { status: IndicatorUpdateStatus.SUBMITTED, submittedBy: user.id, submittedAt: new Date() });
    });
  }

  async approve(user: AuthUser, id: string, comment?: string | null) {
    return this.transition(user, id, INDICATOR_APPROVERS, (update) => {
      this.decide(user, update);
      Object.assign(update, {
        status: IndicatorUpdateStatus.APPROVED,
        decidedBy: user.id,
        decidedAt: new Date(),
        decisionComment: comment ?? null,
      });
    });
  }

  async return(user: AuthUser, input: ReturnIndicatorUpdateInput) {
    return this.transition(user, input.id, INDICATOR_APPROVERS, (update) => {
      this.decide(user, update);
      Object.assign(update, {
        status: IndicatorUpdateStatus.RETURNED,
        decidedBy: user.id,
        decidedAt: new Date(),
        decisionComment: input.comment,
      });
    });
  }

  private decide(user: AuthUser, update: IndicatorUpdate): void {
    if (update.status !== IndicatorUpdateStatus.SUBMITTED) throw IndicatorErrors.updateNotSubmitted(update.status);
    if (update.submittedBy === user.id || update.createdBy === user.id) throw IndicatorErrors.ownApproval();
  }

  /** Loads the update locked for this transaction, checks the role on its project, applies `change`, audits. */
  private async transition(user: AuthUser, id: string, roles: Role[], change: (update: IndicatorUpdate) => void) {
    checkId(id);
    return joinTransaction(this.em, async (em) => {
      const update = await em.findOne(
        IndicatorUpdate,
        { $and: [{ id }, this.access.ownedWhere(user, roles)] },
        { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['project', 'indicator'] },
      );
      if (!update) {
        const visible = await em.count(IndicatorUpdate, { $and: [{ id }, this.access.ownedWhere(user, ALL_ROLES)] });
        throw visible ? forbidden('Your role on this project does not allow this.') : IndicatorErrors.updateNotFound(id);
      }
      const before = updateSnapshot(update);
      change(update);
      await em.flush();
      this.audit.record({ entity: 'IndicatorUpdate', id: update.id, projectId: update.project.id, before, after: updateSnapshot(update) });
      return toIndicatorUpdateModel(update);
    });
  }
}

/** Cross-field rules of a manual update. */
function checkUpdate(input: IndicatorUpdateInput, indicator: IndicatorDefinition, project: Project): void {
  if (indicator.source !== ActualSource.MANUAL) throw IndicatorErrors.notManual(indicator.code);
  if (input.periodTo < input.periodFrom) throw IndicatorErrors.periodEndsBeforeStart('periodTo');
  if (input.periodFrom < project.approvalStart || input.periodTo > project.approvalEnd)
    throw IndicatorErrors.periodOutsideProject('periodFrom');
  if (input.value.isNegative()) throw IndicatorErrors.valueNegative();
  if (indicator.unit === IndicatorUnit.PERSONS && !input.value.isInteger()) throw IndicatorErrors.wholePersons('value');
  if (indicator.unit === IndicatorUnit.PERCENT) {
    if (input.value.gt(100)) throw IndicatorErrors.percentAbove100('value');
    const { numerator, denominator } = input;
    if (numerator == null || denominator == null || numerator > denominator) throw IndicatorErrors.percentNeedsShare();
    if (!(percentOf(numerator, denominator) ?? new Decimal(-1)).eq(input.value)) throw IndicatorErrors.percentNeedsShare();
  }
}
