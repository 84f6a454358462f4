import { Migration } from '@mikro-orm/migrations';

export class Migration20261124214517_Reporting extends Migration {
  override name = 'Migration20261124214517_Reporting';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "proof" ("id" uuid not null, "project_id" uuid not null, "kind" text not null, "fiscal_year" smallint not null, "status" text not null, "due_date" date not null, "as_of" date null, "submitted_at" timestamptz null, "submitted_by_id" uuid null, "manifest" text null, "problem_count" int null, "comment" text null, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "proof_project_id_status_index" on "proof" ("project_id", "status");`);
    this.addSql(
      `alter table "proof" add constraint "proof_project_id_kind_fiscal_year_unique" unique ("project_id", "kind", "fiscal_year");`,
    );

    this.addSql(
      `create table "proof_file" ("id" uuid not null, "project_id" uuid not null, "proof_id" uuid not null, "name" varchar(120) not null, "content_type" varchar(120) not null, "content" bytea not null, "bytes" int not null, "sha256" varchar(64) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "proof_file" add constraint "proof_file_project_id_proof_id_name_unique" unique ("project_id", "proof_id", "name");`,
    );

    this.addSql(`alter table "proof" add constraint "proof_project_id_foreign" foreign key ("project_id") references "project" ("id");`);
    this.addSql(
      `alter table "proof" add constraint "proof_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "proof" add constraint "proof_kind_check" check ("kind" in ('INTERIM', 'FINAL'));`);
    this.addSql(
      `alter table "proof" add constraint "proof_status_check" check ("status" in ('OPEN', 'IN_PREPARATION', 'SUBMITTED', 'QUERIES', 'ACCEPTED', 'ACCEPTED_WITH_RECLAIM'));`,
    );

    this.addSql(
      `alter table "proof_file" add constraint "proof_file_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "proof_file" add constraint "proof_file_proof_id_foreign" foreign key ("proof_id") references "proof" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "proof_file" drop constraint "proof_file_proof_id_foreign";`);

    this.addSql(`drop table if exists "proof" cascade;`);
    this.addSql(`drop table if exists "proof_file" cascade;`);
  }
}
