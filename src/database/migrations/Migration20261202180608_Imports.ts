import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180608_Imports extends Migration {
  override name = 'Migration20261202180608_Imports';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "import_progress" ("import_id" uuid not null, "project_id" uuid not null, "phase" varchar(20) not null, "done" int not null, "total" int null, "finished" boolean not null, "error" text null, "updated_at" timestamptz not null default now(), primary key ("import_id"));`,
    );

    this.addSql(
      `create table "mapping_rule_set" ("id" uuid not null, "project_id" uuid not null, "version" int not null, "rules" jsonb not null, "note" text null, "created_by_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "mapping_rule_set" add constraint "mapping_rule_set_project_id_version_unique" unique ("project_id", "version");`,
    );

    this.addSql(
      `create table "import_profile" ("id" uuid not null, "project_id" uuid not null, "name" varchar(100) not null, "delimiter" varchar(1) not null, "encoding" varchar(20) not null, "decimal_separator" varchar(1) not null, "thousands_separator" varchar(1) not null, "date_format" varchar(20) not null, "columns" jsonb not null, "created_by_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "import_profile" add constraint "import_profile_project_id_name_unique" unique ("project_id", "name");`);

    this.addSql(
      `create table "imported_booking" ("id" uuid not null, "project_id" uuid not null, "source_key" text not null, "expenditure_id" uuid not null, "amount" numeric(14,2) not null, "import_id" uuid not null, "line" int not null, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "imported_booking" add constraint "imported_booking_key" unique ("project_id", "source_key");`);

    this.addSql(
      `create table "booking_import" ("id" uuid not null, "project_id" uuid not null, "format" text not null, "profile_id" uuid null, "file_name" text not null, "file_sha256" varchar(64) not null, "bytes" bigint not null, "status" text not null, "row_count" int not null, "mapping_version" int null, "summary" jsonb null, "source" jsonb null, "uploaded_by_id" uuid not null, "created_at" timestamptz not null default now(), "previewed_at" timestamptz null, "committed_at" timestamptz null, "committed_by_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "booking_import_project_id_created_at_index" on "booking_import" ("project_id", "created_at");`);

    this.addSql(
      `create table "import_row" ("id" uuid not null, "import_id" uuid not null, "project_id" uuid not null, "line" int not null, "source_key" text not null, "receipt_number" text null, "invoice_date" date null, "payment_date" date null, "value_date" date null, "amount" numeric(14,2) not null, "counterparty" text not null, "text" text not null, "account" text null, "contra_account" text null, "cost_centre" text null, "cost_centre2" text null, "reference" text null, "status" text not null, "reasons" jsonb null, "cost_category_id" uuid null, "expenditure_id" uuid null, "replaces_expenditure_id" uuid null, primary key ("id"));`,
    );
    this.addSql(`create index "import_row_import_id_status_line_index" on "import_row" ("import_id", "status", "line");`);
    this.addSql(`alter table "import_row" add constraint "import_row_import_id_line_unique" unique ("import_id", "line");`);

    this.addSql(
      `create table "bank_statement" ("id" uuid not null, "project_id" uuid not null, "import_id" uuid not null, "iban" varchar(34) not null, "statement_id" text not null, "opening_date" date not null, "closing_date" date not null, "opening_balance" numeric(14,2) not null, "closing_balance" numeric(14,2) not null, "entries" int not null, primary key ("id"));`,
    );
    this.addSql(
      `create index "bank_statement_project_id_iban_closing_date_index" on "bank_statement" ("project_id", "iban", "closing_date");`,
    );

    this.addSql(
      `create table "bank_payment_match" ("id" uuid not null, "project_id" uuid not null, "expenditure_id" uuid not null, "import_id" uuid not null, "line" int not null, "booking_date" date not null, "value_date" date null, "amount" numeric(14,2) not null, "confirmed_by_id" uuid not null, "confirmed_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "bank_payment_match" add constraint "bank_payment_match_project_id_expenditure_id_unique" unique ("project_id", "expenditure_id");`,
    );

    this.addSql(`alter table "expenditure" add "provenance" jsonb null;`);

    this.addSql(
      `alter table "mapping_rule_set" add constraint "mapping_rule_set_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "mapping_rule_set" add constraint "mapping_rule_set_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "import_profile" add constraint "import_profile_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "import_profile" add constraint "import_profile_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "imported_booking" add constraint "imported_booking_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );

    this.addSql(
      `alter table "booking_import" add constraint "booking_import_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "booking_import" add constraint "booking_import_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`,
    );
    this.addSql(`alter table "booking_import" add constraint "booking_import_format_check" check ("format" in ('DATEV', 'CAMT', 'CSV'));`);
    this.addSql(
      `alter table "booking_import" add constraint "booking_import_status_check" check ("status" in ('STAGED', 'PREVIEWED', 'COMMITTED'));`,
    );

    this.addSql(
      `alter table "import_row" add constraint "import_row_import_id_foreign" foreign key ("import_id") references "booking_import" ("id");`,
    );
    this.addSql(
      `alter table "import_row" add constraint "import_row_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "import_row" add constraint "import_row_status_check" check ("status" in ('STAGED', 'TO_BOOK', 'PROBLEM', 'DUPLICATE', 'CORRECTION', 'IGNORED', 'BOOKED', 'CORRECTED'));`,
    );

    this.addSql(
      `alter table "bank_statement" add constraint "bank_statement_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );

    this.addSql(
      `alter table "bank_payment_match" add constraint "bank_payment_match_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "import_row" drop constraint "import_row_import_id_foreign";`);

    this.addSql(`drop table if exists "import_progress" cascade;`);
    this.addSql(`drop table if exists "mapping_rule_set" cascade;`);
    this.addSql(`drop table if exists "import_profile" cascade;`);
    this.addSql(`drop table if exists "imported_booking" cascade;`);
    this.addSql(`drop table if exists "booking_import" cascade;`);
    this.addSql(`drop table if exists "import_row" cascade;`);
    this.addSql(`drop table if exists "bank_statement" cascade;`);
    this.addSql(`drop table if exists "bank_payment_match" cascade;`);

    this.addSql(`alter table "expenditure" drop column "provenance";`);
  }
}
