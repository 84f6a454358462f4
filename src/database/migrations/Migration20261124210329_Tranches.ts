import { randomUUID } from 'node:crypto';

import { Migration } from '@mikro-orm/migrations';

import { BASE_RATES_247_BGB } from '../../tranches/base-rates.data.js';

export class Migration20261124210329_Tranches extends Migration {
  override name = 'Migration20261124210329_Tranches';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "base_rate" ("id" uuid not null, "valid_from" date not null, "rate_percent" numeric(5,2) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "base_rate" add constraint "base_rate_valid_from_unique" unique ("valid_from");`);

    this.addSql(
      `create table "idempotency_key" ("id" uuid not null, "project_id" uuid not null, "key" varchar(100) not null, "operation" varchar(60) not null, "request_hash" varchar(64) not null, "result" jsonb null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_key" unique ("project_id", "key");`);

    this.addSql(
      `create table "expenditure" ("id" uuid not null, "project_id" uuid not null, "kind" text not null, "receipt_number" varchar(60) not null, "revision" smallint not null, "invoice_date" date not null, "payment_date" date not null, "fiscal_year" smallint not null, "payee" text not null, "purpose" text not null, "cost_category_id" uuid not null, "gross_amount" numeric(14,2) not null, "ineligible_amount" numeric(14,2) not null, "eligible_amount" numeric(14,2) not null, "measure_id" uuid null, "reversal_of_id" uuid null, "reason" text null, "recorded_by_id" uuid not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "expenditure" add constraint "expenditure_reversal_of_id_unique" unique ("reversal_of_id");`);
    this.addSql(
      `create index "expenditure_project_id_fiscal_year_cost_category_id_index" on "expenditure" ("project_id", "fiscal_year", "cost_category_id");`,
    );
    this.addSql(`create index "expenditure_ledger_order_index" on "expenditure" ("project_id", "payment_date", "id");`);
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_receipt_key" unique ("project_id", "receipt_number", "kind", "revision");`,
    );

    this.addSql(
      `create table "expenditure_state" ("id" uuid not null, "project_id" uuid not null, "expenditure_id" uuid not null, "status" text not null, "comment" text null, "changed_by_id" uuid not null, "changed_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`alter table "expenditure_state" add constraint "expenditure_state_expenditure_id_unique" unique ("expenditure_id");`);
    this.addSql(`create index "expenditure_state_project_id_status_index" on "expenditure_state" ("project_id", "status");`);
    this.addSql(
      `alter table "expenditure_state" add constraint "expenditure_state_project_id_expenditure_id_unique" unique ("project_id", "expenditure_id");`,
    );

    this.addSql(
      `create table "drawdown" ("id" uuid not null, "project_id" uuid not null, "fiscal_year" smallint not null, "number" int not null, "kind" text not null, "status" text not null, "amount" numeric(14,2) not null, "expected_payout_date" date null, "needed_until" date null, "payout_date" date null, "reason" text null, "relates_to_id" uuid null, "requested_by_id" uuid not null, "requested_at" timestamptz null, "created_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(`create index "drawdown_project_id_status_index" on "drawdown" ("project_id", "status");`);
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_project_id_fiscal_year_number_unique" unique ("project_id", "fiscal_year", "number");`,
    );

    this.addSql(
      `create table "drawdown_line" ("id" uuid not null, "project_id" uuid not null, "drawdown_id" uuid not null, "cost_category_id" uuid not null, "amount" numeric(14,2) not null, primary key ("id"));`,
    );
    this.addSql(`create index "drawdown_line_drawdown_id_index" on "drawdown_line" ("drawdown_id");`);
    this.addSql(
      `alter table "drawdown_line" add constraint "drawdown_line_project_id_drawdown_id_cost_category_id_unique" unique ("project_id", "drawdown_id", "cost_category_id");`,
    );

    this.addSql(
      `create table "drawdown_approval" ("id" uuid not null, "project_id" uuid not null, "drawdown_id" uuid not null, "decision" text not null, "decided_by_id" uuid not null, "comment" text null, "decided_at" timestamptz not null default now(), primary key ("id"));`,
    );
    this.addSql(
      `alter table "drawdown_approval" add constraint "drawdown_approval_project_id_drawdown_id_unique" unique ("project_id", "drawdown_id");`,
    );

    this.addSql(
      `alter table "idempotency_key" add constraint "idempotency_key_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );

    this.addSql(
      `alter table "expenditure" add constraint "expenditure_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id");`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_reversal_of_id_foreign" foreign key ("reversal_of_id") references "expenditure" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_amounts_check" check ((kind = 'BOOKING' and reversal_of_id is null and gross_amount > 0 and ineligible_amount >= 0 and ineligible_amount <= gross_amount) or (kind = 'REVERSAL' and reversal_of_id is not null and reason is not null and gross_amount < 0));`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_eligible_check" check (eligible_amount = gross_amount - ineligible_amount);`,
    );
    this.addSql(`alter table "expenditure" add constraint "expenditure_kind_check" check ("kind" in ('BOOKING', 'REVERSAL'));`);
    this.addSql(
      `create or replace function "expenditure_expenditure_append_only_fn"() returns trigger as \$\$ begin raise exception 'The receipt ledger is append-only: % is refused. Correct a booking by reversing it.', tg_op; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "expenditure_append_only" BEFORE UPDATE OR DELETE on "expenditure" for each ROW execute function "expenditure_expenditure_append_only_fn"();`,
    );

    this.addSql(
      `alter table "expenditure_state" add constraint "expenditure_state_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "expenditure_state" add constraint "expenditure_state_expenditure_id_foreign" foreign key ("expenditure_id") references "expenditure" ("id");`,
    );
    this.addSql(
      `alter table "expenditure_state" add constraint "expenditure_state_changed_by_id_foreign" foreign key ("changed_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "expenditure_state" add constraint "expenditure_state_status_check" check ("status" in ('RECORDED', 'CHECKED', 'INCLUDED_IN_PROOF', 'REJECTED'));`,
    );

    this.addSql(
      `alter table "drawdown" add constraint "drawdown_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_relates_to_id_foreign" foreign key ("relates_to_id") references "drawdown" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_sign_check" check ((kind = 'TRANCHE' and amount > 0) or (kind <> 'TRANCHE' and amount < 0 and reason is not null));`,
    );
    this.addSql(`alter table "drawdown" add constraint "drawdown_kind_check" check ("kind" in ('TRANCHE', 'REPAYMENT', 'RECLAIM'));`);
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_status_check" check ("status" in ('PLANNED', 'REQUESTED', 'APPROVED', 'REJECTED', 'DISBURSED', 'PARTIALLY_USED', 'USED', 'OVERDUE', 'REPAID', 'SETTLED'));`,
    );

