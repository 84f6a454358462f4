import { randomUUID } from 'node:crypto';

import type { Opt, Ref } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

import { FundingProgram } from '../../programs/entities/funding-program.entity.js';
import { Project } from '../../programs/entities/project.entity.js';
import { Role } from '../role.enum.js';
import { AppUser } from './app-user.entity.js';

/** A role a user holds on one project, on a whole programme, or (ADMIN only) globally. */
@Entity({ tableName: 'role_assignment' })
@Check({
  name: 'role_assignment_scope_check',
  expression: "num_nonnulls(project_id, program_id) <= 1 and (num_nonnulls(project_id, program_id) = 1 or role = 'ADMIN')",
})
@Index({ properties: ['user'] })
export class RoleAssignment {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AppUser, { ref: true, deleteRule: 'cascade' })
  user: Ref<AppUser>;

  @Enum({ items: () => Role })
  role: Role;

  @ManyToOne(() => Project, { ref: true, nullable: true })
  @Index()
  project?: Ref<Project> | null;

  @ManyToOne(() => FundingProgram, { ref: true, nullable: true })
  program?: Ref<FundingProgram> | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  /** A grant of identity access waits for a second administrator (four eyes); it confers nothing until confirmed. */
  @Property({ type: 'boolean', default: false })
  pending: Opt<boolean> = false;

  /** The administrator who granted it (null for grants made by the command line or the seed). */
  @Property({ type: 'uuid', nullable: true })
  grantedBy?: string | null;

  @Property({ type: 'uuid', nullable: true })
  confirmedBy?: string | null;
}
