import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AuditTrail } from '../audit/audit-trail.js';
import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { CostCategory } from '../budget/entities/cost-category.entity.js';
import { badInput, conflict } from '../common/errors/app-error.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import { proofsOwed } from '../reporting/due-dates.js';
import { Proof } from '../reporting/entities/proof.entity.js';
import { FROZEN_STATUSES, ProofKind } from '../reporting/proof.enums.js';
import { EXPORTERS, PROOF_SUBMITTERS } from '../reporting/reporting.access.js';
import { NarrativeHistoryArgs, SachberichtArgs, SaveNarrativeSectionInput } from './dto/narrative.inputs.js';
import { NarrativeSectionVersion } from './entities/narrative-section-version.entity.js';
import type { NarrativeSectionModel, SachberichtModel } from './models/narrative.model.js';
import { loadNarrative, type NarrativeText, proofYearKey } from './narrative-reads.js';
import { NarrativeSectionKind, SECTION_HEADINGS } from './narrative.enums.js';
import { joinTransaction } from '../database/transactions.js';
import { flushUnique } from '../common/errors/flush-unique.js';

/** Who reads a Sachbericht: whoever may export the proof. */
export const NARRATIVE_READERS = EXPORTERS;
/** Who writes it: the grantee's side, which also submits the proof. */
export const NARRATIVE_WRITERS = PROOF_SUBMITTERS;

/**
 * The Sachbericht (narrative part of a proof): Markdown per section, each save a new version,
 * frozen once the proof is submitted. The tables it shows are filled from the proof's data when
 * it is rendered (reporting); this service keeps the text.
 */
