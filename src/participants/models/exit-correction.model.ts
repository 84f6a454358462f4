import { Field, ID, ObjectType } from '@nestjs/graphql';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { ExitCorrectionKind, ExitReason } from '../participants.enums.js';

@ObjectType('ExitCorrection', { description: 'A correction or withdrawal of a recorded exit, with its reason (append-only).' })
export class ExitCorrectionModel {
  @Field(() => ID)
  id: string;

  @Field(() => ExitCorrectionKind)
  kind: ExitCorrectionKind;

  @Field(() => LocalDateScalar)
  previousExitDate: LocalDate;

  @Field(() => ExitReason)
  previousExitReason: ExitReason;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null for a withdrawal.' })
  exitDate: LocalDate | null;

  @Field(() => ExitReason, { nullable: true })
  exitReason: ExitReason | null;

  @Field(() => String, { nullable: true, description: 'Why; case workers and auditors of the project only (null for others).' })
  reason: string | null;

  @Field(() => ID)
  correctedBy: string;

  @Field(() => Date)
  correctedAt: Date;
}
