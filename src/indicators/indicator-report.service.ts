import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Decimal } from 'decimal.js';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { addDays, daysBetween, fiscalYearOf, type LocalDate } from '../common/dates/local-date.js';
import { type AppConfig, APP_CONFIG } from '../config/app-config.js';
import { IdentityVault } from '../participants/identity-vault.js';
import { cellNamer } from '../privacy/disclosure-control.js';
import { countingParametersOf } from '../participants/lifecycle.js';
import { countingParametersOfProgram } from '../participants/counting-parameters.js';
import type { Project } from '../programs/entities/project.entity.js';
import type { Period, RuleInput } from './counting-rules.js';
import { IndicatorReportArgs } from './dto/indicator.inputs.js';
import { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { IndicatorTarget, WHOLE_PERIOD } from './entities/indicator-target.entity.js';
import { IndicatorUpdate } from './entities/indicator-update.entity.js';
import { ReportingPeriod } from './entities/reporting-period.entity.js';
import { type ApprovedUpdate, computedFigure, manualFigure, ruleRunner } from './indicator-figures.js';
import { loadParticipantRows, rowsAsOf, toRuleInput } from './indicator-inputs.js';
import { buildReportRow, type RowTargets } from './indicator-report.builder.js';
import {
  type FigureTotals,
  type LateCorrection,
  readCorrections,
  readSnapshots,
  type ReportedFigure,
  totalsDiffer,
  totalsOf,
} from './indicator-snapshots.js';
import { INDICATOR_READERS, UNSUPPRESSED_READERS } from './indicators.access.js';
import { ActualSource, IndicatorUpdateStatus, ReportingPeriodStatus } from './indicators.enums.js';
import { IndicatorErrors } from './indicators.errors.js';
import { toIndicatorDefinitionModel } from './indicators.mapper.js';
import { IndicatorsService } from './indicators.service.js';
import { isSpecialCategory, perturbedRow, specialCategoryRow } from './protected-row.js';
import type { IndicatorReportModel } from './models/indicator-report.model.js';

/**
 * The Indikatorenbericht: figures for any period computed from the data, or read from the frozen
 * snapshot when the period is a locked reporting period; targets, attainment, projection, late
 * corrections; suppression for readers who only hold the analyst role.
 */
@Injectable()
export class IndicatorReportService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly indicators: IndicatorsService,
    private readonly vault: IdentityVault,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cellSecret = config.dataProtection.hashKey;
  }

  /** The secret behind the cell keys (disclosure-control.ts): the identity hash key, never published. */
  private readonly cellSecret: Buffer;

  /**
   * The report of a period; with `asOf` (a proof's as-of date) from the data as it stood on that
   * day: events dated later, manual updates approved later and periods locked later do not count.
   */
  async report(
    user: AuthUser,
    args: IndicatorReportArgs,
    asOf: LocalDate | null = null,
    options: FigureOptions = {},
  ): Promise<IndicatorReportModel> {
    const em = this.em.fork();
    const project = await this.access.requireProject(em, user, args.projectId, INDICATOR_READERS);
    checkReportPeriod(project, args.period);
    const suppress = !this.access.holdsOnProject(user, { id: project.id, programId: project.program.id }, UNSUPPRESSED_READERS);
    // Analysts get aggregates for the programme's reporting periods only, never for arbitrary days (docs/domain.md#participants-and-data-protection).
    const period = suppress ? await snapToReportingPeriods(em, project, args.period) : { from: args.period.from, to: args.period.to };
    const [definitions, targets, minCellSize, specialMinCellSize] = await Promise.all([
      this.definitions(em, project),
      em.find(IndicatorTarget, { project }),
      this.indicators.minCellSize(em, project.program.id),
      this.indicators.specialCategoryMinCellSize(em, project.program.id),
    ]);
    const { figures, reportingPeriod } = await this.figures(em, project, definitions, period, asOf, options);
    const locked = !!reportingPeriod && lockedBy(reportingPeriod, asOf);
    const singleYear = fiscalYearOf(period.from) === fiscalYearOf(period.to) ? fiscalYearOf(period.from) : null;
    const lastDay = [period.to, project.approvalEnd, ...(asOf ? [asOf] : [])].sort()[0];
    const ctx = {
      elapsedDays: daysBetween(project.approvalStart, lastDay) + 1,
      totalDays: daysBetween(project.approvalStart, project.approvalEnd) + 1,
      suppressBelow: suppress ? minCellSize : null,
    };
    return {
      projectId: project.id,
      periodFrom: period.from,
      periodTo: period.to,
      reportingPeriodId: reportingPeriod?.id ?? null,
      locked,
      suppressionApplied: suppress,
      minCellSize,
      rows: definitions.map((def) => {
        const reported = figures.get(def.id)!;
        const spec = toIndicatorDefinitionModel(def);
        const rowTargets = targetsOf(targets, def.id, singleYear);
        const row = suppress
          ? perturbedRow(spec, reported.figure, rowTargets, ctx, {
              threshold: minCellSize,
              period: cellNamer(this.cellSecret, project.id, def.code, period.from, period.to),
              cumulative: cellNamer(this.cellSecret, project.id, def.code, project.approvalStart, period.to),
            })
          : buildReportRow(spec, reported.figure, reported.lateCorrection, rowTargets, { ...ctx, suppressBelow: null }, reported);
        // No role reading indicator reports reads health data: disability only per whole year and above its own threshold.
        return isSpecialCategory(spec) ? specialCategoryRow(row, yearLevel(project, period), specialMinCellSize) : row;
      }),
    };
  }

  definitions(em: EntityManager, project: Project): Promise<IndicatorDefinition[]> {
    return em.find(IndicatorDefinition, { program: project.program.id }, { orderBy: { sortOrder: 'asc', code: 'asc' } });
  }

  /**
   * Unsuppressed figures of every indicator for a period: the snapshot when it is a locked
   * reporting period (with its figure recomputed from the data now, next to it, when that differs),
   * computed otherwise. The first open reporting period after locked ones also carries their late
   * corrections, for every kind of indicator: each locked period's figure recomputed now against the
   * figure last reported for it (its snapshot, or the latest correction of it frozen with a later
   * locked period), so each change is reported once. With `asOf`, from the data as it stood on that
   * day (see `report`).
   */
  async figures(
    em: EntityManager,
    project: Project,
    definitions: IndicatorDefinition[],
    period: Period,
    asOf: LocalDate | null = null,
    options: FigureOptions = {},
  ) {
    const periods = await em.find(ReportingPeriod, { project }, { orderBy: { periodFrom: 'asc' } });
    const reportingPeriod = periods.find((p) => p.periodFrom === period.from && p.periodTo === period.to) ?? null;
    if (reportingPeriod && lockedBy(reportingPeriod, asOf)) {
      const [snapshots, frozenCorrections] = await Promise.all([
        readSnapshots(em, project, [reportingPeriod.id]),
        readCorrections(em, project, periods),
      ]);
      const figures = snapshots.get(reportingPeriod.id)!;
      // Recounting costs reading the project's data; a locked report does it only when the recount is asked for.
      // Only the period values matter here; the period itself stands in for the cumulative one (which costs nothing extra).
      const now = options.recountLocked ? (await this.calculator(em, project, definitions, asOf))(period, period) : null;
      for (const def of definitions) {
        const reported = figures.get(def.id);
        if (!reported) continue;
        reported.corrections = frozenCorrections.filter((c) => c.reportedInId === reportingPeriod.id && c.indicatorId === def.id);
        if (!now) continue;
        const current = totalsOf(now.get(def.id)!);
        const locked = totalsOf(reported.figure);
        reported.corrected = totalsDiffer(current, locked) ? { ...current, difference: current.value.minus(locked.value) } : null;
      }
      return { figures, reportingPeriod };
    }
    const compute = await this.calculator(em, project, definitions, asOf);
    const earlier = reportingPeriod ? periods.filter((p) => p.periodTo < reportingPeriod.periodFrom) : [];
    const carriesCorrections = earlier.length > 0 && earlier.every((p) => lockedBy(p, asOf));
    const [frozen, frozenCorrections] = carriesCorrections
      ? await Promise.all([
          readSnapshots(
            em,
            project,
            earlier.map((p) => p.id),
          ),
          readCorrections(em, project, periods),
        ])
      : [new Map<string, Map<string, ReportedFigure>>(), []];
    const earlierIds = new Set(earlier.map((p) => p.id));
    const recomputed = carriesCorrections
      ? earlier.map((p) => {
          const locked = { from: p.periodFrom, to: p.periodTo };
          return { period: p, figures: compute(locked, locked) };
        })
      : [];
    const current = compute(period);
    const figures = new Map<string, ReportedFigure>();
    for (const def of definitions) {
      const corrections: LateCorrection[] = [];
      for (const { period: locked, figures: now } of recomputed) {
        const snapshot = frozen.get(locked.id)?.get(def.id);
        if (!snapshot) continue; // an indicator added after the period was locked has nothing to correct
        // Frozen corrections come in the order of the periods that reported them; the last one is the latest word.
        const lastCorrection = frozenCorrections
          .filter((c) => c.periodId === locked.id && c.indicatorId === def.id && earlierIds.has(c.reportedInId))
          .sort((a, b) => periodOrder(periods, a.reportedInId) - periodOrder(periods, b.reportedInId))
          .at(-1);
        const reported: FigureTotals = lastCorrection?.corrected ?? totalsOf(snapshot.figure);
        const corrected = totalsOf(now.get(def.id)!);
        if (!totalsDiffer(corrected, reported)) continue;
        corrections.push({
          periodId: locked.id,
          periodFrom: locked.periodFrom,
          periodTo: locked.periodTo,
          reported,
          corrected,
          difference: corrected.value.minus(reported.value),
        });
      }
      const lateCorrection = carriesCorrections ? corrections.reduce((sum, c) => sum.plus(c.difference), new Decimal(0)) : null;
      figures.set(def.id, { figure: current.get(def.id)!, lateCorrection, corrections, corrected: null });
    }
    return { figures, reportingPeriod };
  }

  /** Loads the project's data once (as of `asOf`, when given) and returns a function computing every indicator for a period. */
  private async calculator(em: EntityManager, project: Project, definitions: IndicatorDefinition[], asOf: LocalDate | null) {
    const needsParticipants = definitions.some((d) => d.source === ActualSource.COMPUTED);
    const [input, updates] = await Promise.all([
      needsParticipants
        ? Promise.all([loadParticipantRows(em, project.id, this.vault), countingParametersOfProgram(em, project.program.id)]).then(
            ([rows, parameters]) => toRuleInput(asOf ? rowsAsOf(rows, asOf) : rows, parameters),
          )
        : Promise.resolve<RuleInput>({ participants: [], observations: [], parameters: countingParametersOf(null) }),
      em.find(IndicatorUpdate, {
        project,
        status: IndicatorUpdateStatus.APPROVED,
        ...(asOf ? { decidedAt: { $lt: endOfDay(asOf) } } : {}),
      }),
    ]);
    const approved: ApprovedUpdate[] = updates.map((u) => ({
      indicatorId: u.indicator.id,
      periodTo: u.periodTo,
      decidedAt: u.decidedAt ?? u.updatedAt,
      value: u.value,
      numerator: u.numerator ?? null,
      denominator: u.denominator ?? null,
    }));
    const run = ruleRunner(input);
    return (period: Period, cumulativePeriod: Period = { from: project.approvalStart, to: period.to }) => {
      return new Map(
        definitions.map((def) => {
          const spec = toIndicatorDefinitionModel(def);
          const figure =
            def.source === ActualSource.COMPUTED
              ? computedFigure(spec, run, period, cumulativePeriod)
              : manualFigure(spec, approved, period, cumulativePeriod);
          return [def.id, figure];
        }),
      );
    };
  }
}

