import type { ImportProfile } from './entities/import-profile.entity.js';
import type { MappingRuleSet } from './entities/mapping-rule-set.entity.js';
import type { ImportProfileModel, MappingRuleSetModel } from './models/imports.models.js';

export function toProfileModel(p: ImportProfile): ImportProfileModel {
  return {
    id: p.id,
    projectId: p.project.id,
    name: p.name,
    delimiter: p.delimiter,
    encoding: p.encoding,
    decimalSeparator: p.decimalSeparator,
    thousandsSeparator: p.thousandsSeparator,
    dateFormat: p.dateFormat,
    columns: p.columns,
    createdAt: p.createdAt,
  };
}

export function toRuleSetModel(s: MappingRuleSet): MappingRuleSetModel {
  return {
    projectId: s.project.id,
    version: s.version,
    note: s.note ?? null,
    rules: s.rules.map((r) => ({
      description: r.description ?? null,
      format: r.format ?? null,
      account: r.account ?? null,
      contraAccount: r.contraAccount ?? null,
      costCentre: r.costCentre ?? null,
      textContains: r.textContains ?? null,
      action: r.action,
      costCategoryCode: r.costCategoryCode ?? null,
      measureId: r.measureId ?? null,
    })),
    createdById: s.createdBy.id,
    createdAt: s.createdAt,
  };
}
