import { type FundingProgram } from './entities/funding-program.entity.js';
import { type Project } from './entities/project.entity.js';
import { type FundingProgramModel } from './models/funding-program.model.js';
import { type ProjectModel } from './models/project.model.js';

export function toFundingProgramModel(program: FundingProgram): FundingProgramModel {
  return {
    id: program.id,
    code: program.code,
    name: program.name,
    legalBasis: program.legalBasis,
    grantor: program.grantor,
    rules: {
      drawdownHorizonDays: program.drawdownHorizonDays,
      lineOverrunPercent: program.lineOverrunPercent,
      interimProofDueMonth: program.interimProofDueMonth,
      interimProofDueDay: program.interimProofDueDay,
      finalProofDueMonths: program.finalProofDueMonths,
      allowedFinancingTypes: program.allowedFinancingTypes,
    },
    createdAt: program.createdAt,
    updatedAt: program.updatedAt,
  };
}

export function toProjectModel(project: Project): ProjectModel {
  return {
    id: project.id,
    programId: project.program.id,
    fileNumber: project.fileNumber,
    title: project.title,
    grantee: project.grantee,
    approvalStart: project.approvalStart,
    approvalEnd: project.approvalEnd,
    approvedTotal: project.approvedTotal,
    financingType: project.financingType,
    fundingRate: project.fundingRate,
    status: project.status,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
}

/** Audited values of a programme (the audit trail stores them as JSON, amounts as exact strings). */
export function programAuditValues(program: FundingProgram): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...values } = toFundingProgramModel(program);
  return { ...values, rules: { ...values.rules, lineOverrunPercent: program.lineOverrunPercent.toFixed(2) } };
}

export function projectAuditValues(project: Project): Record<string, unknown> {
  const { createdAt: _c, updatedAt: _u, ...values } = toProjectModel(project);
  return { ...values, approvedTotal: project.approvedTotal.toFixed(2), fundingRate: project.fundingRate.toFixed(2) };
}