export interface FigureOptions {
  /** For a locked period: recount it from the data now, to show the result next to the frozen figures (`corrected`). */
  recountLocked?: boolean;
}

/** The first instant after the as-of day (UTC, as every date of the service). */
const endOfDay = (date: LocalDate) => new Date(`${addDays(date, 1)}T00:00:00Z`);

const periodOrder = (periods: readonly ReportingPeriod[], id: string) => periods.findIndex((p) => p.id === id);

/** Whether a reporting period was locked (its figures frozen) on the as-of day; without one, now. */
function lockedBy(period: ReportingPeriod, asOf: LocalDate | null): boolean {
  if (period.status !== ReportingPeriodStatus.LOCKED) return false;
  return !asOf || !period.lockedAt || period.lockedAt < endOfDay(asOf);
}

/**
 * The smallest union of reporting periods covering `period` (an analyst's request snaps to it); a
 * day outside every reporting period snaps to its fiscal year within the approval period.
 */
export async function snapToReportingPeriods(
  em: EntityManager,
  project: Project,
  period: { from: LocalDate; to: LocalDate },
): Promise<Period> {
  const periods = await em.find(ReportingPeriod, { project }, { orderBy: { periodFrom: 'asc' } });
  const containing = (day: LocalDate) => periods.find((p) => p.periodFrom <= day && day <= p.periodTo);
  const yearOf = (day: LocalDate) => ({
    from: maxDate(`${day.slice(0, 4)}-01-01`, project.approvalStart),
    to: minDate(`${day.slice(0, 4)}-12-31`, project.approvalEnd),
  });
  const start = containing(period.from);
  const end = containing(period.to);
  return { from: start ? start.periodFrom : yearOf(period.from).from, to: end ? end.periodTo : yearOf(period.to).to };
}

