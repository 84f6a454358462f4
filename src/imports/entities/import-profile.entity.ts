import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { Project } from '../../programs/entities/project.entity.js';

/** Which header of the file holds which field (only `amount` is required). */
export interface ProfileColumns {
  amount: string;
  receiptNumber?: string;
  invoiceDate?: string;
  paymentDate?: string;
  payee?: string;
  purpose?: string;
  account?: string;
  contraAccount?: string;
  costCentre?: string;
  costCentre2?: string;
  /** The source's own booking id: makes the source key stable across overlapping exports. */
  sourceId?: string;
}

/** How to read the CSV export of one accounting system (one profile per source). */
@Entity({ tableName: 'import_profile' })
@Unique({ properties: ['project', 'name'] })
export class ImportProfile {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Property({ type: 'string', length: 100 })
  name: string;

  @Property({ type: 'string', length: 1 })
  delimiter: string;

  @Property({ type: 'string', length: 20 })
  encoding: string;

  @Property({ type: 'string', length: 1 })
  decimalSeparator: string;

  @Property({ type: 'string', length: 1 })
  thousandsSeparator: string;

  @Property({ type: 'string', length: 20 })
  dateFormat: string;

  @Property({ type: 'json' })
  columns: ProfileColumns;

  @ManyToOne(() => AppUser, { ref: true })
  createdBy: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
