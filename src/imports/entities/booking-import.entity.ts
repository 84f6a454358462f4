import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { AppUser } from '../../auth/entities/app-user.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { ImportFormat, ImportStatus } from '../imports.enums.js';

/** Counts and sums of a preview or commit, kept with the import. */
export interface ImportSummary {
  rows: number;
  toBook: number;
  problems: number;
  duplicates: number;
  corrections: number;
  ignored: number;
  booked: number;
  corrected: number;
  /** Eligible amount the commit books (or booked), net of the reversals of corrections. */
  amountToBook: string;
}

/**
 * One uploaded file: its staged rows (ImportRow) are parsed and kept; nothing reaches the ledger
 * before a FINANCE user commits the previewed import.
 */
@Entity({ tableName: 'booking_import' })
@Index({ properties: ['project', 'createdAt'] })
export class BookingImport {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { ref: true })
  project: Ref<Project>;

  @Enum({ items: () => ImportFormat })
  format: ImportFormat;

  /** The import profile a CSV file was read with. */
  @Property({ type: 'uuid', nullable: true })
  profileId?: string | null;

  @Property({ type: 'text' })
  fileName: string;

  @Property({ type: 'string', length: 64 })
  fileSha256: string;

  @Property({ type: 'bigint' })
  bytes: number;

  @Enum({ items: () => ImportStatus })
  status: ImportStatus;

  @Property({ type: 'integer' })
  rowCount: number;

  /** The mapping rules' version the last preview (and the commit) applied. */
  @Property({ type: 'integer', nullable: true })
  mappingVersion?: number | null;

  @Property({ type: 'json', nullable: true })
  summary?: ImportSummary | null;

  /** Format details: DATEV header (consultant, client, period), CAMT statements. */
  @Property({ type: 'json', nullable: true })
  source?: Record<string, unknown> | null;

  @ManyToOne(() => AppUser, { ref: true })
  uploadedBy: Ref<AppUser>;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', nullable: true })
  previewedAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  committedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  committedById?: string | null;
}