const maxDate = (a: LocalDate, b: LocalDate) => (a > b ? a : b);
const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

/** Whether a period is one whole year (of the approval period) and whether it ends on a year end. */
function yearLevel(project: Project, period: Period): { period: boolean; cumulative: boolean } {
  const startsYear = period.from.endsWith('-01-01') || period.from === project.approvalStart;
  const endsYear = period.to.endsWith('-12-31') || period.to === project.approvalEnd;
  return { period: startsYear && endsYear && period.from.slice(0, 4) === period.to.slice(0, 4), cumulative: endsYear };
}

/** A report period lies inside the project's approval period and does not end before it starts. */
export function checkReportPeriod(
  project: Project,
  period: { from: LocalDate; to: LocalDate },
  fields = { from: 'period.from', to: 'period.to' },
): void {
  if (period.to < period.from) throw IndicatorErrors.periodEndsBeforeStart(fields.to);
  if (period.from < project.approvalStart || period.to > project.approvalEnd) throw IndicatorErrors.periodOutsideProject(fields.from);
}

function targetsOf(rows: IndicatorTarget[], indicatorId: string, year: number | null): RowTargets {
  const mine = rows.filter((r) => r.indicator.id === indicatorId);
  const whole = mine.find((r) => r.year === WHOLE_PERIOD);
  const ofYear = year === null ? undefined : mine.find((r) => r.year === year);
  return {
    baseline: whole?.baseline ?? null,
    milestone: whole?.milestone ?? null,
    target: whole?.target ?? null,
    yearMilestone: ofYear?.milestone ?? null,
    yearTarget: ofYear?.target ?? null,
  };
}
