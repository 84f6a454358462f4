import { Migration } from '@mikro-orm/migrations';

export class Migration20261124202423_Auth extends Migration {
  override name = 'Migration20261124202423_Auth';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "app_user" ("id" uuid not null, "username" varchar(100) not null, "display_name" text not null, "password_hash" text null, "external_subject" text null, "active" boolean not null default true, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_username_unique" unique ("username");`);
    this.addSql(`alter table "app_user" add constraint "app_user_external_subject_unique" unique ("external_subject");`);

    this.addSql(
      `create table "role_assignment" ("id" uuid not null, "user_id" uuid not null, "role" text not null, "project_id" uuid null, "program_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "role_assignment_project_id_index" on "role_assignment" ("project_id");`);
    this.addSql(`create index "role_assignment_user_id_index" on "role_assignment" ("user_id");`);

    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_program_id_foreign" foreign key ("program_id") references "funding_program" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_scope_check" check (num_nonnulls(project_id, program_id) <= 1 and (num_nonnulls(project_id, program_id) = 1 or role = 'ADMIN'));`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_role_check" check ("role" in ('ADMIN', 'FINANCE', 'CASE_WORKER', 'ANALYST', 'AUDITOR', 'GRANTOR'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "role_assignment" drop constraint "role_assignment_user_id_foreign";`);

    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "role_assignment" cascade;`);
  }
}
