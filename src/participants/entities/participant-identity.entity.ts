import { type Opt, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, OneToOne, Property, Unique } from '@mikro-orm/decorators/legacy';

import { Project } from '../../programs/entities/project.entity.js';
import { Participant } from './participant.entity.js';

/**
 * Identity and special-category (health, disability) data of a participant, apart from the
 * pseudonymous record and encrypted at the application level (FieldCipher). Readable only by the
 * project's case workers; the row is deleted on erasure. The keyed hashes make the duplicate check
 * a unique index per project, which also holds under concurrent registrations.
 */
@Entity({ tableName: 'participant_identity' })
@Unique({ name: 'participant_identity_name_dob_unique', properties: ['project', 'nameDobHash'] })
@Unique({ name: 'participant_identity_svnr_unique', properties: ['project', 'socialInsuranceHash'] })
export class ParticipantIdentity {
  [PrimaryKeyProp]?: 'participant';

  @OneToOne(() => Participant, { ref: true, primary: true, deleteRule: 'cascade' })
  participant: Ref<Participant>;

  @ManyToOne(() => Project, { ref: true })
  @Index()
  project: Ref<Project>;

  /** AES-256-GCM ciphertext of IdentityData. */
  @Property({ type: 'text' })
  identityCipher: string;

  /** AES-256-GCM ciphertext of HealthData; null when none was recorded. */
  @Property({ type: 'text', nullable: true })
  healthCipher?: string | null;

  /** HMAC-SHA256 of normalised name + date of birth. */
  @Property({ type: 'string', length: 64 })
  nameDobHash: string;

  /** HMAC-SHA256 of the social-insurance number, when known. */
  @Property({ type: 'string', length: 64, nullable: true })
  socialInsuranceHash?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** The clear-text shape inside identityCipher. */
export interface IdentityData {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  address: string | null;
  socialInsuranceNumber: string | null;
  benefitUnitNumber: string | null;
  phone: string | null;
  email: string | null;
}

/** The clear-text shape inside healthCipher (GDPR Art. 9 data). */
export interface HealthData {
  hasDisability: boolean | null;
  /** Grad der Behinderung, 20–100 in steps of 10. */
  disabilityDegree: number | null;
  healthRestrictions: string | null;
}
