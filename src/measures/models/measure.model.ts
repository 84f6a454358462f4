import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Decimal } from 'decimal.js';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { DecimalScalar } from '../../common/money/decimal.scalar.js';
import type { MoneyText } from '../../common/money/money.js';
import { Connection } from '../../common/pagination/connection.js';
import { ExitReason, Track } from '../../participants/participants.enums.js';
import { MeasureType, ObservationKind, ObservationSource, ObservationType } from '../measures.enums.js';

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
  costPerPlace: Decimal | MoneyText;
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

  /** The measure when it was read with the participation (not a field: `measure` resolves it). */
  measure?: MeasureModel;
}

@ObjectType('LabourMarketObservation', {
  description:
    'A dated labour-market observation of a participant. Append-only: corrections and withdrawals are new records that supersede an earlier one.',
})
export class ObservationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  participantId: string;

  @Field(() => Int, {
    description: "Order in which the participant's records were written (1, 2, …); of two observations of one day the later record counts.",
  })
  recordNo: number;

  @Field(() => ObservationKind)
  kind: ObservationKind;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Null for a withdrawal.' })
  observedOn: LocalDate | null;

  @Field(() => ObservationType, { nullable: true, description: 'Null for a withdrawal.' })
  type: ObservationType | null;

  @Field(() => ObservationSource, { nullable: true })
  source: ObservationSource | null;

  @Field(() => ID, { nullable: true, description: 'The record this one corrects or withdraws.' })
  supersedesId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the superseded record was corrected or withdrawn; case workers and auditors of the project only (null for others).',
  })
  reason: string | null;

  @Field(() => ID, { nullable: true, description: 'The later record that corrects or withdraws this one; null while none does.' })
  supersededById: string | null;

  @Field(() => Boolean, { description: 'Counted: not superseded and not a withdrawal.' })
  inForce: boolean;

  @Field(() => Date)
  recordedAt: Date;
}
