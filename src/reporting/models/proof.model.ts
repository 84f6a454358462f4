import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { ProofKind, ProofStatus } from '../proof.enums.js';

@ObjectType('ExportFile', { description: 'One downloadable file of a proof.' })
export class ExportFileModel {
  @Field(() => String)
  name: string;

  @Field(() => String)
  contentType: string;

  @Field(() => Int)
  bytes: number;

  @Field(() => String, { description: 'SHA-256 (hex) of the file, as in MANIFEST.sha256.' })
  sha256: string;

  @Field(() => String, { description: 'Path of the download (GET with the same Bearer token).' })
  url: string;
}

@ObjectType('PreflightProblem', {
  description: 'Something to fix before the proof goes out; the proof can be generated anyway and carries the list.',
})
export class PreflightProblemModel {
  @Field(() => String, {
    description: 'EXPENDITURE_NOT_IN_PLAN, DRAWDOWN_UNDECIDED, OVERRUN_WITHOUT_REVISION, PARTICIPANT_DATA_MISSING, DRAWDOWN_OVERDUE.',
  })
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => String)
  recordType: string;

  @Field(() => ID)
  recordId: string;

  @Field(() => String, { description: 'The GraphQL query that fetches the record.' })
  link: string;
}

@ObjectType('ProofVersion', { description: 'One submission of a proof: the first, or a resubmission after QUERIES. Never changed.' })
export class ProofVersionModel {
  @Field(() => Int)
  version: number;

  @Field(() => LocalDateScalar)
  asOf: LocalDate;

  @Field(() => Date)
  submittedAt: Date;

  @Field(() => String, { description: "sha256sum manifest of this version's files." })
  manifest: string;

  @Field(() => String, { nullable: true })
  comment: string | null;
}

@ObjectType('Proof', { description: 'An interim or final proof of use a project owes.' })
export class ProofModel {
  @Field(() => ID, { nullable: true, description: 'Null while nobody has started on it (OPEN).' })
  id: string | null;

  @Field(() => ID)
  projectId: string;

  @Field(() => String)
  fileNumber: string;

  @Field(() => ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true })
  fiscalYear: number | null;

  @Field(() => LocalDateScalar)
  periodFrom: LocalDate;

  @Field(() => LocalDateScalar)
  periodTo: LocalDate;

  @Field(() => LocalDateScalar)
  dueDate: LocalDate;

  @Field(() => ProofStatus)
  status: ProofStatus;

  @Field(() => Boolean, { description: 'Due before the reference day and not yet submitted.' })
  overdue: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The as-of date of the frozen files.' })
  asOf: LocalDate | null;

  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'sha256sum manifest of the frozen files.' })
  manifest: string | null;

  @Field(() => Int, { description: 'The current frozen version; 0 before the first submission.' })
  version: number;

  @Field(() => [ProofVersionModel], {
    description: 'Every submitted version, oldest first; earlier ones stay downloadable (proofExport version).',
  })
  versions: ProofVersionModel[];
}

@ObjectType('ProofExport', { description: 'The files of a proof for an as-of date (or the frozen ones once submitted).' })
export class ProofExportModel {
  @Field(() => Boolean, { description: 'The files are the frozen ones of the submitted proof.' })
  frozen: boolean;

  @Field(() => [ExportFileModel])
  files: ExportFileModel[];

  @Field(() => [PreflightProblemModel], { nullable: true, description: 'Null for frozen files and for aggregated-only exports.' })
  problems: PreflightProblemModel[] | null;
}
