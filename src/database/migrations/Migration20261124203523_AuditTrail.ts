import { Migration } from '@mikro-orm/migrations';

export class Migration20261124203523_AuditTrail extends Migration {
  override name = 'Migration20261124203523_AuditTrail';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "user_id" uuid null, "username" varchar(100) null, "roles" text[] not null, "project_id" uuid null, "operation" varchar(100) not null, "outcome" text not null, "error_code" varchar(40) null, "entities" text[] not null, "entity_ids" text[] not null, "changes" jsonb not null);`,
    );
    this.addSql(`create index "audit_event_user_id_index" on "audit_event" ("user_id");`);
    this.addSql(`create index "audit_event_operation_index" on "audit_event" ("operation");`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`create index "audit_event_project_id_id_index" on "audit_event" ("project_id", "id");`);

    this.addSql(
      `alter table "audit_event" add constraint "audit_event_outcome_check" check ("outcome" in ('SUCCESS', 'DENIED', 'FAILED'));`,
    );
    this.addSql(
      `create or replace function "audit_event_no_update_delete_fn"() returns trigger as \$\$ begin raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege'; end; \$\$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "no_update_delete" BEFORE UPDATE OR DELETE on "audit_event" for each ROW execute function "audit_event_no_update_delete_fn"();`,
    );
    // Hand-written: TRUNCATE bypasses row triggers, and MikroORM cannot introspect TRUNCATE
    // triggers, so this one lives here only (the entity declares the UPDATE/DELETE trigger).
    this.addSql(
      `create trigger "no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_no_update_delete_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "no_truncate" on "audit_event";`);
    this.addSql(`drop trigger if exists "no_update_delete" on "audit_event";`);
    this.addSql(`drop function if exists "audit_event_no_update_delete_fn"();`);
    this.addSql(`drop table if exists "audit_event" cascade;`);
  }
}
