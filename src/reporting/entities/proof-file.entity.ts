import { randomUUID } from 'node:crypto';

import type { Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { Project } from '../../programs/entities/project.entity.js';
import { Proof } from './proof.entity.js';

/**
 * One frozen file of a submitted proof, stored as it was sent (bytea), with its SHA-256. Written
 * once at submission and never changed, so later bookings cannot alter what the grantor received.
 * A resubmission (after QUERIES) writes a new version beside the earlier ones.
 */
@Entity({ tableName: 'proof_file' })
@Unique({ properties: ['project', 'proof', 'version', 'name'] })
export class ProofFile {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @ManyToOne(() => Proof, { ref: true })
  proof: Ref<Proof>;

  /** The submission this file belongs to (Proof.version at that time); earlier versions stay stored. */
  @Property({ type: 'smallint' })
  version: number;

  @Property({ type: 'string', length: 120 })
  name: string;

  @Property({ type: 'string', length: 120 })
  contentType: string;

  @Property({ type: 'blob', lazy: true })
  content: Buffer;

  @Property({ type: 'integer' })
  bytes: number;

  @Property({ type: 'string', length: 64 })
  sha256: string;
}
