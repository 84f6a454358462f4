import { Migration } from '@mikro-orm/migrations';

export class Migration20261124205542_Budget extends Migration {
  override name = 'Migration20261124205542_Budget';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "cost_category" ("id" uuid not null, "program_id" uuid not null, "code" varchar(10) not null, "name" text not null, "sort_order" smallint not null, primary key ("id"));`,
    );
    this.addSql(`alter table "cost_category" add constraint "cost_category_program_id_code_unique" unique ("program_id", "code");`);

    this.addSql(
      `create table "budget_total" ("id" uuid not null, "project_id" uuid not null, "fiscal_year" smallint not null, "cost_category_id" uuid not null, "drawn" numeric(14,2) not null default 0, "spent" numeric(14,2) not null default 0, "committed" numeric(14,2) not null default 0, "version" bigint not null default 1, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "budget_total" add constraint "budget_total_key" unique ("project_id", "fiscal_year", "cost_category_id");`);

    this.addSql(
      `create table "budget_revision" ("id" uuid not null, "project_id" uuid not null, "number" int not null, "reason" text not null, "reference_number" varchar(100) not null, "reference_date" date not null, "effective_date" date not null, "author_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "budget_revision" add constraint "budget_revision_project_id_number_unique" unique ("project_id", "number");`);

    this.addSql(
      `create table "funding_source" ("id" uuid not null, "project_id" uuid not null, "revision_id" uuid not null, "kind" text not null, "fiscal_year" smallint not null, "amount" numeric(14,2) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "funding_source" add constraint "funding_source_project_id_revision_id_kind_fiscal_year_unique" unique ("project_id", "revision_id", "kind", "fiscal_year");`,
    );

    this.addSql(
      `create table "budget_line" ("id" uuid not null, "project_id" uuid not null, "revision_id" uuid not null, "cost_category_id" uuid not null, "fiscal_year" smallint not null, "planned" numeric(14,2) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "budget_line" add constraint "budget_line_project_id_revision_id_cost_category__070ea_unique" unique ("project_id", "revision_id", "cost_category_id", "fiscal_year");`,
    );

    this.addSql(
      `create table "annual_instalment" ("id" uuid not null, "project_id" uuid not null, "revision_id" uuid not null, "fiscal_year" smallint not null, "amount" numeric(14,2) not null, primary key ("id"));`,
    );
    this.addSql(
      `alter table "annual_instalment" add constraint "annual_instalment_project_id_revision_id_fiscal_year_unique" unique ("project_id", "revision_id", "fiscal_year");`,
    );

    this.addSql(
      `alter table "cost_category" add constraint "cost_category_program_id_foreign" foreign key ("program_id") references "funding_program" ("id");`,
    );

    this.addSql(
      `alter table "budget_total" add constraint "budget_total_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "budget_total" add constraint "budget_total_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id");`,
    );

    this.addSql(
      `alter table "budget_revision" add constraint "budget_revision_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "budget_revision" add constraint "budget_revision_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "budget_revision" add constraint "budget_revision_number_check" check (number >= 0);`);

    this.addSql(
      `alter table "funding_source" add constraint "funding_source_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "funding_source" add constraint "funding_source_revision_id_foreign" foreign key ("revision_id") references "budget_revision" ("id");`,
    );
    this.addSql(`alter table "funding_source" add constraint "funding_source_amount_check" check (amount >= 0);`);
    this.addSql(
      `alter table "funding_source" add constraint "funding_source_kind_check" check ("kind" in ('FEDERAL_GRANT', 'OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'INCOME'));`,
    );

    this.addSql(
      `alter table "budget_line" add constraint "budget_line_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "budget_line" add constraint "budget_line_revision_id_foreign" foreign key ("revision_id") references "budget_revision" ("id");`,
    );
    this.addSql(
      `alter table "budget_line" add constraint "budget_line_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id");`,
    );
    this.addSql(`alter table "budget_line" add constraint "budget_line_planned_check" check (planned >= 0);`);

    this.addSql(
      `alter table "annual_instalment" add constraint "annual_instalment_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "annual_instalment" add constraint "annual_instalment_revision_id_foreign" foreign key ("revision_id") references "budget_revision" ("id");`,
    );
    this.addSql(`alter table "annual_instalment" add constraint "annual_instalment_amount_check" check (amount >= 0);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "budget_total" drop constraint "budget_total_cost_category_id_foreign";`);
    this.addSql(`alter table "budget_line" drop constraint "budget_line_cost_category_id_foreign";`);
    this.addSql(`alter table "funding_source" drop constraint "funding_source_revision_id_foreign";`);
    this.addSql(`alter table "budget_line" drop constraint "budget_line_revision_id_foreign";`);
    this.addSql(`alter table "annual_instalment" drop constraint "annual_instalment_revision_id_foreign";`);

    this.addSql(`drop table if exists "cost_category" cascade;`);
    this.addSql(`drop table if exists "budget_total" cascade;`);
    this.addSql(`drop table if exists "budget_revision" cascade;`);
    this.addSql(`drop table if exists "funding_source" cascade;`);
    this.addSql(`drop table if exists "budget_line" cascade;`);
    this.addSql(`drop table if exists "annual_instalment" cascade;`);
  }
}
