import { Migration } from '@mikro-orm/migrations';

/** A § 16i placement held on the outcome's day: running then, or lasting to the exit unless left for another job (the old counting's rule). */
const HELD_16I = `exists (select 1 from participation s join measure m on m.id = s.measure_id
                  where s.participant_id = o.participant_id and m.type = 'LABOUR_MARKET_PARTICIPATION_16I' and s.start_date <= o.observed_on
                    and (s.end_date is null or s.end_date >= o.observed_on or (s.end_date = p.exit_date and s.exit_reason is distinct from 'TOOK_UP_JOB')))`;

/**
 * Labour-market observations (docs/domain.md#measures) as append-only records (instead of one outcome per timing),
 * the exact age at entry and participation episodes on the participant, exit corrections, and the
 * late corrections frozen with a locked period.
 *
 * Data: every outcome becomes one status observation, and the exit records the old counting read
 * as observations (participations ended "took up a job" / "started training") become records of
 * their own, so that every figure counts the same as before (test/e2e/indicators-migration.e2e-spec.ts
 * compares the demo's). The mapping is the one the counting applied at run time: a job subject to
 * social insurance held in a § 16i placement is a § 16i job; education or training of someone who
 * left to start a training is a fully qualifying vocational training; the benefit flag becomes an
 * observation that benefit receipt ended. Records are numbered per participant by date, exit
 * records before outcomes of the same day (the outcome counted), as the old counting ordered them.
 * The demo seeder builds its records the same way (src/database/seeders/demo-observations.ts).
 * The exact age at entry needs the encrypted date of birth: AgeAtEntryBackfill fills it at start-up.
 */
