import type { IndicatorDefinition } from './entities/indicator-definition.entity.js';
import { type IndicatorTarget, WHOLE_PERIOD } from './entities/indicator-target.entity.js';
import type { IndicatorUpdate } from './entities/indicator-update.entity.js';
import type { ReportingPeriod } from './entities/reporting-period.entity.js';
import type { IndicatorDefinitionModel } from './models/indicator-definition.model.js';
import type { IndicatorTargetsModel } from './models/indicator-target.model.js';
import type { IndicatorUpdateModel } from './models/indicator-update.model.js';
import type { ReportingPeriodModel } from './models/reporting-period.model.js';

export function toIndicatorDefinitionModel(d: IndicatorDefinition): IndicatorDefinitionModel {
  return {
    id: d.id,
    programId: d.program.id,
    code: d.code,
    name: d.name,
    unit: d.unit,
    kind: d.kind,
    source: d.source,
    rule: d.rule ?? null,
    denominatorRule: d.denominatorRule ?? null,
    cumulative: d.cumulative,
    disaggregations: d.disaggregations,
    dataSource: d.dataSource,
  };
}

/** The targets of one indicator of one project, from its whole-period row and its year rows. */
export function toIndicatorTargetsModel(projectId: string, indicator: IndicatorDefinition, rows: IndicatorTarget[]): IndicatorTargetsModel {
  const whole = rows.find((r) => r.year === WHOLE_PERIOD);
  return {
    projectId,
    indicatorId: indicator.id,
    code: indicator.code,
    baseline: whole?.baseline ?? null,
    milestone: whole?.milestone ?? null,
    target: whole?.target ?? null,
    years: rows
      .filter((r) => r.year !== WHOLE_PERIOD)
      .sort((a, b) => a.year - b.year)
      .map((r) => ({ year: r.year, milestone: r.milestone ?? null, target: r.target })),
  };
}

export function toIndicatorUpdateModel(u: IndicatorUpdate): IndicatorUpdateModel {
  return {
    id: u.id,
    projectId: u.project.id,
    indicatorId: u.indicator.id,
    periodFrom: u.periodFrom,
    periodTo: u.periodTo,
    value: u.value,
    numerator: u.numerator ?? null,
    denominator: u.denominator ?? null,
    note: u.note ?? null,
    status: u.status,
    decisionComment: u.decisionComment ?? null,
    createdBy: u.createdBy,
    submittedBy: u.submittedBy ?? null,
    decidedBy: u.decidedBy ?? null,
    decidedAt: u.decidedAt ?? null,
  };
}

export function toReportingPeriodModel(p: ReportingPeriod): ReportingPeriodModel {
  return {
    id: p.id,
    projectId: p.project.id,
    label: p.label,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    status: p.status,
    lockedBy: p.lockedBy ?? null,
    lockedAt: p.lockedAt ?? null,
  };
}

/** Audit snapshots: plain values (Decimals as text) of what changed. */
export function targetSnapshot(t: IndicatorTarget): Record<string, unknown> {
  return {
    indicatorId: t.indicator.id,
    year: t.year,
    baseline: t.baseline?.toFixed(2) ?? null,
    milestone: t.milestone?.toFixed(2) ?? null,
    target: t.target.toFixed(2),
  };
}

export function updateSnapshot(u: IndicatorUpdate): Record<string, unknown> {
  const m = toIndicatorUpdateModel(u);
  return { ...m, value: m.value.toFixed(2) };
}
