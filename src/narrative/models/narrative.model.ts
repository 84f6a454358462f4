import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

import { ProofKind } from '../../reporting/proof.enums.js';
import { NarrativeSectionKind } from '../narrative.enums.js';

@ObjectType('NarrativeSection', { description: 'One section of a Sachbericht in one version (Markdown).' })
export class NarrativeSectionModel {
  @Field(() => NarrativeSectionKind)
  section: NarrativeSectionKind;

  @Field(() => String, { description: 'The heading in the Sachbericht.' })
  heading: string;

  @Field(() => ID, { nullable: true })
  costCategoryId: string | null;

  @Field(() => String, { nullable: true })
  costCategoryCode: string | null;

  @Field(() => Int, { description: '0 for a section not yet written.' })
  version: number;

  @Field(() => String)
  markdown: string;

  @Field(() => ID, { nullable: true })
  authorId: string | null;

  @Field(() => Date, { nullable: true })
  createdAt: Date | null;
}

@ObjectType('Sachbericht', {
  description: "The narrative report of a proof: the form's sections and the deviation notes, latest versions.",
})
export class SachberichtModel {
  @Field(() => ID)
  projectId: string;

  @Field(() => ProofKind)
  kind: ProofKind;

  @Field(() => Int, { nullable: true })
  fiscalYear: number | null;

  @Field(() => Boolean, { description: 'True once the proof is submitted: the text is frozen with it.' })
  frozen: boolean;

  @Field(() => [NarrativeSectionModel], { description: 'The four sections of the form in order; version 0 where not yet written.' })
  sections: NarrativeSectionModel[];

  @Field(() => [NarrativeSectionModel], { description: 'Explanations of deviations per cost category (shown in the spending table).' })
  deviationNotes: NarrativeSectionModel[];

  @Field(() => [NarrativeSectionKind], { description: 'Sections of the form still empty.' })
  missing: NarrativeSectionKind[];
}
