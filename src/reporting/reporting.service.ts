import { createHash } from 'node:crypto';

import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

import { AccessService } from '../auth/access.service.js';
import type { AuthUser } from '../auth/auth-user.js';
import { AuditTrail } from '../audit/audit-trail.js';
import { addDays, type LocalDate, parseLocalDate, todayUtc } from '../common/dates/local-date.js';
import { AppUser } from '../auth/entities/app-user.entity.js';
import { FundingProgram } from '../programs/entities/funding-program.entity.js';
import { Project } from '../programs/entities/project.entity.js';
import { type DueProof, proofsOwed } from './due-dates.js';
import { CostCategory } from '../budget/entities/cost-category.entity.js';
import { ProofExplanation } from './entities/proof-explanation.entity.js';
import { ProofFile } from './entities/proof-file.entity.js';
import { ProofVersion } from './entities/proof-version.entity.js';
import { Proof } from './entities/proof.entity.js';
import { ProofBuilder } from './proof-builder.service.js';
import { type ExportFile, fileNeeds, MANIFEST_NAME, renderProofFile, renderProofFiles, setNeeds } from './proof-files.js';
import { loaded, type PreflightProblem } from './proof-data.js';
import { type ProofScope, RECEIPTS_IN_SCOPE, receiptParams } from './proof-loader.js';
import { proofFileStem } from './layouts/proof-layout.js';
import { canMoveProof, FROZEN_STATUSES, ProofKind, ProofStatus } from './proof.enums.js';
import { AGGREGATE_EXPORTERS, EXPORTERS, PROOF_REVIEWERS, PROOF_SUBMITTERS } from './reporting.access.js';
import { ReportingErrors } from './reporting.errors.js';
import { joinTransaction } from '../database/transactions.js';

export interface ProofRequest {
  projectId: string;
  kind: ProofKind;
  fiscalYear?: number | null;
  asOf?: LocalDate | null;
  /** A frozen proof's earlier version (the current one when omitted). */
  version?: number | null;
}

export interface ProofListing extends DueProof {
  projectId: string;
  fileNumber: string;
  status: ProofStatus;
  overdue: boolean;
  proof: Proof | null;
  /** The submitted versions, oldest first. */
  versions: ProofVersion[];
}

/** How far ahead the due-proof query looks. */
const UPCOMING_DAYS = 120;

/**
 * Proofs of use: which are owed and when, pre-flight, generation in every format, and the
 * lifecycle, where submission freezes the files (ProofFile) so later bookings cannot change them.
 */
/** How long a submission's transaction may wait while its files are built (PostgreSQL interval). */
const SUBMISSION_IDLE_LIMIT = '10min';

