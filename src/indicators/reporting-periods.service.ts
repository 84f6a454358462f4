import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES } from '../auth/role.enum.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import { CreateReportingPeriodInput } from './dto/indicator.inputs.js';
import { Project } from '../programs/entities/project.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { IndicatorReportService, checkReportPeriod } from './indicator-report.service.js';
import { writeSnapshot } from './indicator-snapshots.js';
import { INDICATOR_APPROVERS, INDICATOR_MANAGERS, INDICATOR_READERS } from './indicators.access.js';
import { ReportingPeriodStatus } from './indicators.enums.js';
import { IndicatorErrors } from './indicators.errors.js';
import { toReportingPeriodModel } from './indicators.mapper.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/** Reporting periods of a project, and approving-and-locking one (which freezes its figures). */
@Injectable()
export class ReportingPeriodsService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
    private readonly reports: IndicatorReportService,
  ) {}

  async list(user: AuthUser, projectId: string) {
    const project = await this.access.requireProject(this.em, user, projectId, INDICATOR_READERS);
    const rows = await this.em.find(ReportingPeriod, { project }, { orderBy: { periodFrom: 'asc' } });
    return rows.map(toReportingPeriodModel);
  }

  async create(user: AuthUser, input: CreateReportingPeriodInput) {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, INDICATOR_MANAGERS);
      checkReportPeriod(project, { from: input.periodFrom, to: input.periodTo }, { from: 'periodFrom', to: 'periodTo' });
      // The project row serialises period creation, so two overlapping periods cannot both pass the check.
      await em.lock(project, LockMode.PESSIMISTIC_WRITE);
      const overlapping = await em.findOne(ReportingPeriod, {
        project,
        periodFrom: { $lte: input.periodTo },
        periodTo: { $gte: input.periodFrom },
      });
      if (overlapping) throw IndicatorErrors.periodOverlaps(overlapping.label);
      const period = em.create(ReportingPeriod, { project, label: input.label, periodFrom: input.periodFrom, periodTo: input.periodTo });
      await flushUnique(em, () => IndicatorErrors.periodOverlaps(input.label));
      this.audit.record({
        entity: 'ReportingPeriod',
        id: period.id,
        projectId: project.id,
        before: null,
        after: { ...toReportingPeriodModel(period) },
      });
      return toReportingPeriodModel(period);
    });
  }

  /**
   * Approves and locks a period: computes its figures once more and stores them as the snapshot
   * every later report of this period reads. Periods are locked in order; a period is locked once
   * (the row lock makes concurrent attempts wait and then see it locked).
   */
  async lock(user: AuthUser, id: string) {
    checkId(id);
    return joinTransaction(this.em, async (em) => {
      const period = await em.findOne(
        ReportingPeriod,
        { $and: [{ id }, this.access.ownedWhere(user, INDICATOR_APPROVERS)] },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!period) {
        const visible = await em.count(ReportingPeriod, { $and: [{ id }, this.access.ownedWhere(user, ALL_ROLES)] });
        throw visible
          ? forbidden("Only the programme's grantor or an administrator approves and locks a reporting period.")
          : IndicatorErrors.periodNotFound(id);
      }
      if (period.status === ReportingPeriodStatus.LOCKED) throw IndicatorErrors.alreadyLocked(period.label);
      const project = await em.findOneOrFail(Project, period.project.id);
      const open = await em.findOne(
        ReportingPeriod,
        { project, periodTo: { $lt: period.periodFrom }, status: ReportingPeriodStatus.OPEN },
        { orderBy: { periodFrom: 'asc' } },
      );
      if (open) throw IndicatorErrors.earlierPeriodOpen(open.label);
      const definitions = await this.reports.definitions(em, project);
      const { figures } = await this.reports.figures(em, project, definitions, { from: period.periodFrom, to: period.periodTo });
      writeSnapshot(em, project, period, definitions, figures);
      const before = toReportingPeriodModel(period);
      Object.assign(period, { status: ReportingPeriodStatus.LOCKED, lockedBy: user.id, lockedAt: new Date() });
      await em.flush();
      this.audit.record({
        entity: 'ReportingPeriod',
        id: period.id,
        projectId: project.id,
        before: { ...before },
        after: { ...toReportingPeriodModel(period) },
      });
      return toReportingPeriodModel(period);
    });
  }
}