export class Migration20261202181301_Observations extends Migration {
  override name = 'Migration20261202181301_Observations';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "participant_exit_correction" ("id" uuid not null, "project_id" uuid not null, "participant_id" uuid not null, "correction_no" int not null, "kind" text not null, "previous_exit_date" date not null, "previous_exit_reason" text not null, "exit_date" date null, "exit_reason" text null, "reason" text not null, "corrected_by" uuid not null, "corrected_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `create index "participant_exit_correction_project_id_participant_id_index" on "participant_exit_correction" ("project_id", "participant_id");`,
    );
    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_participant_id_correction_no_unique" unique ("participant_id", "correction_no");`,
    );

    this.addSql(
      `create table "labour_market_observation" ("id" uuid not null, "project_id" uuid not null, "participant_id" uuid not null, "record_no" int not null, "kind" text not null, "observed_on" date null, "type" text null, "source" text null, "supersedes_id" uuid null, "reason" text null, "recorded_by" uuid null, "recorded_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_supersedes_id_unique" unique ("supersedes_id");`,
    );
    this.addSql(
      `create index "labour_market_observation_project_id_participant_id_index" on "labour_market_observation" ("project_id", "participant_id");`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_participant_id_record_no_unique" unique ("participant_id", "record_no");`,
    );

    this.addSql(
      `create table "indicator_correction" ("id" uuid not null, "project_id" uuid not null, "reported_in_id" uuid not null, "corrected_period_id" uuid not null, "indicator_id" uuid not null, "reported_value" numeric(14,2) not null, "corrected_value" numeric(14,2) not null, "difference" numeric(14,2) not null, "corrected_persons" int null, "reported_persons" int null, "reported_numerator" int null, "corrected_numerator" int null, "reported_denominator" int null, "corrected_denominator" int null, primary key ("id"));`,
    );
    this.addSql(`create index "indicator_correction_project_id_index" on "indicator_correction" ("project_id");`);
    this.addSql(
      `alter table "indicator_correction" add constraint "indicator_correction_project_id_reported_in_id_co_40074_unique" unique ("project_id", "reported_in_id", "corrected_period_id", "indicator_id");`,
    );

    this.addSql(`alter table "participant" drop constraint "participant_numbers_check";`);
    this.addSql(
      `alter table "participant" add "age_at_entry" smallint null, add "episode" smallint not null default 1, add "previous_episode_id" uuid null;`,
    );
    this.addSql(
      `alter table "participant" add constraint "participant_previous_episode_id_foreign" foreign key ("previous_episode_id") references "participant" ("id") on delete set null;`,
    );
    this.addSql(`alter table "participant" add constraint "participant_previous_episode_id_unique" unique ("previous_episode_id");`);
    this.addSql(
      `alter table "participant" add constraint "participant_numbers_check" check (months_on_benefits >= 0 and children_in_household >= 0 and birth_year >= 1900 and birth_year <= 2100 and (age_at_entry is null or (age_at_entry >= 0 and age_at_entry <= 130)) and episode >= 1);`,
    );

    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_participant_id_foreign" foreign key ("participant_id") references "participant" ("id");`,
    );
    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_kind_check" check ("kind" in ('CORRECTION', 'WITHDRAWAL'));`,
    );
    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_previous_exit_reason_check" check ("previous_exit_reason" in ('COMPLETED', 'TOOK_UP_JOB', 'STARTED_TRAINING', 'DROPPED_OUT', 'ILLNESS', 'MOVED_AWAY', 'OTHER'));`,
    );
    this.addSql(
      `alter table "participant_exit_correction" add constraint "participant_exit_correction_exit_reason_check" check ("exit_reason" in ('COMPLETED', 'TOOK_UP_JOB', 'STARTED_TRAINING', 'DROPPED_OUT', 'ILLNESS', 'MOVED_AWAY', 'OTHER'));`,
    );
    this.addSql(
      `create or replace function "participant_exit_correction_no_update_delete_fn"() returns trigger as \$\$ begin raise exception 'participant_exit_correction is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "no_update_delete" BEFORE UPDATE OR DELETE on "participant_exit_correction" for each ROW execute function "participant_exit_correction_no_update_delete_fn"();`,
    );

    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_participant_id_foreign" foreign key ("participant_id") references "participant" ("id");`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_supersedes_id_foreign" foreign key ("supersedes_id") references "labour_market_observation" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_record_check" check ((kind = 'RECORD') = (supersedes_id is null) and (kind = 'RECORD') = (reason is null) and (kind = 'WITHDRAWAL') = (type is null) and (type is null) = (observed_on is null) and (type is null) = (source is null));`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_kind_check" check ("kind" in ('RECORD', 'CORRECTION', 'WITHDRAWAL'));`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_type_check" check ("type" in ('EMPLOYMENT_SOCIAL_INSURANCE', 'VOCATIONAL_TRAINING', 'EMPLOYMENT_16I', 'SELF_EMPLOYMENT', 'MARGINAL_EMPLOYMENT', 'JOB_SEARCHING', 'EDUCATION_OR_TRAINING', 'QUALIFICATION_GAINED', 'INACTIVE', 'UNKNOWN', 'BENEFIT_RECEIPT_ENDED'));`,
    );
    this.addSql(
      `alter table "labour_market_observation" add constraint "labour_market_observation_source_check" check ("source" in ('SELF_REPORT', 'CASE_FILE', 'PROVIDER_REPORT', 'EMPLOYER', 'SOCIAL_INSURANCE_DATA', 'SURVEY', 'EXIT_RECORD'));`,
    );
    this.addSql(
      `create or replace function "labour_market_observation_no_update_delete_fn"() returns trigger as \$\$ begin raise exception 'labour_market_observation is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "no_update_delete" BEFORE UPDATE OR DELETE on "labour_market_observation" for each ROW execute function "labour_market_observation_no_update_delete_fn"();`,
    );

    this.addSql(
      `alter table "indicator_correction" add constraint "indicator_correction_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "indicator_correction" add constraint "indicator_correction_reported_in_id_foreign" foreign key ("reported_in_id") references "reporting_period" ("id");`,
    );
    this.addSql(
      `alter table "indicator_correction" add constraint "indicator_correction_corrected_period_id_foreign" foreign key ("corrected_period_id") references "reporting_period" ("id");`,
    );
    this.addSql(
      `alter table "indicator_correction" add constraint "indicator_correction_indicator_id_foreign" foreign key ("indicator_id") references "indicator_definition" ("id");`,
    );

    this
      .addSql(`insert into "labour_market_observation" ("id", "project_id", "participant_id", "record_no", "kind", "observed_on", "type", "source", "recorded_at")
      select gen_random_uuid(), r.project_id, r.participant_id,
             row_number() over (partition by r.participant_id order by r.observed_on, r.rank, r.ord), 'RECORD', r.observed_on, r.type, r.source, r.recorded_at
        from (
          (select distinct on (pa.participant_id, pa.end_date, t.type)
                 pa.project_id, pa.participant_id, pa.end_date as observed_on, 0 as rank, pa.start_date::text || pa.id::text as ord, t.type, 'EXIT_RECORD' as source, pa.updated_at as recorded_at
            from "participation" pa
            cross join lateral (select case pa.exit_reason when 'TOOK_UP_JOB' then 'EMPLOYMENT_SOCIAL_INSURANCE' when 'STARTED_TRAINING' then 'VOCATIONAL_TRAINING' end as type) t
           where pa.end_date is not null and t.type is not null
           order by pa.participant_id, pa.end_date, t.type, pa.start_date, pa.id)
          union all
          select o.project_id, o.participant_id, o.observed_on, 1, o.id::text,
                 case o.labour_status
                   when 'EMPLOYED_SOCIAL_INSURANCE' then case when ${HELD_16I} then 'EMPLOYMENT_16I' else 'EMPLOYMENT_SOCIAL_INSURANCE' end
                   when 'IN_EDUCATION_OR_TRAINING' then case when p.exit_reason = 'STARTED_TRAINING' then 'VOCATIONAL_TRAINING' else 'EDUCATION_OR_TRAINING' end
                   when 'MARGINAL_JOB' then 'MARGINAL_EMPLOYMENT'
                   when 'SELF_EMPLOYED' then 'SELF_EMPLOYMENT'
                   else o.labour_status end,
                 o.source, o.created_at
            from "outcome" o join "participant" p on p.id = o.participant_id
          union all
          select o.project_id, o.participant_id, o.observed_on, 2, o.id::text, 'BENEFIT_RECEIPT_ENDED', o.source, o.created_at
            from "outcome" o where o.benefit_receipt_ended
        ) r;`);
    this.addSql(`drop table if exists "outcome" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "labour_market_observation" drop constraint "labour_market_observation_supersedes_id_foreign";`);

    this.addSql(
      `create table "outcome" ("id" uuid not null, "project_id" uuid not null, "participant_id" uuid not null, "timing" text not null, "observed_on" date not null, "labour_status" text not null, "benefit_receipt_ended" bool not null, "source" text not null, "created_at" timestamptz(6) not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_project_id_participant_id_timing_unique" unique ("project_id", "participant_id", "timing");`,
    );
    // Back to one outcome per timing, as far as the old model can hold it: per window (at exit, 6 and
    // 12 months, by the programme's exit-data deadline) the last status in force that was not written
    // from an exit record; corrections, withdrawals, exit records and observations outside the
    // windows are lost.
    this
      .addSql(`insert into "outcome" ("id", "project_id", "participant_id", "timing", "observed_on", "labour_status", "benefit_receipt_ended", "source", "created_at")
      select gen_random_uuid(), x.project_id, x.participant_id, x.timing, x.observed_on,
             case x.type when 'EMPLOYMENT_SOCIAL_INSURANCE' then 'EMPLOYED_SOCIAL_INSURANCE' when 'EMPLOYMENT_16I' then 'EMPLOYED_SOCIAL_INSURANCE'
                         when 'VOCATIONAL_TRAINING' then 'IN_EDUCATION_OR_TRAINING' when 'EDUCATION_OR_TRAINING' then 'IN_EDUCATION_OR_TRAINING'
                         when 'MARGINAL_EMPLOYMENT' then 'MARGINAL_JOB' when 'SELF_EMPLOYMENT' then 'SELF_EMPLOYED' else x.type end,
             exists (select 1 from "labour_market_observation" b where b.participant_id = x.participant_id and b.observed_on = x.observed_on and b.type = 'BENEFIT_RECEIPT_ENDED'
                       and not exists (select 1 from "labour_market_observation" s where s.supersedes_id = b.id)),
             x.source, x.recorded_at
        from (
          select distinct on (o.participant_id, w.timing) o.project_id, o.participant_id, w.timing, o.observed_on, o.type, o.source, o.recorded_at
            from "labour_market_observation" o
            join "participant" p on p.id = o.participant_id
            join "project" pr on pr.id = p.project_id
            left join "participant_rules" ru on ru.program_id = pr.program_id
            cross join lateral (values
              ('AT_EXIT', p.exit_date, p.exit_date + coalesce(ru.exit_data_due_days, 28)),
              ('SIX_MONTHS', (p.exit_date + interval '6 months')::date - coalesce(ru.exit_data_due_days, 28), (p.exit_date + interval '6 months')::date + coalesce(ru.exit_data_due_days, 28)),
              ('TWELVE_MONTHS', (p.exit_date + interval '12 months')::date - coalesce(ru.exit_data_due_days, 28), (p.exit_date + interval '12 months')::date + coalesce(ru.exit_data_due_days, 28))
            ) as w(timing, from_day, to_day)
           where p.exit_date is not null and o.kind <> 'WITHDRAWAL' and o.type <> 'BENEFIT_RECEIPT_ENDED' and o.source <> 'EXIT_RECORD'
             and not exists (select 1 from "labour_market_observation" s where s.supersedes_id = o.id)
             and o.observed_on between w.from_day and w.to_day
           order by o.participant_id, w.timing, o.observed_on desc, o.record_no desc
        ) x;`);

    this.addSql(`drop trigger if exists "no_update_delete" on "participant_exit_correction";`);
    this.addSql(`drop function if exists "participant_exit_correction_no_update_delete_fn"();`);
    this.addSql(`drop table if exists "participant_exit_correction" cascade;`);
    this.addSql(`drop trigger if exists "no_update_delete" on "labour_market_observation";`);
    this.addSql(`drop function if exists "labour_market_observation_no_update_delete_fn"();`);
    this.addSql(`drop table if exists "labour_market_observation" cascade;`);
    this.addSql(`drop table if exists "indicator_correction" cascade;`);

    this.addSql(`alter table "participant" drop constraint "participant_previous_episode_id_foreign";`);

    this.addSql(`alter table "participant" drop constraint "participant_previous_episode_id_unique";`);
    this.addSql(`alter table "participant" drop constraint "participant_numbers_check";`);
    this.addSql(`alter table "participant" drop column "age_at_entry", drop column "episode", drop column "previous_episode_id";`);
    this.addSql(
      `alter table "participant" add constraint "participant_numbers_check" check ((months_on_benefits >= 0) AND (children_in_household >= 0) AND (birth_year >= 1900) AND (birth_year <= 2100));`,
    );

    this.addSql(
      `alter table "outcome" add constraint "outcome_participant_id_foreign" foreign key ("participant_id") references "participant" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_project_id_foreign" foreign key ("project_id") references "project" ("id") on update no action on delete no action;`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_labour_status_check" check ("labour_status" in ('JOB_SEARCHING', 'IN_EDUCATION_OR_TRAINING', 'QUALIFICATION_GAINED', 'EMPLOYED_SOCIAL_INSURANCE', 'MARGINAL_JOB', 'SELF_EMPLOYED', 'INACTIVE', 'UNKNOWN'));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_source_check" check ("source" in ('SELF_REPORT', 'CASE_FILE', 'PROVIDER_REPORT', 'EMPLOYER', 'SOCIAL_INSURANCE_DATA', 'SURVEY'));`,
    );
    this.addSql(
      `alter table "outcome" add constraint "outcome_timing_check" check ("timing" in ('AT_EXIT', 'SIX_MONTHS', 'TWELVE_MONTHS'));`,
    );
  }
}
