import { Migration } from '@mikro-orm/migrations';

/**
 * Privacy (docs/domain.md#participants-and-data-protection): four-eyes grants of identity access; statistical attributes that survive identity
 * erasure; no restricted free text or health marker left in the append-only audit trail.
 */
export class Migration20261203042800_Privacy extends Migration {
  override name = 'Migration20261203042800_Privacy';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "role_assignment" add column "pending" boolean not null default false, add column "granted_by" uuid null, add column "confirmed_by" uuid null;`,
    );
    this.addSql(`alter table "participant" add column "statistics_cipher" text null;`);
    this.addSql(`alter table "indicator_settings" add column "special_category_min_cell_size" int not null default 10;`);
    this.addSql(
      `alter table "indicator_settings" add constraint "indicator_settings_special_cell_check" check (special_category_min_cell_size >= 1);`,
    );
    // The audit trail is append-only, and it held restricted free text (override justifications,
    // erasure verifications) and per-person health markers: scrub them once, with the guard
    // lifted inside this migration's transaction only.
    for (const sql of SCRUB_AUDIT_SQL) this.addSql(sql);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "role_assignment" drop column "pending", drop column "granted_by", drop column "confirmed_by";`);
    this.addSql(`alter table "participant" drop column "statistics_cipher";`);
    this.addSql(`alter table "indicator_settings" drop column "special_category_min_cell_size";`);
  }
}

/** Scrubs restricted text and health markers from existing audit rows (exported for its test). */
export const SCRUB_AUDIT_SQL: readonly string[] = [
  `create or replace function pg_temp.scrub_audit(v jsonb) returns jsonb language sql immutable as \$\$
      select case when v is null or jsonb_typeof(v) <> 'object' then v else
        (v - 'healthState')
        || case when jsonb_exists(v, 'overrideJustification') and jsonb_typeof(v->'overrideJustification') = 'string' then jsonb_build_object('overrideJustification', '[redacted]') else '{}'::jsonb end
        || case when jsonb_exists(v, 'verification') and jsonb_typeof(v->'verification') = 'string' then jsonb_build_object('verification', '[redacted]') else '{}'::jsonb end
      end \$\$;`,
  `alter table "audit_event" disable trigger "no_update_delete";`,
  `update "audit_event" set "changes" = (
        select coalesce(jsonb_agg(
          case when jsonb_typeof(c) = 'object' then c || jsonb_build_object('before', pg_temp.scrub_audit(c->'before'), 'after', pg_temp.scrub_audit(c->'after')) else c end
          order by ord), '[]'::jsonb)
        from jsonb_array_elements("changes") with ordinality as e(c, ord))
      where "changes"::text ~ '"(healthState|overrideJustification|verification)"';`,
  `alter table "audit_event" enable trigger "no_update_delete";`,
];
