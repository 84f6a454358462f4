import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { Decimal } from 'decimal.js';

import { loadConfig } from '../../config/app-config.js';
import { Measure } from '../../measures/entities/measure.entity.js';
import { LabourMarketObservation } from '../../measures/entities/observation.entity.js';
import { Participation } from '../../measures/entities/participation.entity.js';
import { MeasureType, ObservationKind } from '../../measures/measures.enums.js';
import { ageOn } from '../../participants/eligibility.js';
import type { EligibilityRule } from '../../participants/eligibility.js';
import { ParticipantIdentity } from '../../participants/entities/participant-identity.entity.js';
import { ParticipantRules } from '../../participants/entities/participant-rules.entity.js';
import { Participant } from '../../participants/entities/participant.entity.js';
import { IdentityVault } from '../../participants/identity-vault.js';
import { retainUntilFor } from '../../participants/lifecycle.js';
import { Project } from '../../programs/entities/project.entity.js';
import { DEMO_PROJECT } from './demo-data.js';
import { demoObservations } from './demo-observations.js';
import { generateDemoParticipants } from './participants-demo.js';
import { DEMO_MEASURES, DEMO_PARTICIPANT_RULES } from './participants-demo-data.js';

/**
 * The participant side of the Wuppertal demo: the programme's participant rules, twelve measures
 * and about 700 generated participants with identities encrypted under the configured key. Rows go
 * in with bulk inserts: the test template database is built from this once per run.
 */
export class ParticipantsSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const project = await em.findOneOrFail(Project, { fileNumber: DEMO_PROJECT.fileNumber });
    const vault = vaultFromEnvironment();
    const rules = em.create(ParticipantRules, {
      program: project.program,
      ...DEMO_PARTICIPANT_RULES,
      eligibility: DEMO_PARTICIPANT_RULES.eligibility as unknown as EligibilityRule[],
    });
    const measures = DEMO_MEASURES.map(({ weight: _weight, ...m }) =>
      em.create(Measure, { ...m, project, type: MeasureType[m.type], costPerPlace: new Decimal(m.costPerPlace) } as never),
    ) as unknown as Measure[];
    await em.flush();

    const people = generateDemoParticipants();
    const now = new Date();
    await em.insertMany(
      Participant,
      people.map((p) => ({
        id: p.id,
        project: project.id,
        pseudonym: p.pseudonym,
        birthYear: Number(p.identity.dateOfBirth.slice(0, 4)),
        ageAtEntry: ageOn(p.identity.dateOfBirth, p.entryDate),
        episode: 1,
        gender: p.gender,
        entryDate: p.entryDate,
        track: p.track,
        livesAlone: p.livesAlone,
        childrenInHousehold: p.childrenInHousehold,
        receivesSgb2Benefits: true,
        labourStatusAtEntry: p.labourStatusAtEntry,
        monthsOnBenefits: p.monthsOnBenefits,
        educationLevel: p.educationLevel,
        monitoringConsentOn: p.monitoringConsentOn,
        evaluationConsentOn: p.evaluationConsentOn,
        status: p.status,
        overriddenRules: p.override?.rules ?? null,
        overrideJustification: p.override?.justification ?? null,
        retainUntil: retainUntilFor(rules, p.exitDate, project.approvalEnd),
        exitDate: p.exitDate,
        exitReason: p.exitReason,
        createdAt: now,
        updatedAt: now,
      })) as never[],
    );
    await em.insertMany(
      ParticipantIdentity,
      people.map((p) => ({
        participant: p.id,
        project: project.id,
        identityCipher: vault.sealIdentity(p.id, p.identity),
        healthCipher: p.health ? vault.sealHealth(p.id, p.health) : null,
        nameDobHash: vault.hasher.nameAndBirthDate(p.identity.firstName, p.identity.lastName, p.identity.dateOfBirth),
        socialInsuranceHash: p.identity.socialInsuranceNumber ? vault.hasher.socialInsuranceNumber(p.identity.socialInsuranceNumber) : null,
        updatedAt: now,
      })) as never[],
    );
    const participations = people.flatMap((p) =>
      p.participations.map((x) => ({
        project: project.id,
        measure: measures[x.measureIndex].id,
        participant: p.id,
        startDate: x.startDate,
        endDate: x.endDate,
        exitReason: x.exitReason,
      })),
    );
    await em.insertMany(
      Participation,
      participations.map((x, i) => ({ id: demoId(1, i), ...x, createdAt: now, updatedAt: now })) as never[],
    );
    const observations = people.flatMap((p) =>
      demoObservations(p).map((o) => ({ project: project.id, participant: p.id, kind: ObservationKind.RECORD, ...o })),
    );
    await em.insertMany(LabourMarketObservation, observations.map((o, i) => ({ id: demoId(3, i), ...o, recordedAt: now })) as never[]);
  }
}

/** The same keys the service will use (the seeder runs before Nest, from the same environment). */
function vaultFromEnvironment(): IdentityVault {
  const pick = ['NODE_ENV', 'JWT_SECRET', 'DATA_ENCRYPTION_KEY', 'IDENTITY_HASH_KEY'];
  const config = loadConfig(Object.fromEntries(Object.entries(process.env).filter(([k]) => pick.includes(k))));
  return IdentityVault.fromKeys(config.dataProtection.encryptionKey, config.dataProtection.hashKey);
}

/** Deterministic ids for the demo's participations and observations. */
function demoId(kind: number, index: number): string {
  return `00000000-0000-4000-8${kind}00-${String(index).padStart(12, '0')}`;
}
