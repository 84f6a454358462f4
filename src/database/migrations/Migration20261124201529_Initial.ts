import { Migration } from '@mikro-orm/migrations';

export class Migration20261124201529_Initial extends Migration {
  override name = 'Migration20261124201529_Initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "funding_program" ("id" uuid not null, "code" varchar(40) not null, "name" text not null, "legal_basis" text not null, "grantor" text not null, "drawdown_horizon_days" int not null, "line_overrun_percent" numeric(5,2) not null, "interim_proof_due_month" smallint not null, "interim_proof_due_day" smallint not null, "final_proof_due_months" smallint not null, "allowed_financing_types" text[] not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "funding_program" add constraint "funding_program_code_unique" unique ("code");`);

    this.addSql(
      `create table "project" ("id" uuid not null, "program_id" uuid not null, "file_number" varchar(60) not null, "title" text not null, "grantee" text not null, "approval_start" date not null, "approval_end" date not null, "approved_total" numeric(14,2) not null, "financing_type" text not null, "funding_rate" numeric(5,2) not null, "status" text not null default 'APPROVED', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "project_program_id_index" on "project" ("program_id");`);
    this.addSql(`alter table "project" add constraint "project_program_id_file_number_unique" unique ("program_id", "file_number");`);

    this.addSql(
      `alter table "funding_program" add constraint "funding_program_allowed_financing_types_check" check ("allowed_financing_types" <@ array['FULL'::text, 'SHARE'::text, 'DEFICIT'::text, 'FIXED_AMOUNT'::text]);`,
    );

    this.addSql(
      `alter table "project" add constraint "project_program_id_foreign" foreign key ("program_id") references "funding_program" ("id");`,
    );
    this.addSql(`alter table "project" add constraint "project_rate_check" check (funding_rate > 0 and funding_rate <= 100);`);
    this.addSql(`alter table "project" add constraint "project_total_check" check (approved_total > 0);`);
    this.addSql(`alter table "project" add constraint "project_period_check" check (approval_end > approval_start);`);
    this.addSql(
      `alter table "project" add constraint "project_financing_type_check" check ("financing_type" in ('FULL', 'SHARE', 'DEFICIT', 'FIXED_AMOUNT'));`,
    );
    this.addSql(
      `alter table "project" add constraint "project_status_check" check ("status" in ('APPROVED', 'RUNNING', 'ENDED', 'CLOSED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "project" drop constraint "project_program_id_foreign";`);

    this.addSql(`drop table if exists "funding_program" cascade;`);
    this.addSql(`drop table if exists "project" cascade;`);
  }
}
