import { Migration } from '@mikro-orm/migrations';

export class Migration20261202180714_Income extends Migration {
  override name = 'Migration20261202180714_Income';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "income_total" ("id" uuid not null, "project_id" uuid not null, "fiscal_year" smallint not null, "funding_source" text not null, "received" numeric(14,2) not null default 0, "version" bigint not null default 1, "updated_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "income_total" add constraint "income_total_key" unique ("project_id", "fiscal_year", "funding_source");`);

    this.addSql(
      `create table "income" ("id" uuid not null, "project_id" uuid not null, "kind" text not null, "funding_source" text not null, "type" text not null, "payment_date" date not null, "fiscal_year" smallint not null, "payer" text not null, "purpose" text not null, "reference" varchar(60) null, "amount" numeric(14,2) not null, "cost_category_id" uuid null, "reversal_of_id" uuid null, "reason" text null, "recorded_by_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "income" add constraint "income_reversal_of_id_unique" unique ("reversal_of_id");`);
    this.addSql(
      `create index "income_project_id_fiscal_year_funding_source_index" on "income" ("project_id", "fiscal_year", "funding_source");`,
    );
    this.addSql(`create index "income_ledger_order_index" on "income" ("project_id", "payment_date", "id");`);

    this.addSql(
      `alter table "income_total" add constraint "income_total_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "income_total" add constraint "income_total_funding_source_check" check ("funding_source" in ('FEDERAL_GRANT', 'OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'INCOME'));`,
    );

    this.addSql(`alter table "income" add constraint "income_project_id_foreign" foreign key ("project_id") references "project" ("id");`);
    this.addSql(
      `alter table "income" add constraint "income_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "income" add constraint "income_reversal_of_id_foreign" foreign key ("reversal_of_id") references "income" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "income" add constraint "income_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id");`,
    );
    this.addSql(`alter table "income" add constraint "income_source_check" check (funding_source <> 'FEDERAL_GRANT');`);
    this.addSql(
      `alter table "income" add constraint "income_amount_check" check ((kind = 'BOOKING' and reversal_of_id is null and amount > 0) or (kind = 'REVERSAL' and reversal_of_id is not null and reason is not null and amount < 0));`,
    );
    this.addSql(`alter table "income" add constraint "income_kind_check" check ("kind" in ('BOOKING', 'REVERSAL'));`);
    this.addSql(
      `alter table "income" add constraint "income_funding_source_check" check ("funding_source" in ('FEDERAL_GRANT', 'OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'INCOME'));`,
    );
    this.addSql(
      `alter table "income" add constraint "income_type_check" check ("type" in ('OWN_FUNDS', 'THIRD_PARTY_FUNDS', 'PROJECT_INCOME', 'INTEREST_INCOME'));`,
    );
    this.addSql(
      `create or replace function "income_income_append_only_fn"() returns trigger as \$\$ begin raise exception 'The income ledger is append-only: % is refused. Correct a booking by reversing it.', tg_op; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "income_append_only" BEFORE UPDATE OR DELETE on "income" for each ROW execute function "income_income_append_only_fn"();`,
    );
    // Added by hand, as for the receipt ledger: TRUNCATE bypasses row triggers, and PostgreSQL does
    // not list statement-level TRUNCATE triggers where the ORM looks, so the entity cannot declare it.
    this.addSql(
      `create trigger "income_no_truncate" before truncate on "income" for each statement execute function "income_income_append_only_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "income" drop constraint "income_reversal_of_id_foreign";`);

    this.addSql(`drop table if exists "income_total" cascade;`);
    this.addSql(`drop trigger if exists "income_no_truncate" on "income";`);
    this.addSql(`drop trigger if exists "income_append_only" on "income";`);
    this.addSql(`drop function if exists "income_income_append_only_fn"();`);
    this.addSql(`drop table if exists "income" cascade;`);
  }
}
