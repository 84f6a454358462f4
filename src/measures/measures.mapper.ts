import { Measure } from './entities/measure.entity.js';
import { Outcome } from './entities/outcome.entity.js';
import { Participation } from './entities/participation.entity.js';
import { MeasureModel, OutcomeModel, ParticipationModel } from './models/measure.model.js';

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

export function toOutcomeModel(o: Outcome): OutcomeModel {
  return {
    id: o.id,
    participantId: o.participant.id,
    timing: o.timing,
    observedOn: o.observedOn,
    labourStatus: o.labourStatus,
    benefitReceiptEnded: o.benefitReceiptEnded,
    source: o.source,
  };
}

/** Audit snapshots: plain values, money as its two-decimal text. */
export function measureSnapshot(m: Measure): Record<string, unknown> {
  return { ...toMeasureModel(m), costPerPlace: m.costPerPlace.toFixed(2) };
}
