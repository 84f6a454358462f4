import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { ALL_ROLES, Role } from '../auth/role.enum.js';
import type { LocalDate } from '../common/dates/local-date.js';
import { checkId, forbidden } from '../common/errors/app-error.js';
import { paginate } from '../common/pagination/paginate.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { readConnection } from '../database/read-preference.js';
import type { Track } from '../participants/participants.enums.js';
import { Project } from '../programs/entities/project.entity.js';
import { CreateMeasureInput, MeasuresArgs, UpdateMeasureInput } from './dto/measure.inputs.js';
import { Measure } from './entities/measure.entity.js';
import { Participation } from './entities/participation.entity.js';
import type { MeasureType } from './measures.enums.js';
import { MeasureErrors } from './measures.errors.js';
import { measureColumns, measureFromRow, measureSnapshot, toMeasureModel } from './measures.mapper.js';
import { MeasureModel, MeasureOccupancyModel } from './models/measure.model.js';
import { occupancyOn, peakOccupancy } from './occupancy.js';
import { joinTransaction } from '../database/transactions.js';
import { MEASURE_MANAGERS, OCCUPANCY_READERS } from './measures.access.js';
import { HEALTH_MEASURE_TYPES } from '../participants/participants.access.js';
import { caseWorkerProjects } from './participations.service.js';

/** FINANCE and ADMIN manage measures (they carry cost); every role of the project may read them. */
const MEASURE_ORDER = ['startDate', 'id'] as const;

@Injectable()
export class MeasuresService {
  constructor(
    private readonly em: EntityManager,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async list(user: AuthUser, args: MeasuresArgs) {
    const project = await this.access.requireProject(this.em, user, args.projectId, ALL_ROLES);
    const where = {
      project: project.id,
      ...(args.track ? { track: args.track } : {}),
      ...(args.type ? { type: args.type } : {}),
      ...(args.runningOn ? { startDate: { $lte: args.runningOn }, endDate: { $gte: args.runningOn } } : {}),
    };
    return paginate(this.em, Measure, { where, key: MEASURE_ORDER, args, maxPageSize: this.config.maxPageSize, toNode: toMeasureModel });
  }

  async get(user: AuthUser, id: string): Promise<MeasureModel> {
    return toMeasureModel(await this.requireMeasure(this.em, user, id, ALL_ROLES));
  }

  /** Measures by id for the loader behind Participation.measure (the participations were already visible). */
  async byIds(ids: readonly string[]): Promise<MeasureModel[]> {
    // Plain rows: asked for by participations read without their measures.
    const rows = await this.em.execute<Record<string, unknown>[]>(
      `select ${measureColumns()} from measure m where m.id in (?)`,
      [[...ids]],
      {
        connectionType: readConnection(),
      },
    );
    return rows.map((r) => measureFromRow(r));
  }

  /** Occupancy of many measures on one day, in one query. */
  /** Occupancy on `asOf` of each measure, or null where the user may not see it (OCCUPANCY_READERS). */
  async occupancies(user: AuthUser, measures: readonly MeasureModel[], asOf: LocalDate): Promise<(MeasureOccupancyModel | null)[]> {
    const projects = await this.em.find(Project, { id: { $in: [...new Set(measures.map((m) => m.projectId))] } }, { fields: ['program'] });
    const programOf = new Map(projects.map((p) => [p.id, p.program.id]));
    const healthFactsOf = caseWorkerProjects(user);
    const visible = (m: MeasureModel) =>
      HEALTH_MEASURE_TYPES.includes(m.type)
        ? healthFactsOf.includes(m.projectId)
        : this.access.holdsOnProject(user, { id: m.projectId, programId: programOf.get(m.projectId)! }, OCCUPANCY_READERS);
    const shown = measures.filter(visible);
    const rows = shown.length
      ? await this.em.find(Participation, { measure: { $in: shown.map((m) => m.id) } }, { fields: ['measure', 'startDate', 'endDate'] })
      : [];
    return measures.map((m) => {
      if (!shown.includes(m)) return null;
      const periods = rows.filter((r) => r.measure.id === m.id).map((r) => ({ start: r.startDate, end: r.endDate ?? m.endDate }));
      const occupied = occupancyOn(periods, asOf);
      return { asOf, occupied, free: Math.max(0, m.capacity - occupied), totalParticipations: periods.length };
    });
  }

  async create(user: AuthUser, input: CreateMeasureInput): Promise<MeasureModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, MEASURE_MANAGERS);
      const { projectId: _projectId, ...fields } = input;
      checkMeasure(fields, project);
      if (await em.count(Measure, { project, title: input.title })) throw MeasureErrors.titleTaken(input.title);
      const measure = em.create(Measure, { ...fields, project });
      // A title taken by a concurrent request in between surfaces as CONFLICT from the unique key.
      await em.flush();
      this.audit.record({ entity: 'Measure', id: measure.id, projectId: project.id, before: null, after: measureSnapshot(measure) });
      return toMeasureModel(measure);
    });
  }

  /** Capacity and period may change only as far as the participations already enrolled allow. */
  async update(user: AuthUser, id: string, input: UpdateMeasureInput): Promise<MeasureModel> {
    return joinTransaction(this.em, async (em) => {
      const measure = await this.requireMeasure(em, user, id, MEASURE_MANAGERS, true);
      const project = await em.findOneOrFail(Project, measure.project.id);
      const before = measureSnapshot(measure);
      em.assign(measure, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      checkMeasure(measure, project);
      const periods = (await em.find(Participation, { measure })).map((p) => ({ start: p.startDate, end: p.endDate ?? measure.endDate }));
      if (periods.some((p) => p.start < measure.startDate || p.end > measure.endDate)) throw MeasureErrors.periodExcludesParticipations();
      const peak = peakOccupancy(periods, { start: measure.startDate, end: measure.endDate });
      if (peak > measure.capacity) throw MeasureErrors.capacityBelowUse(peak);
      if (input.title !== undefined && (await em.count(Measure, { project, title: input.title, id: { $ne: id } })))
        throw MeasureErrors.titleTaken(input.title);
      await em.flush();
      this.audit.record({ entity: 'Measure', id, projectId: project.id, before, after: measureSnapshot(measure) });
      return toMeasureModel(measure);
    });
  }

  private async requireMeasure(em: EntityManager, user: AuthUser, id: string, roles: readonly Role[], lock = false): Promise<Measure> {
    checkId(id);
    const measure = await em.findOne(
      Measure,
      { $and: [{ id }, this.access.ownedWhere(user, roles)] },
      lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
    );
    if (measure) return measure;
    const visible = await em.count(Measure, { $and: [{ id }, this.access.ownedWhere(user, ALL_ROLES)] });
    throw visible ? forbidden('Your role on this project does not allow this.') : MeasureErrors.measureNotFound(id);
  }
}

/** Cross-field rules of a measure; single fields are checked by the scalars and the DTO. */
function checkMeasure(m: { startDate: LocalDate; endDate: LocalDate; costPerPlace: Decimal }, project: Project): void {
  if (m.endDate < m.startDate) throw MeasureErrors.periodEndsBeforeStart();
  if (m.startDate < project.approvalStart || m.endDate > project.approvalEnd) throw MeasureErrors.periodOutsideProject();
  if (m.costPerPlace.isNegative()) throw MeasureErrors.costNegative();
}
