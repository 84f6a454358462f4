import { Migration } from '@mikro-orm/migrations';

export class Migration20261203040330_ProofVersions extends Migration {
  override name = 'Migration20261203040330_ProofVersions';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "proof_explanation" ("id" uuid not null, "project_id" uuid not null, "kind" text not null, "fiscal_year" smallint not null, "cost_category_id" uuid not null, "text" text not null, "author_id" uuid null, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "proof_explanation" add constraint "proof_explanation_project_id_kind_fiscal_year_cos_b09a9_unique" unique ("project_id", "kind", "fiscal_year", "cost_category_id");`,
    );

    this.addSql(
      `create table "proof_version" ("id" uuid not null, "project_id" uuid not null, "proof_id" uuid not null, "version" smallint not null, "as_of" date not null, "submitted_at" timestamptz not null, "submitted_by_id" uuid null, "manifest" text not null, "comment" text null, primary key ("id"));`,
    );
    this.addSql(`alter table "proof_version" add constraint "proof_version_proof_id_version_unique" unique ("proof_id", "version");`);

    this.addSql(`alter table "proof" add "version" smallint not null default 0;`);

    this.addSql(`alter table "proof_file" drop constraint "proof_file_project_id_proof_id_name_unique";`);
    // Added by hand: files and proofs submitted before versions existed become version 1.
    this.addSql(`alter table "proof_file" add "version" smallint not null default 1;`);
    this.addSql(`alter table "proof_file" alter column "version" drop default;`);
    this.addSql(`update "proof" set "version" = 1 where "submitted_at" is not null;`);
    this
      .addSql(`insert into "proof_version" ("id", "project_id", "proof_id", "version", "as_of", "submitted_at", "submitted_by_id", "manifest", "comment")
      select gen_random_uuid(), "project_id", "id", 1, "as_of", "submitted_at", "submitted_by_id", "manifest", null from "proof" where "submitted_at" is not null and "as_of" is not null and "manifest" is not null;`);
    this.addSql(
      `alter table "proof_file" add constraint "proof_file_project_id_proof_id_version_name_unique" unique ("project_id", "proof_id", "version", "name");`,
    );

    this.addSql(
      `alter table "proof_explanation" add constraint "proof_explanation_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "proof_explanation" add constraint "proof_explanation_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id");`,
    );
    this.addSql(
      `alter table "proof_explanation" add constraint "proof_explanation_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "proof_explanation" add constraint "proof_explanation_kind_check" check ("kind" in ('INTERIM', 'FINAL'));`);

    this.addSql(
      `alter table "proof_version" add constraint "proof_version_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "proof_version" add constraint "proof_version_proof_id_foreign" foreign key ("proof_id") references "proof" ("id");`,
    );
    this.addSql(
      `alter table "proof_version" add constraint "proof_version_submitted_by_id_foreign" foreign key ("submitted_by_id") references "app_user" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "proof_explanation" cascade;`);
    this.addSql(`drop table if exists "proof_version" cascade;`);

    this.addSql(`alter table "proof" drop column "version";`);

    this.addSql(`alter table "proof_file" drop constraint "proof_file_project_id_proof_id_version_name_unique";`);
    this.addSql(`alter table "proof_file" drop column "version";`);
    this.addSql(
      `alter table "proof_file" add constraint "proof_file_project_id_proof_id_name_unique" unique ("project_id", "proof_id", "name");`,
    );
  }
}