    this.addSql(
      `alter table "drawdown_line" add constraint "drawdown_line_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "drawdown_line" add constraint "drawdown_line_drawdown_id_foreign" foreign key ("drawdown_id") references "drawdown" ("id");`,
    );
    this.addSql(
      `alter table "drawdown_line" add constraint "drawdown_line_cost_category_id_foreign" foreign key ("cost_category_id") references "cost_category" ("id");`,
    );
    this.addSql(`alter table "drawdown_line" add constraint "drawdown_line_amount_check" check (amount <> 0);`);

    this.addSql(
      `alter table "drawdown_approval" add constraint "drawdown_approval_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "drawdown_approval" add constraint "drawdown_approval_drawdown_id_foreign" foreign key ("drawdown_id") references "drawdown" ("id");`,
    );
    this.addSql(
      `alter table "drawdown_approval" add constraint "drawdown_approval_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "drawdown_approval" add constraint "drawdown_approval_decision_check" check ("decision" in ('APPROVED', 'REJECTED'));`,
    );
    this.addSql(
      `create or replace function "drawdown_approval_drawdown_approval_append_only_fn"() returns trigger as \$\$ begin raise exception 'Approval records are append-only: % is refused.', tg_op; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "drawdown_approval_append_only" BEFORE UPDATE OR DELETE on "drawdown_approval" for each ROW execute function "drawdown_approval_drawdown_approval_append_only_fn"();`,
    );

    // Added by hand: TRUNCATE would bypass the row triggers above (generated from the entities),
    // and PostgreSQL does not list statement-level TRUNCATE triggers where the ORM looks, so these
    // live here only. They reuse the trigger functions generated above.
    this.addSql(
      `create trigger "expenditure_no_truncate" before truncate on "expenditure" for each statement execute function "expenditure_expenditure_append_only_fn"();`,
    );
    this.addSql(
      `create trigger "drawdown_approval_no_truncate" before truncate on "drawdown_approval" for each statement execute function "drawdown_approval_drawdown_approval_append_only_fn"();`,
    );

    // Added by hand: the published § 247 BGB base rates as dated rows (interest on overdue tranches).
    for (const rate of BASE_RATES_247_BGB) {
      this.addSql(
        `insert into "base_rate" ("id", "valid_from", "rate_percent") values ('${randomUUID()}', '${rate.validFrom}', ${rate.ratePercent});`,
      );
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "expenditure_no_truncate" on "expenditure";`);
    this.addSql(`drop trigger if exists "drawdown_approval_no_truncate" on "drawdown_approval";`);
    this.addSql(`alter table "expenditure" drop constraint "expenditure_reversal_of_id_foreign";`);
    this.addSql(`alter table "expenditure_state" drop constraint "expenditure_state_expenditure_id_foreign";`);
    this.addSql(`alter table "drawdown" drop constraint "drawdown_relates_to_id_foreign";`);
    this.addSql(`alter table "drawdown_line" drop constraint "drawdown_line_drawdown_id_foreign";`);
    this.addSql(`alter table "drawdown_approval" drop constraint "drawdown_approval_drawdown_id_foreign";`);

    this.addSql(`drop table if exists "base_rate" cascade;`);
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
    this.addSql(`drop trigger if exists "expenditure_append_only" on "expenditure";`);
    this.addSql(`drop function if exists "expenditure_expenditure_append_only_fn"();`);
    this.addSql(`drop table if exists "expenditure" cascade;`);
    this.addSql(`drop table if exists "expenditure_state" cascade;`);
    this.addSql(`drop table if exists "drawdown" cascade;`);
    this.addSql(`drop table if exists "drawdown_line" cascade;`);
    this.addSql(`drop trigger if exists "drawdown_approval_append_only" on "drawdown_approval";`);
    this.addSql(`drop function if exists "drawdown_approval_drawdown_approval_append_only_fn"();`);
    this.addSql(`drop table if exists "drawdown_approval" cascade;`);
  }
}
