import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';

import { Allow } from '../auth/allow.decorator.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { ChangeProofStatusInput, DueProofsArgs, ExplainProofDeviationInput, ProofArgs, ProofListArgs } from './dto/proof.inputs.js';
import { PreflightProblemModel, ProofExportModel, ProofModel } from './models/proof.model.js';
import { AGGREGATE_EXPORTERS, EXPORTERS, PROOF_REVIEWERS, PROOF_SUBMITTERS } from './reporting.access.js';
import { exportUrl, toExportFileModel, toProofModel } from './reporting.mapper.js';
import { ReportingService } from './reporting.service.js';

@Resolver()
export class ReportingResolver {
  constructor(private readonly service: ReportingService) {}

  @Query(() => [ProofModel], { description: 'Every proof the project owes, with due date and status.' })
  @Allow(...AGGREGATE_EXPORTERS)
  async proofs(@CurrentUser() user: AuthUser, @Args() args: ProofListArgs) {
    return (await this.service.list(user, args.projectId, args.asOf ?? undefined)).map(toProofModel);
  }

  @Query(() => [ProofModel], { description: 'Proofs not yet submitted that are overdue or due soon, across your projects.' })
  @Allow(...AGGREGATE_EXPORTERS)
  async dueProofs(@CurrentUser() user: AuthUser, @Args() args: DueProofsArgs) {
    return (await this.service.due(user, args.asOf ?? undefined)).map(toProofModel);
  }

  @Query(() => [PreflightProblemModel], { description: 'All problems to fix before the proof goes out, at once.' })
  @Allow(...EXPORTERS)
  proofPreflight(@CurrentUser() user: AuthUser, @Args() args: ProofArgs) {
    return this.service.preflight(user, args);
  }

  @Query(() => ProofExportModel, {
    description: 'Generates (or, once submitted, returns the frozen) files of a proof, with download paths and hashes.',
  })
  @Allow(...AGGREGATE_EXPORTERS)
  async proofExport(@CurrentUser() user: AuthUser, @Args() args: ProofArgs) {
    const { files, frozen, problems } = await this.service.files(user, args);
    return {
      frozen,
      problems,
      files: files.map((f) =>
        toExportFileModel(
          f,
          exportUrl(args.projectId, args.kind, args.fiscalYear, f.name, frozen ? null : args.asOf, frozen ? (args.version ?? null) : null),
        ),
      ),
    };
  }

  @Mutation(() => ProofModel, { description: 'Moves a proof through its lifecycle; SUBMITTED freezes its files and figures.' })
  @Allow(...new Set([...PROOF_SUBMITTERS, ...PROOF_REVIEWERS]))
  async changeProofStatus(
    @CurrentUser() user: AuthUser,
    @Args('input', { type: () => ChangeProofStatusInput }) input: ChangeProofStatusInput,
  ) {
    return toProofModel(await this.service.changeStatus(user, input));
  }

  @Mutation(() => ProofModel, {
    description: 'Stores the explanation of a deviating Soll-Ist line (Erläuterung); frozen with the proof on submission.',
  })
  @Allow(...PROOF_SUBMITTERS)
  async explainProofDeviation(
    @CurrentUser() user: AuthUser,
    @Args('input', { type: () => ExplainProofDeviationInput }) input: ExplainProofDeviationInput,
  ) {
    return toProofModel(await this.service.explainDeviation(user, input));
  }
}
