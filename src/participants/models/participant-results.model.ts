import { Field, Int, ObjectType } from '@nestjs/graphql';

import { Connection } from '../../common/pagination/connection.js';
import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { OverdueKind } from '../participants.enums.js';
import { ParticipantModel } from './participant.model.js';

@ObjectType()
export class ParticipantConnection extends Connection(ParticipantModel, 'Participant') {}

@ObjectType('OverdueParticipantData', { description: 'Data of a participant that should have been recorded by `dueOn`.' })
export class OverdueItemModel {
  @Field(() => OverdueKind)
  kind: OverdueKind;

  @Field(() => LocalDateScalar)
  dueOn: LocalDate;

  @Field(() => Int)
  daysOverdue: number;

  @Field(() => ParticipantModel)
  participant: ParticipantModel;
}

@ObjectType('StatisticsCell')
export class StatisticsCellModel {
  @Field(() => String, { description: 'e.g. "gender", "track", "ageBand", "labourStatusAtEntry", "outcomeAtExit".' })
  dimension: string;

  @Field(() => String)
  value: string;

  @Field(() => Int, { nullable: true, description: 'Persons; null when suppressed.' })
  count: number | null;

  @Field(() => Boolean, {
    description: "True when fewer persons than the programme's minimum cell size (shown to non-case-workers as null).",
  })
  suppressed: boolean;
}

@ObjectType('ParticipantStatistics', { description: "Pseudonymous aggregates of a project's participants." })
export class ParticipantStatisticsModel {
  @Field(() => Int)
  total: number;

  @Field(() => Int, { description: 'Cells with fewer persons are suppressed for roles other than case workers.' })
  minCellSize: number;

  @Field(() => [StatisticsCellModel])
  cells: StatisticsCellModel[];
}

@ObjectType('ErasureResult')
export class ErasureResultModel {
  @Field(() => Int)
  erased: number;

  @Field(() => [String], { description: 'Pseudonyms of the participants whose identity and health data were erased.' })
  pseudonyms: string[];
}
