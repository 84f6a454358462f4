import { Migration } from '@mikro-orm/migrations';

export class Migration20261124204836_Participants extends Migration {
  override name = 'Migration20261124204836_Participants';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "participant_rules" ("id" uuid not null, "program_id" uuid not null, "eligibility" jsonb not null, "retention_months_after_exit" int not null, "entry_data_due_days" int not null default 28, "exit_data_due_days" int not null default 28, "min_cell_size" int not null default 5, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "participant_rules" add constraint "participant_rules_program_id_unique" unique ("program_id");`);

    this.addSql(
      `create table "participant" ("id" uuid not null, "project_id" uuid not null, "pseudonym" varchar(20) not null, "birth_year" smallint not null, "gender" text not null, "entry_date" date not null, "track" text not null, "lives_alone" boolean not null, "children_in_household" smallint not null, "receives_sgb2benefits" boolean not null, "labour_status_at_entry" text null, "months_on_benefits" smallint null, "education_level" text null, "monitoring_consent_on" date null, "evaluation_consent_on" date null, "status" text not null, "overridden_rules" jsonb null, "override_justification" text null, "override_by" uuid null, "exit_date" date null, "exit_reason" text null, "retain_until" date not null, "identity_erased_at" timestamptz null, "erasure_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "participant_project_id_index" on "participant" ("project_id");`);
    this.addSql(`create index "participant_status_index" on "participant" ("status");`);
    this.addSql(`create index "participant_retain_until_index" on "participant" ("retain_until");`);
    this.addSql(`create index "participant_project_id_entry_date_id_index" on "participant" ("project_id", "entry_date", "id");`);
    this.addSql(`alter table "participant" add constraint "participant_project_id_pseudonym_unique" unique ("project_id", "pseudonym");`);

    this.addSql(
      `create table "participant_identity" ("participant_id" uuid not null, "project_id" uuid not null, "identity_cipher" text not null, "health_cipher" text null, "name_dob_hash" varchar(64) not null, "social_insurance_hash" varchar(64) null, "updated_at" timestamptz not null default now(), primary key ("participant_id"));`,
    );
    this.addSql(`create index "participant_identity_project_id_index" on "participant_identity" ("project_id");`);
    this.addSql(
      `alter table "participant_identity" add constraint "participant_identity_svnr_unique" unique ("project_id", "social_insurance_hash");`,
    );
    this.addSql(
      `alter table "participant_identity" add constraint "participant_identity_name_dob_unique" unique ("project_id", "name_dob_hash");`,
    );

    this.addSql(
      `create table "outcome" ("id" uuid not null, "project_id" uuid not null, "participant_id" uuid not null, "timing" text not null, "observed_on" date not null, "labour_status" text not null, "benefit_receipt_ended" boolean not null, "source" text not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_project_id_participant_id_timing_unique" unique ("project_id", "participant_id", "timing");`,
    );

    this.addSql(
      `create table "measure" ("id" uuid not null, "project_id" uuid not null, "type" text not null, "title" text not null, "provider" text not null, "track" text not null, "start_date" date not null, "end_date" date not null, "capacity" int not null, "cost_per_place" numeric(14,2) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "measure_project_id_index" on "measure" ("project_id");`);
    this.addSql(`create index "measure_project_id_start_date_id_index" on "measure" ("project_id", "start_date", "id");`);
    this.addSql(`alter table "measure" add constraint "measure_project_id_title_unique" unique ("project_id", "title");`);

    this.addSql(
      `create table "participation" ("id" uuid not null, "project_id" uuid not null, "measure_id" uuid not null, "participant_id" uuid not null, "start_date" date not null, "end_date" date null, "exit_reason" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "participation_project_id_measure_id_index" on "participation" ("project_id", "measure_id");`);
    this.addSql(`create index "participation_project_id_participant_id_index" on "participation" ("project_id", "participant_id");`);

    this.addSql(
      `alter table "participant_rules" add constraint "participant_rules_program_id_foreign" foreign key ("program_id") references "funding_program" ("id");`,
    );
    this.addSql(
      `alter table "participant_rules" add constraint "participant_rules_numbers_check" check (retention_months_after_exit >= 13 and entry_data_due_days >= 0 and exit_data_due_days >= 0 and min_cell_size >= 1);`,
    );

    this.addSql(
      `alter table "participant" add constraint "participant_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_exit_check" check ((exit_date is null) = (exit_reason is null) and (exit_date is null or exit_date >= entry_date));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_numbers_check" check (months_on_benefits >= 0 and children_in_household >= 0 and birth_year >= 1900 and birth_year <= 2100);`,
    );
    this.addSql(`alter table "participant" add constraint "participant_gender_check" check ("gender" in ('FEMALE', 'MALE', 'DIVERSE'));`);
    this.addSql(
      `alter table "participant" add constraint "participant_track_check" check ("track" in ('WOMEN_REENTRY', 'YOUTH_TRAINING'));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_labour_status_at_entry_check" check ("labour_status_at_entry" in ('UNEMPLOYED', 'LONG_TERM_UNEMPLOYED', 'INACTIVE', 'EMPLOYED'));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_education_level_check" check ("education_level" in ('ISCED_0_2', 'ISCED_3_4', 'ISCED_5_8'));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_status_check" check ("status" in ('INTERESTED', 'ELIGIBLE', 'ENROLLED', 'ACTIVE', 'EXITED', 'FOLLOWED_UP', 'ARCHIVED'));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_exit_reason_check" check ("exit_reason" in ('COMPLETED', 'TOOK_UP_JOB', 'STARTED_TRAINING', 'DROPPED_OUT', 'ILLNESS', 'MOVED_AWAY', 'OTHER'));`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_erasure_reason_check" check ("erasure_reason" in ('RETENTION_EXPIRED', 'VERIFIED_REQUEST'));`,
    );

    this.addSql(
      `alter table "participant_identity" add constraint "participant_identity_participant_id_foreign" foreign key ("participant_id") references "participant" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "participant_identity" add constraint "participant_identity_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );

    this.addSql(
      `alter table "outcome" add constraint "outcome_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_participant_id_foreign" foreign key ("participant_id") references "participant" ("id");`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_timing_check" check ("timing" in ('AT_EXIT', 'SIX_MONTHS', 'TWELVE_MONTHS'));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_labour_status_check" check ("labour_status" in ('JOB_SEARCHING', 'IN_EDUCATION_OR_TRAINING', 'QUALIFICATION_GAINED', 'EMPLOYED_SOCIAL_INSURANCE', 'MARGINAL_JOB', 'SELF_EMPLOYED', 'INACTIVE', 'UNKNOWN'));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_source_check" check ("source" in ('SELF_REPORT', 'CASE_FILE', 'PROVIDER_REPORT', 'EMPLOYER', 'SOCIAL_INSURANCE_DATA', 'SURVEY'));`,
    );

    this.addSql(
      `alter table "measure" add constraint "measure_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(`alter table "measure" add constraint "measure_cost_check" check (cost_per_place >= 0);`);
    this.addSql(`alter table "measure" add constraint "measure_capacity_check" check (capacity >= 1);`);
    this.addSql(`alter table "measure" add constraint "measure_period_check" check (end_date >= start_date);`);
    this.addSql(
      `alter table "measure" add constraint "measure_type_check" check ("type" in ('HOLISTIC_COACHING_16K', 'YOUTH_COACHING_16K_2', 'ACTIVATION_PLACEMENT_45', 'WAGE_SUBSIDY_16E', 'LABOUR_MARKET_PARTICIPATION_16I', 'MUNICIPAL_CHILDCARE_16A', 'MUNICIPAL_DEBT_COUNSELLING_16A', 'MUNICIPAL_PSYCHOSOCIAL_16A', 'MUNICIPAL_ADDICTION_COUNSELLING_16A', 'TRAINING_PLACEMENT', 'ASSISTED_TRAINING', 'ENTRY_QUALIFICATION', 'FURTHER_TRAINING_81', 'MODEL_PROJECT_SERVICE'));`,
    );
    this.addSql(`alter table "measure" add constraint "measure_track_check" check ("track" in ('WOMEN_REENTRY', 'YOUTH_TRAINING'));`);

    this.addSql(
      `alter table "participation" add constraint "participation_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_measure_id_foreign" foreign key ("measure_id") references "measure" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_participant_id_foreign" foreign key ("participant_id") references "participant" ("id");`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_exit_check" check ((end_date is null) = (exit_reason is null));`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_period_check" check (end_date is null or end_date >= start_date);`,
    );
    this.addSql(
      `alter table "participation" add constraint "participation_exit_reason_check" check ("exit_reason" in ('COMPLETED', 'TOOK_UP_JOB', 'STARTED_TRAINING', 'DROPPED_OUT', 'ILLNESS', 'MOVED_AWAY', 'OTHER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "participant_identity" drop constraint "participant_identity_participant_id_foreign";`);
    this.addSql(`alter table "outcome" drop constraint "outcome_participant_id_foreign";`);
    this.addSql(`alter table "participation" drop constraint "participation_participant_id_foreign";`);
    this.addSql(`alter table "participation" drop constraint "participation_measure_id_foreign";`);

    this.addSql(`drop table if exists "participant_rules" cascade;`);
    this.addSql(`drop table if exists "participant" cascade;`);
    this.addSql(`drop table if exists "participant_identity" cascade;`);
    this.addSql(`drop table if exists "outcome" cascade;`);
    this.addSql(`drop table if exists "measure" cascade;`);
    this.addSql(`drop table if exists "participation" cascade;`);
  }
}
