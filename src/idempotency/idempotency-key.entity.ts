import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { Project } from '../programs/entities/project.entity.js';

/**
 * A money mutation's idempotency key: the first request with a key books and stores the hash of
 * its input and its result; a repeat with the same input gets that result and books nothing; a
 * repeat with different input is a CONFLICT. Keys are scoped to the project.
 */
@Entity({ tableName: 'idempotency_key' })
@Unique({ name: 'idempotency_key_key', properties: ['project', 'key'] })
export class IdempotencyKey {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Indexed by the unique key, whose leading column it is. */
  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'string', length: 100 })
  key: string;

  /** The mutation that used the key, e.g. "requestDrawdown". */
  @Property({ type: 'string', length: 60 })
  operation: string;

  /** sha256 of the operation and its canonical input. */
  @Property({ type: 'string', length: 64 })
  requestHash: string;

  /** What the first request returned (ids of the rows it booked); null while it runs. */
  @Property({ type: 'json', nullable: true })
  result?: Record<string, string> | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
