import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import type { LocalDate } from '../../common/dates/local-date.js';
import { LocalDateScalar } from '../../common/dates/local-date.scalar.js';
import { EducationLevel, ErasureReason, ExitReason, Gender, LabourStatusAtEntry, ParticipantStatus, Track } from '../participants.enums.js';

@ObjectType('EligibilityOverride', { description: 'Eligibility rules a case worker overrode, with the written justification.' })
export class EligibilityOverrideModel {
  @Field(() => [String], { description: 'Codes of the rules the person did not meet.' })
  overriddenRules: string[];

  @Field(() => ID, { nullable: true, description: 'The case worker who overrode them.' })
  overriddenBy: string | null;
}

@ObjectType('Participant', {
  description:
    'Teilnehmende, pseudonymous working record (docs/domain.md#participants-and-data-protection). `identity` and `health` are readable by case workers of the project only; every other role gets a FORBIDDEN error on those fields.',
})
export class ParticipantModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  projectId: string;

  /** Not a GraphQL field: the field resolvers decide on identity access with it. */
  programId: string;

  @Field(() => String, { description: 'Random pseudonym, unique in the project.' })
  pseudonym: string;

  @Field(() => Int)
  birthYear: number;

  @Field(() => Gender)
  gender: Gender;

  @Field(() => LocalDateScalar)
  entryDate: LocalDate;

  @Field(() => Int, { description: 'Participation episode: 1 for a first entry, 2 for a person who came back after an exit, …' })
  episode: number;

  @Field(() => ID, { nullable: true, description: "The same person's previous episode (a re-entry after that exit)." })
  previousEpisodeId: string | null;

  @Field(() => Track)
  track: Track;

  @Field(() => Boolean)
  livesAlone: boolean;

  @Field(() => Int)
  childrenInHousehold: number;

  @Field(() => Boolean)
  receivesSgb2Benefits: boolean;

  @Field(() => LabourStatusAtEntry, { nullable: true })
  labourStatusAtEntry: LabourStatusAtEntry | null;

  @Field(() => Int, { nullable: true })
  monthsOnBenefits: number | null;

  @Field(() => EducationLevel, { nullable: true })
  educationLevel: EducationLevel | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of consent to monitoring; null if not given.' })
  monitoringConsentOn: LocalDate | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Date of consent to evaluation; null if not given.' })
  evaluationConsentOn: LocalDate | null;

  @Field(() => ParticipantStatus)
  status: ParticipantStatus;

  @Field(() => EligibilityOverrideModel, { nullable: true, description: 'Set when the person was registered although rules failed.' })
  eligibilityOverride: EligibilityOverrideModel | null;

  /** Read through a field resolver (case workers and auditors only). */
  overrideJustification: string | null;

  @Field(() => LocalDateScalar, { nullable: true })
  exitDate: LocalDate | null;

  @Field(() => ExitReason, { nullable: true })
  exitReason: ExitReason | null;

  @Field(() => LocalDateScalar, { description: 'Identity and health data are erased after this date.' })
  retainUntil: LocalDate;

  @Field(() => Date, { nullable: true, description: 'When identity and health data were erased; null while kept.' })
  identityErasedAt: Date | null;

  @Field(() => ErasureReason, { nullable: true })
  erasureReason: ErasureReason | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date)
  updatedAt: Date;
}

@ObjectType('ParticipantIdentity', { description: "Identity data; readable by the project's case workers only, stored encrypted." })
export class ParticipantIdentityModel {
  @Field(() => String)
  firstName: string;

  @Field(() => String)
  lastName: string;

  @Field(() => LocalDateScalar)
  dateOfBirth: LocalDate;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true, description: 'Sozialversicherungsnummer.' })
  socialInsuranceNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Nummer der Bedarfsgemeinschaft.' })
  benefitUnitNumber: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;
}

@ObjectType('ParticipantHealth', { description: 'Special-category data (GDPR Art. 9); restricted like identity.' })
export class ParticipantHealthModel {
  @Field(() => Boolean, { nullable: true })
  hasDisability: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Grad der Behinderung (20–100).' })
  disabilityDegree: number | null;

  @Field(() => String, { nullable: true })
  healthRestrictions: string | null;
}
