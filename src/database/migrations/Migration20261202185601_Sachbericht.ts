import { Migration } from '@mikro-orm/migrations';

export class Migration20261202185601_Sachbericht extends Migration {
  override name = 'Migration20261202185601_Sachbericht';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "narrative_section_version" ("id" uuid not null, "project_id" uuid not null, "proof_kind" text not null, "fiscal_year" smallint not null, "section" text not null, "cost_category_id" uuid null, "slot" varchar(80) not null, "version" int not null, "markdown" text not null, "author_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_key" unique ("project_id", "proof_kind", "fiscal_year", "slot", "version");`,
    );

    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`,
    );
    this.addSql(`alter table "narrative_section_version" add constraint "narrative_section_version_number_check" check (version >= 1);`);
    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_proof_kind_check" check ("proof_kind" in ('INTERIM', 'FINAL'));`,
    );
    this.addSql(
      `alter table "narrative_section_version" add constraint "narrative_section_version_section_check" check ("section" in ('USE_AND_COURSE', 'RESULTS', 'DEVIATIONS', 'NECESSITY', 'DEVIATION_NOTE'));`,
    );
    this.addSql(
      `create or replace function "narrative_section_version_narrative_append_only_fn"() returns trigger as \$\$ begin raise exception 'Sachbericht versions are append-only: % is refused. Save a new version instead.', tg_op; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "narrative_append_only" BEFORE UPDATE OR DELETE on "narrative_section_version" for each ROW execute function "narrative_section_version_narrative_append_only_fn"();`,
    );
    // Added by hand: TRUNCATE bypasses row triggers (see the receipt ledger's migration).
    this.addSql(
      `create trigger "narrative_no_truncate" before truncate on "narrative_section_version" for each statement execute function "narrative_section_version_narrative_append_only_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "narrative_no_truncate" on "narrative_section_version";`);
    this.addSql(`drop trigger if exists "narrative_append_only" on "narrative_section_version";`);
    this.addSql(`drop function if exists "narrative_section_version_narrative_append_only_fn"();`);
    this.addSql(`drop table if exists "narrative_section_version" cascade;`);
  }
}
