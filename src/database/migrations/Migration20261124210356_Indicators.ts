import { Migration } from '@mikro-orm/migrations';

export class Migration20261124210356_Indicators extends Migration {
  override name = 'Migration20261124210356_Indicators';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "indicator_definition" ("id" uuid not null, "program_id" uuid not null, "code" varchar(20) not null, "name" text not null, "unit" text not null, "kind" text not null, "source" text not null, "rule" varchar(60) null, "denominator_rule" varchar(60) null, "cumulative" boolean not null, "disaggregations" text[] not null, "data_source" text not null, "sort_order" smallint not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "indicator_definition_program_id_index" on "indicator_definition" ("program_id");`);
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_program_id_code_unique" unique ("program_id", "code");`,
    );

    this.addSql(
      `create table "indicator_settings" ("id" uuid not null, "program_id" uuid not null, "min_cell_size" int not null default 5, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "indicator_settings" add constraint "indicator_settings_program_id_unique" unique ("program_id");`);

    this.addSql(
      `create table "indicator_update" ("id" uuid not null, "project_id" uuid not null, "indicator_id" uuid not null, "period_from" date not null, "period_to" date not null, "value" numeric(14,2) not null, "numerator" int null, "denominator" int null, "note" text null, "status" text not null default 'DRAFT', "decision_comment" text null, "created_by" uuid not null, "submitted_by" uuid null, "submitted_at" timestamptz null, "decided_by" uuid null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "indicator_update_project_id_index" on "indicator_update" ("project_id");`);
    this.addSql(
      `create index "indicator_update_project_id_indicator_id_period_to_index" on "indicator_update" ("project_id", "indicator_id", "period_to");`,
    );

    this.addSql(
      `create table "indicator_target" ("id" uuid not null, "project_id" uuid not null, "indicator_id" uuid not null, "year" smallint not null, "baseline" numeric(14,2) null, "milestone" numeric(14,2) null, "target" numeric(14,2) not null, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "indicator_target_project_id_index" on "indicator_target" ("project_id");`);
    this.addSql(`create index "indicator_target_project_id_indicator_id_index" on "indicator_target" ("project_id", "indicator_id");`);
    this.addSql(
      `alter table "indicator_target" add constraint "indicator_target_year_unique" unique ("project_id", "indicator_id", "year");`,
    );

    this.addSql(
      `create table "reporting_period" ("id" uuid not null, "project_id" uuid not null, "label" varchar(60) not null, "period_from" date not null, "period_to" date not null, "status" text not null default 'OPEN', "locked_by" uuid null, "locked_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "reporting_period_project_id_index" on "reporting_period" ("project_id");`);
    this.addSql(
      `alter table "reporting_period" add constraint "reporting_period_project_id_period_from_unique" unique ("project_id", "period_from");`,
    );

    this.addSql(
      `create table "indicator_snapshot" ("id" uuid not null, "project_id" uuid not null, "period_id" uuid not null, "indicator_id" uuid not null, "dimension" varchar(20) not null, "cell_key" varchar(40) not null, "period_value" numeric(14,2) null, "cumulative_value" numeric(14,2) null, "period_count" int null, "cumulative_count" int null, "numerator" int null, "denominator" int null, "cumulative_numerator" int null, "cumulative_denominator" int null, "late_correction" numeric(14,2) null, primary key ("id"));`,
    );
    this.addSql(`create index "indicator_snapshot_project_id_index" on "indicator_snapshot" ("project_id");`);
    this.addSql(
      `alter table "indicator_snapshot" add constraint "indicator_snapshot_project_id_period_id_indicator_53edd_unique" unique ("project_id", "period_id", "indicator_id", "dimension", "cell_key");`,
    );

    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_program_id_foreign" foreign key ("program_id") references "funding_program" ("id");`,
    );
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_rule_check" check ((source = 'COMPUTED') = (rule is not null));`,
    );
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_unit_check" check ("unit" in ('PERSONS', 'PERCENT', 'EUR'));`,
    );
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_kind_check" check ("kind" in ('OUTPUT', 'RESULT', 'LONGER_TERM_RESULT', 'PROGRAMME_SPECIFIC'));`,
    );
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_source_check" check ("source" in ('COMPUTED', 'MANUAL'));`,
    );
    this.addSql(
      `alter table "indicator_definition" add constraint "indicator_definition_disaggregations_check" check ("disaggregations" <@ array['GENDER'::text, 'AGE_BAND'::text, 'EDUCATION'::text, 'TRACK'::text]);`,
    );

    this.addSql(
      `alter table "indicator_settings" add constraint "indicator_settings_program_id_foreign" foreign key ("program_id") references "funding_program" ("id");`,
    );
    this.addSql(`alter table "indicator_settings" add constraint "indicator_settings_cell_check" check (min_cell_size >= 1);`);

    this.addSql(
      `alter table "indicator_update" add constraint "indicator_update_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "indicator_update" add constraint "indicator_update_indicator_id_foreign" foreign key ("indicator_id") references "indicator_definition" ("id");`,
    );
    this.addSql(`alter table "indicator_update" add constraint "indicator_update_period_check" check (period_to >= period_from);`);
    this.addSql(
      `alter table "indicator_update" add constraint "indicator_update_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'));`,
    );

    this.addSql(
      `alter table "indicator_target" add constraint "indicator_target_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "indicator_target" add constraint "indicator_target_indicator_id_foreign" foreign key ("indicator_id") references "indicator_definition" ("id");`,
    );

    this.addSql(
      `alter table "reporting_period" add constraint "reporting_period_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(`alter table "reporting_period" add constraint "reporting_period_range_check" check (period_to >= period_from);`);
    this.addSql(`alter table "reporting_period" add constraint "reporting_period_status_check" check ("status" in ('OPEN', 'LOCKED'));`);

    this.addSql(
      `alter table "indicator_snapshot" add constraint "indicator_snapshot_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "indicator_snapshot" add constraint "indicator_snapshot_period_id_foreign" foreign key ("period_id") references "reporting_period" ("id");`,
    );
    this.addSql(
      `alter table "indicator_snapshot" add constraint "indicator_snapshot_indicator_id_foreign" foreign key ("indicator_id") references "indicator_definition" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "indicator_update" drop constraint "indicator_update_indicator_id_foreign";`);
    this.addSql(`alter table "indicator_target" drop constraint "indicator_target_indicator_id_foreign";`);
    this.addSql(`alter table "indicator_snapshot" drop constraint "indicator_snapshot_indicator_id_foreign";`);
    this.addSql(`alter table "indicator_snapshot" drop constraint "indicator_snapshot_period_id_foreign";`);

    this.addSql(`drop table if exists "indicator_definition" cascade;`);
    this.addSql(`drop table if exists "indicator_settings" cascade;`);
    this.addSql(`drop table if exists "indicator_update" cascade;`);
    this.addSql(`drop table if exists "indicator_target" cascade;`);
    this.addSql(`drop table if exists "reporting_period" cascade;`);
    this.addSql(`drop table if exists "indicator_snapshot" cascade;`);
  }
}
