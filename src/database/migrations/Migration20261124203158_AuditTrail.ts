import { Migration } from '@mikro-orm/migrations';

export class Migration20261124203158_AuditTrail extends Migration {

  override name = 'Migration20261124203158_AuditTrail';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "occurred_at" timestamptz not null default now(), "user_id" uuid null, "username" varchar(100) null, "roles" text[] not null, "project_id" uuid null, "operation" varchar(100) not null, "outcome" text not null, "error_code" varchar(40) null, "entities" text[] not null, "entity_ids" text[] not null, "changes" jsonb not null);`);
    this.addSql(`create index "audit_event_user_id_index" on "audit_event" ("user_id");`);
    this.addSql(`create index "audit_event_operation_index" on "audit_event" ("operation");`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`create index "audit_event_project_id_id_index" on "audit_event" ("project_id", "id");`);

    this.addSql(`alter table "audit_event" add constraint "audit_event_outcome_check" check ("outcome" in ('SUCCESS', 'DENIED', 'FAILED'));`);

    // Hand-written: the audit trail is append-only. The database itself refuses UPDATE, DELETE and
    // TRUNCATE, whatever the application (or a person with the application's credentials) tries.
    this.addSql(`create function "audit_event_append_only"() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
end
$$;`);
    this.addSql(`create trigger "audit_event_no_update_delete" before update or delete on "audit_event" for each row execute function "audit_event_append_only"();`);
    this.addSql(`create trigger "audit_event_no_truncate" before truncate on "audit_event" for each statement execute function "audit_event_append_only"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop function if exists "audit_event_append_only"();`);
  }

}