@Injectable()
export class ReportingService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessService,
    private readonly builder: ProofBuilder,
    private readonly audit: AuditTrail,
  ) {}

  /** The files of a proof: the frozen ones once submitted, otherwise generated for the as-of date. */
  async files(
    user: AuthUser,
    request: ProofRequest,
  ): Promise<{ files: ExportFile[]; frozen: boolean; problems: PreflightProblem[] | null }> {
    const { em, project, aggregatedOnly, scope, proof } = await this.exportContext(user, request);
    if (proof && FROZEN_STATUSES.includes(proof.status) && !aggregatedOnly) {
      const stored = await em.find(
        ProofFile,
        { project, proof, version: request.version ?? proof.version },
        { populate: ['content'], orderBy: { name: 'asc' } },
      );
      if (!stored.length) throw ReportingErrors.noVersion(request.version!);
      return {
        files: stored.map((f) => ({ name: f.name, contentType: f.contentType, content: Buffer.from(f.content) })),
        frozen: true,
        problems: null,
      };
    }
    const data = await this.builder.data(user, project, scope, setNeeds(scope.kind, scope.fiscalYear, aggregatedOnly));
    const set = await renderProofFiles(data, aggregatedOnly);
    return { files: set.files, frozen: false, problems: aggregatedOnly ? null : loaded(data, 'problems') };
  }

  /**
   * One file for a download: read from the frozen set, or rendered alone for the as-of date from
   * only the data that file needs (a CSV part loads its part, the PDF the numerical proof), so its
   * bytes equal those of the same file in the whole set at a fraction of the work.
   */
  async file(user: AuthUser, request: ProofRequest, name: string): Promise<ExportFile> {
    const { em, project, aggregatedOnly, scope, proof } = await this.exportContext(user, request);
    let file: ExportFile | null = null;
    if (proof && FROZEN_STATUSES.includes(proof.status) && !aggregatedOnly) {
      const stored = await em.findOne(
        ProofFile,
        { project, proof, name, version: request.version ?? proof.version },
        { populate: ['content'] },
      );
      file = stored && { name: stored.name, contentType: stored.contentType, content: Buffer.from(stored.content) };
    } else {
      const needs = fileNeeds(scope.kind, scope.fiscalYear, aggregatedOnly, name);
      file = needs && (await renderProofFile(await this.builder.data(user, project, scope, needs), aggregatedOnly, name));
    }
    if (!file) throw ReportingErrors.fileNotFound(name);
    return file;
  }

  /** What every export needs: the project (access-checked), whether only aggregated parts may go out, the scope and the proof row. */
  private async exportContext(user: AuthUser, request: ProofRequest) {
    const em = this.em.fork();
    const project = await this.access.requireProject(em, user, request.projectId, AGGREGATE_EXPORTERS);
    const aggregatedOnly = !this.access.holdsOnProject(user, { id: project.id, programId: project.program.id }, EXPORTERS);
    const proof = await em.findOne(Proof, { project, kind: request.kind, fiscalYear: request.fiscalYear ?? 0 });
    const frozen = proof && FROZEN_STATUSES.includes(proof.status) && !aggregatedOnly ? proof : null;
    // A frozen proof has one as-of date per version; asking for another is an error, not silently ignored.
    if (frozen && request.asOf && request.version == null && request.asOf !== frozen.asOf)
      throw ReportingErrors.frozenAsOf(frozen.asOf!, request.asOf);
    const scope = await this.scope(em, project, frozen ? { ...request, asOf: request.asOf ?? frozen.asOf } : request, !!frozen);
    return { em, project, aggregatedOnly, scope, proof };
  }

  async preflight(user: AuthUser, request: ProofRequest): Promise<PreflightProblem[]> {
    const em = this.em.fork();
    const project = await this.access.requireProject(em, user, request.projectId, EXPORTERS);
    return this.builder.problems(user, project, await this.scope(em, project, request));
  }

  /** Every proof a project owes, with status and due date; `overdue` when due before `asOf` and not submitted. */
  async list(user: AuthUser, projectId: string, asOf: LocalDate = todayUtc()): Promise<ProofListing[]> {
    const em = this.em.fork();
    const project = await this.access.requireProject(em, user, projectId, AGGREGATE_EXPORTERS);
    return (await this.listings(em, [project], asOf)).sort(byDueDate);
  }

  /** Proofs not yet submitted that are overdue or due within UPCOMING_DAYS, across the user's projects. */
  async due(user: AuthUser, asOf: LocalDate = todayUtc()): Promise<ProofListing[]> {
    const em = this.em.fork();
    const projects = await em.find(Project, this.access.projectWhere(user, AGGREGATE_EXPORTERS), {
      orderBy: { fileNumber: 'asc', id: 'asc' },
    });
    const horizon = addDays(asOf, UPCOMING_DAYS);
    return (await this.listings(em, projects, asOf))
      .filter((p) => !FROZEN_STATUSES.includes(p.status) && p.dueDate <= horizon)
      .sort(byDueDate);
  }

  /**
   * Moves a proof through its lifecycle. SUBMITTED generates every file for the as-of date and
   * stores them with the manifest, in the same transaction as the status change.
   */
  async changeStatus(user: AuthUser, request: ProofRequest & { status: ProofStatus; comment?: string | null }): Promise<ProofListing> {
    const submitting = request.status === ProofStatus.SUBMITTED || request.status === ProofStatus.IN_PREPARATION;
    const roles = submitting ? PROOF_SUBMITTERS : PROOF_REVIEWERS;
    const result = await joinTransaction(this.em, async (em) => {
      // Building every file is work in Node while this transaction waits ("idle in transaction"); on a
      // busy machine it outlasts the pool's idle limit, which would end the session. A submission
      // holds only its proof row, so it may wait longer, for this transaction only.
      if (request.status === ProofStatus.SUBMITTED)
        await em.execute(`set local idle_in_transaction_session_timeout = '${SUBMISSION_IDLE_LIMIT}'`);
      const project = await this.access.requireProject(em, user, request.projectId, roles);
      const scope = await this.scope(em, project, request, request.status !== ProofStatus.SUBMITTED);
      const owed = await this.owedOf(em, project, scope);
      // Locks the proof row, so two submissions of the same proof queue up and the second sees the first.
      let proof = await em.findOne(
        Proof,
        { project, kind: scope.kind, fiscalYear: scope.fiscalYear ?? 0 },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const before = proof ? { status: proof.status } : { status: ProofStatus.OPEN };
      if (!canMoveProof(before.status, request.status)) throw ReportingErrors.badTransition(before.status, request.status);
      if (!proof) {
        proof = em.create(Proof, {
          project,
          kind: scope.kind,
          fiscalYear: scope.fiscalYear ?? 0,
          status: request.status,
          dueDate: owed.dueDate,
        });
        em.persist(proof);
        await em.flush();
      }
      proof.status = request.status;
      proof.comment = request.comment ?? proof.comment ?? null;
      if (request.status === ProofStatus.SUBMITTED) await this.freeze(em, user, project, proof, scope, request.comment ?? null);
      await em.flush();
      this.audit.record({
        entity: 'Proof',
        id: proof.id,
        projectId: project.id,
        before,
        after: { status: proof.status, version: proof.version, asOf: proof.asOf ?? null, manifest: proof.manifest ?? null },
      });
      const versions = await em.find(ProofVersion, { proof }, { orderBy: { version: 'asc' } });
      return { project, proof, owed, versions };
    });
    return listing(result.project, result.owed, result.proof, request.asOf ?? todayUtc(), result.versions);
  }

  /** Stores the files of a new version (the first submission, or a resubmission after QUERIES); earlier versions stay. */
  private async freeze(
    em: EntityManager,
    user: AuthUser,
    project: Project,
    proof: Proof,
    scope: ProofScope,
    comment: string | null,
  ): Promise<void> {
    const set = await this.builder.files(user, project, scope, false);
    const manifest = set.files.find((f) => f.name === MANIFEST_NAME)!;
    const version = proof.version + 1;
    for (const file of set.files) {
      em.persist(
        em.create(ProofFile, {
          project,
          proof,
          version,
          name: file.name,
          contentType: file.contentType,
          content: file.content,
          bytes: file.content.length,
          sha256: createHash('sha256').update(file.content).digest('hex'),
        }),
      );
    }
    proof.version = version;
    proof.asOf = scope.asOf;
    proof.submittedAt = new Date();
    proof.submittedBy = em.getReference(AppUser, user.id, { wrapped: true });
    proof.manifest = manifest.content.toString('utf8');
    em.persist(
      em.create(ProofVersion, {
        project,
        proof,
        version,
        asOf: scope.asOf,
        submittedAt: proof.submittedAt,
        submittedBy: proof.submittedBy,
        manifest: proof.manifest,
        comment,
      }),
    );
    // The receipts the proof lists are now in a submitted proof (docs/domain.md#lifecycles: recorded → checked → included).
    await em.execute(
      `update expenditure_state s set status = 'INCLUDED_IN_PROOF', changed_by_id = ?, changed_at = now(), comment = ?
         from expenditure e where s.expenditure_id = e.id and s.project_id = e.project_id and s.status in ('RECORDED', 'CHECKED') and ${RECEIPTS_IN_SCOPE}`,
      [user.id, `${proofFileStem(scope.kind, scope.fiscalYear)} Version ${version}`, ...receiptParams(scope)],
    );
  }

  /**
   * Stores (or, with empty text, removes) the explanation of one deviating Soll-Ist line. Only while
   * the proof is not frozen: after QUERIES it can be corrected and the proof resubmitted.
   */
  async explainDeviation(user: AuthUser, request: ProofRequest & { costCategoryId: string; text: string }): Promise<ProofListing> {
    const result = await joinTransaction(this.em, async (em) => {
      const project = await this.access.requireProject(em, user, request.projectId, PROOF_SUBMITTERS);
      const owed = await this.owedOf(em, project, { kind: request.kind, fiscalYear: request.fiscalYear ?? null });
      const proof = await em.findOne(
        Proof,
        { project, kind: request.kind, fiscalYear: request.fiscalYear ?? 0 },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (proof && FROZEN_STATUSES.includes(proof.status) && proof.status !== ProofStatus.QUERIES)
        throw ReportingErrors.explanationFrozen(proof.status);
      const category = await em.findOne(CostCategory, { id: request.costCategoryId, program: project.program.id });
      if (!category) throw ReportingErrors.unknownCategory(request.costCategoryId);
      const text = request.text.trim();
      const where = { project, kind: request.kind, fiscalYear: request.fiscalYear ?? 0, costCategory: category };
      const existing = await em.findOne(ProofExplanation, where);
      if (existing && !text) em.remove(existing);
      else if (existing) existing.text = text;
      else if (text)
        em.persist(em.create(ProofExplanation, { ...where, text, author: em.getReference(AppUser, user.id, { wrapped: true }) }));
      await em.flush();
      this.audit.record({
        entity: 'ProofExplanation',
        id: category.id,
        projectId: project.id,
        before: { text: existing?.text ?? null },
        after: { text: text || null },
      });
      return { project, proof, owed };
    });
    return listing(result.project, result.owed, result.proof, todayUtc());
  }

  /**
   * Checks the request against what the project owes and pins the as-of date: never after today
   * (figures and § 49a interest for days that have not happened), never before the proof's period
   * begins. `stored` skips the checks for the as-of date of a frozen version, which held when it was submitted.
   */
  async scope(em: EntityManager, project: Project, request: ProofRequest, stored = false): Promise<ProofScope> {
    let asOf: LocalDate;
    try {
      asOf = request.asOf ? parseLocalDate(request.asOf) : todayUtc();
    } catch {
      throw ReportingErrors.badAsOf(String(request.asOf));
    }
    const owed = await this.owedOf(em, project, { kind: request.kind, fiscalYear: request.fiscalYear ?? null });
    if (!stored && asOf > todayUtc()) throw ReportingErrors.futureAsOf(asOf, todayUtc());
    if (!stored && asOf < owed.periodFrom) throw ReportingErrors.asOfBeforePeriod(asOf, owed.periodFrom);
    return {
      projectId: project.id,
      kind: request.kind,
      fiscalYear: owed.fiscalYear,
      periodFrom: owed.periodFrom,
      periodTo: owed.periodTo,
      asOf,
    };
  }

  private async owedOf(em: EntityManager, project: Project, request: { kind: ProofKind; fiscalYear: number | null }): Promise<DueProof> {
    if (request.kind === ProofKind.INTERIM && request.fiscalYear == null) throw ReportingErrors.yearNeeded();
    if (request.kind === ProofKind.FINAL && request.fiscalYear != null) throw ReportingErrors.yearNotAllowed();
    const program = await em.findOneOrFail(FundingProgram, project.program.id);
    const owed = proofsOwed(project.approvalStart, project.approvalEnd, program).find(
      (p) => p.kind === request.kind && p.fiscalYear === request.fiscalYear,
    );
    if (!owed) throw ReportingErrors.noInterimProof(request.fiscalYear!);
    return owed;
  }

  private async listings(em: EntityManager, projects: Project[], asOf: LocalDate): Promise<ProofListing[]> {
    if (projects.length === 0) return [];
    const programs = new Map(
      (await em.find(FundingProgram, { id: { $in: [...new Set(projects.map((p) => p.program.id))] } })).map((p) => [p.id, p]),
    );
    const proofs = await em.find(Proof, { project: { $in: projects.map((p) => p.id) } });
    const proofOf = new Map(proofs.map((p) => [`${p.project.id}|${p.kind}|${p.fiscalYear}`, p]));
    const versions = proofs.length
      ? await em.find(ProofVersion, { proof: { $in: proofs.map((p) => p.id) } }, { orderBy: { version: 'asc' } })
      : [];
    return projects.flatMap((project) =>
      proofsOwed(project.approvalStart, project.approvalEnd, programs.get(project.program.id)!).map((owed) => {
        const proof = proofOf.get(`${project.id}|${owed.kind}|${owed.fiscalYear ?? 0}`) ?? null;
        return listing(project, owed, proof, asOf, proof ? versions.filter((v) => v.proof.id === proof.id) : []);
      }),
    );
  }
}

function listing(project: Project, owed: DueProof, proof: Proof | null, asOf: LocalDate, versions: ProofVersion[] = []): ProofListing {
  const status = proof?.status ?? ProofStatus.OPEN;
  return {
    ...owed,
    projectId: project.id,
    fileNumber: project.fileNumber,
    status,
    overdue: !FROZEN_STATUSES.includes(status) && owed.dueDate < asOf,
    proof,
    versions,
  };
}

const byDueDate = (a: ProofListing, b: ProofListing) => a.dueDate.localeCompare(b.dueDate) || a.fileNumber.localeCompare(b.fileNumber);