@Injectable()
export class NarrativeService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditTrail,
  ) {}

  async sachbericht(user: AuthUser, args: SachberichtArgs): Promise<SachberichtModel> {
    const em = this.em.fork({ keepTransactionContext: true });
    const project = await this.access.requireProject(em, user, args.projectId, NARRATIVE_READERS);
    const fiscalYear = await this.checkOwed(em, project, args.kind, args.fiscalYear);
    const [narrative, frozen] = await Promise.all([
      loadNarrative(em, project.id, args.kind, fiscalYear),
      this.isFrozen(em, project, args.kind, fiscalYear),
    ]);
    return {
      projectId: project.id,
      kind: args.kind,
      fiscalYear,
      frozen,
      sections: narrative.sections.map(toModel),
      deviationNotes: narrative.deviationNotes.map(toModel),
      missing: narrative.sections.filter((s) => !s.markdown.trim()).map((s) => s.section),
    };
  }

  /** Every version of one section, oldest first. */
  async history(user: AuthUser, args: NarrativeHistoryArgs): Promise<NarrativeSectionModel[]> {
    const em = this.em.fork({ keepTransactionContext: true });
    const project = await this.access.requireProject(em, user, args.projectId, NARRATIVE_READERS);
    const fiscalYear = await this.checkOwed(em, project, args.kind, args.fiscalYear);
    const rows = await em.find(
      NarrativeSectionVersion,
      { project, proofKind: args.kind, fiscalYear: proofYearKey(args.kind, fiscalYear), slot: slotOf(args.section, args.costCategoryId) },
      { populate: ['costCategory'], orderBy: { version: 'asc' } },
    );
    return rows.map((r) => ({
      section: r.section,
      heading: headingOf(r.section, r.costCategory?.getEntity() ?? null),
      costCategoryId: r.costCategory?.id ?? null,
      costCategoryCode: r.costCategory?.getEntity().code ?? null,
      version: r.version,
      markdown: r.markdown,
      authorId: r.author.id,
      createdAt: r.createdAt,
    }));
  }

  /**
   * Saves a section as its next version. Refused with CONFLICT when the proof is submitted (the
   * text is frozen with it) or when someone saved a newer version since `baseVersion`.
   */
  async save(user: AuthUser, input: SaveNarrativeSectionInput): Promise<NarrativeSectionModel> {
    return joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, input.projectId, NARRATIVE_WRITERS);
      const fiscalYear = await this.checkOwed(em, project, input.kind, input.fiscalYear);
      let category: CostCategory | null = null;
      if (input.section === NarrativeSectionKind.DEVIATION_NOTE) {
        if (!input.costCategoryId) throw badInput('costCategoryId', 'A deviation note explains one cost category: give its id.');
        category = await em.findOne(CostCategory, { id: input.costCategoryId, program: project.program.id });
        if (!category) throw badInput('costCategoryId', "This is not a cost category of the project's programme.");
      } else if (input.costCategoryId) {
        throw badInput('costCategoryId', 'Only a deviation note (DEVIATION_NOTE) belongs to a cost category.');
      }
      // Locks the proof row if there is one, so a submission and a save cannot cross.
      const proof = await em.findOne(
        Proof,
        { project, kind: input.kind, fiscalYear: proofYearKey(input.kind, fiscalYear) },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (proof && FROZEN_STATUSES.includes(proof.status))
        throw conflict(`The proof is ${proof.status}: its Sachbericht is frozen with it and can no longer change.`);
      const slot = slotOf(input.section, input.costCategoryId);
      const [latest] = await em.execute<{ version: number }[]>(
        'select max(version) as version from narrative_section_version where project_id = ? and proof_kind = ? and fiscal_year = ? and slot = ?',
        [project.id, input.kind, proofYearKey(input.kind, fiscalYear), slot],
      );
      const current = Number(latest?.version ?? 0);
      if (current !== input.baseVersion)
        throw conflict(`This section was saved as version ${current} meanwhile; reload it and apply your change to that version.`, {
          field: 'baseVersion',
          currentVersion: current,
        });
      const row = em.create(NarrativeSectionVersion, {
        project,
        proofKind: input.kind,
        fiscalYear: proofYearKey(input.kind, fiscalYear),
        section: input.section,
        costCategory: category,
        slot,
        version: current + 1,
        markdown: input.markdown,
        author: user.id,
      });
      await flushUnique(em, () =>
        conflict('Someone saved this section at the same moment; reload it and apply your change again.', { field: 'baseVersion' }),
      );
      this.audit.record({
        entity: 'NarrativeSectionVersion',
        id: row.id,
        projectId: project.id,
        before: null,
        after: { proofKind: row.proofKind, fiscalYear: row.fiscalYear, slot, version: row.version, length: row.markdown.length },
      });
      return {
        section: row.section,
        heading: headingOf(row.section, category),
        costCategoryId: category?.id ?? null,
        costCategoryCode: category?.code ?? null,
        version: row.version,
        markdown: row.markdown,
        authorId: user.id,
        createdAt: row.createdAt,
      };
    });
  }

  /** The kind and year must name a proof the project owes; returns the fiscal year (null for the final proof). */
  private async checkOwed(
    em: EntityManager,
    project: Project,
    kind: ProofKind,
    fiscalYear: number | undefined | null,
  ): Promise<number | null> {
    if (kind === ProofKind.FINAL) {
      if (fiscalYear != null) throw badInput('fiscalYear', 'The final proof covers the whole approval period; leave the fiscal year out.');
      return null;
    }
    if (fiscalYear == null) throw badInput('fiscalYear', 'An interim proof needs its fiscal year.');
    const program = await em.findOneOrFail(FundingProgram, project.program.id);
    if (!proofsOwed(project.approvalStart, project.approvalEnd, program).some((p) => p.kind === kind && p.fiscalYear === fiscalYear)) {
      throw badInput(
        'fiscalYear',
        `No interim proof is owed for ${fiscalYear}: interim proofs cover each fiscal year of the approval period except the last.`,
      );
    }
    return fiscalYear;
  }

  private async isFrozen(em: EntityManager, project: Project, kind: ProofKind, fiscalYear: number | null): Promise<boolean> {
    const proof = await em.findOne(Proof, { project, kind, fiscalYear: proofYearKey(kind, fiscalYear) }, { fields: ['status'] });
    return !!proof && FROZEN_STATUSES.includes(proof.status);
  }
}

function slotOf(section: NarrativeSectionKind, costCategoryId?: string | null): string {
  return section === NarrativeSectionKind.DEVIATION_NOTE ? `${section}:${costCategoryId ?? ''}` : section;
}

function headingOf(section: NarrativeSectionKind, category: { code: string; name: string } | null): string {
  return section === NarrativeSectionKind.DEVIATION_NOTE
    ? `Begründung der Abweichung ${category?.code ?? ''} ${category?.name ?? ''}`.trim()
    : SECTION_HEADINGS[section];
}

function toModel(t: NarrativeText): NarrativeSectionModel {
  return {
    section: t.section,
    heading: t.heading,
    costCategoryId: t.costCategoryId,
    costCategoryCode: t.costCategoryCode,
    version: t.version,
    markdown: t.markdown,
    authorId: t.authorId,
    createdAt: t.createdAt,
  };
}
