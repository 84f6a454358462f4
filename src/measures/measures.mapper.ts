import type { Track } from '../participants/participants.enums.js';
import { moneyText } from '../common/money/money.js';
import { type Measure } from './entities/measure.entity.js';
import { type LabourMarketObservation } from './entities/observation.entity.js';
import { type Participation } from './entities/participation.entity.js';
import { type MeasureModel, type ObservationModel, type ParticipationModel } from './models/measure.model.js';
import { ObservationKind, type MeasureType } from './measures.enums.js';

export function toMeasureModel(m: Measure): MeasureModel {
  return {
    id: m.id,
    projectId: m.project.id,
    type: m.type,
    title: m.title,
    provider: m.provider,
    track: m.track,
    startDate: m.startDate,
    endDate: m.endDate,
    capacity: m.capacity,
    costPerPlace: m.costPerPlace,
  };
}

/** A measure's columns for a plain statement, from table alias `m`, each named `<prefix><column>` (money as numeric text). */
export function measureColumns(prefix = ''): string {
  return MEASURE_COLUMNS.map((c) => `m.${c}${TEXT_COLUMNS.has(c) ? '::text' : ''} as ${prefix}${c}`).join(', ');
}

const MEASURE_COLUMNS = [
  'id',
  'project_id',
  'type',
  'title',
  'provider',
  'track',
  'start_date',
  'end_date',
  'capacity',
  'cost_per_place',
] as const;
type MeasureColumn = (typeof MEASURE_COLUMNS)[number];
const TEXT_COLUMNS = new Set<MeasureColumn>(['start_date', 'end_date', 'cost_per_place']);

/**
 * The row keys of each prefix, made once: building `prefix + column` for every cell of a page made
 * a new string per lookup, which V8 must flatten and hash before it can find the property.
 */
const keysByPrefix = new Map<string, Record<MeasureColumn, string>>();
function keysFor(prefix: string): Record<MeasureColumn, string> {
  let keys = keysByPrefix.get(prefix);
  if (!keys) {
    keys = Object.fromEntries(MEASURE_COLUMNS.map((c) => [c, prefix + c])) as Record<MeasureColumn, string>;
    keysByPrefix.set(prefix, keys);
  }
  return keys;
}

/** The measure read with `measureColumns(prefix)`. */
export function measureFromRow(row: Record<string, unknown>, prefix = ''): MeasureModel {
  const k = keysFor(prefix);
  return {
    id: row[k.id] as string,
    projectId: row[k.project_id] as string,
    type: row[k.type] as MeasureType,
    title: row[k.title] as string,
    provider: row[k.provider] as string,
    track: row[k.track] as Track,
    startDate: row[k.start_date] as string,
    endDate: row[k.end_date] as string,
    capacity: row[k.capacity] as number,
    // As PostgreSQL wrote it: a page with participations reads a measure per row, and only displays it.
    costPerPlace: moneyText(row[k.cost_per_place] as string),
  };
}

export function toParticipationModel(p: Participation): ParticipationModel {
  return {
    id: p.id,
    projectId: p.project.id,
    participantId: p.participant.id,
    measureId: p.measure.id,
    startDate: p.startDate,
    endDate: p.endDate ?? null,
    exitReason: p.exitReason ?? null,
  };
}

/** `supersededById` is the id of the record superseding this one, when known (null otherwise). */
export function toObservationModel(o: LabourMarketObservation, supersededById: string | null = null): ObservationModel {
  return {
    id: o.id,
    participantId: o.participant.id,
    recordNo: o.recordNo,
    kind: o.kind,
    observedOn: o.observedOn ?? null,
    type: o.type ?? null,
    source: o.source ?? null,
    supersedesId: o.supersedes?.id ?? null,
    reason: o.reason ?? null,
    supersededById,
    inForce: supersededById === null && o.kind !== ObservationKind.WITHDRAWAL,
    recordedAt: o.recordedAt,
  };
}

/**
 * What the audit trail keeps of an observation record: everything but the free-text reason (which
 * may describe the person's circumstances; it stays with the record, for case workers and auditors).
 */
export function observationSnapshot(o: LabourMarketObservation): Record<string, unknown> {
  const { reason, ...rest } = toObservationModel(o);
  return { ...rest, reasonGiven: reason !== null };
}

/** Audit snapshots: plain values, money as its two-decimal text. */
export function measureSnapshot(m: Measure): Record<string, unknown> {
  return { ...toMeasureModel(m), costPerPlace: m.costPerPlace.toFixed(2) };
}
