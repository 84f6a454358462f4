import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import { Connection } from '../../common/pagination/connection.js';
import { ExitReason, Track } from '../../participants/participants.enums.js';
import { LabourStatus, MeasureType, OutcomeSource, OutcomeTiming } from '../measures.enums.js';

@ObjectType('Measure', { description: 'Maßnahme: an intervention with a provider (Träger), a period, places and a cost per place.' })
export class MeasureModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => MeasureType)
  type: MeasureType;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'Träger.' })
  provider: string;

  @Field(() => Track)
  track: Track;

  @Field(() => LocalDateScalar)
  startDate: LocalDate;

  @Field(() => LocalDateScalar)
  endDate: LocalDate;

  @Field(() => Int, { description: 'Places that can be taken at the same time.' })
  capacity: number;

  @Field(() => DecimalScalar, { description: 'Cost per place in EUR.' })
  costPerPlace: Decimal;
}

@ObjectType()
export class MeasureConnection extends Connection(MeasureModel, 'Measure') {}

@ObjectType('MeasureOccupancy')
export class MeasureOccupancyModel {
  @Field(() => LocalDateScalar)
  asOf: LocalDate;

  @Field(() => Int, { description: 'Places taken on that day.' })
  occupied: number;

  @Field(() => Int)
  free: number;

  @Field(() => Int, { description: 'Participations over the whole period of the measure.' })
  totalParticipations: number;
}

@ObjectType('Participation', { description: 'Teilnahme: enrolment of a participant in a measure.' })
export class ParticipationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  @Field(() => ID)
  participantId: string;

  @Field(() => ID)
  measureId: string;

  @Field(() => LocalDateScalar)
  startDate: LocalDate;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null while the participation runs.' })
  endDate: LocalDate | null;

  @Field(() => ExitReason, { nullable: true })
  exitReason: ExitReason | null;
}

@ObjectType('Outcome', { description: 'Situation of a participant at exit, 6 or 12 months after.' })
export class OutcomeModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  participantId: string;

  @Field(() => OutcomeTiming)
  timing: OutcomeTiming;

  @Field(() => LocalDateScalar)
  observedOn: LocalDate;

  @Field(() => LabourStatus)
  labourStatus: LabourStatus;

  @Field(() => Boolean)
  benefitReceiptEnded: boolean;

  @Field(() => OutcomeSource)
  source: OutcomeSource;
}
