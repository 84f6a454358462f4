import { createHash } from 'node:crypto';

import type { ExportFileModel, ProofModel } from './models/proof.model.js';
import type { ExportFile } from './proof-files.js';
import { ProofKind } from './proof.enums.js';
import type { ProofListing } from './reporting.service.js';

export function toProofModel(p: ProofListing): ProofModel {
  return {
    id: p.proof?.id ?? null,
    projectId: p.projectId,
    fileNumber: p.fileNumber,
    kind: p.kind,
    fiscalYear: p.fiscalYear,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    dueDate: p.dueDate,
    status: p.status,
    overdue: p.overdue,
    asOf: p.proof?.asOf ?? null,
    submittedAt: p.proof?.submittedAt ?? null,
    manifest: p.proof?.manifest ?? null,
    version: p.proof?.version ?? 0,
    versions: p.versions.map((v) => ({
      version: v.version,
      asOf: v.asOf,
      submittedAt: v.submittedAt,
      manifest: v.manifest,
      comment: v.comment ?? null,
    })),
  };
}

export function exportUrl(
  projectId: string,
  kind: ProofKind,
  fiscalYear: number | null | undefined,
  name: string,
  asOf: string | null | undefined,
  version: number | null = null,
): string {
  const base =
    kind === ProofKind.INTERIM
      ? `/exports/projects/${projectId}/interim-proofs/${fiscalYear}`
      : `/exports/projects/${projectId}/final-proof`;
  return `${base}/${encodeURIComponent(name)}${asOf ? `?asOf=${asOf}` : version ? `?version=${version}` : ''}`;
}

export function toExportFileModel(file: ExportFile, url: string): ExportFileModel {
  return {
    name: file.name,
    contentType: file.contentType,
    bytes: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    url,
  };
}
