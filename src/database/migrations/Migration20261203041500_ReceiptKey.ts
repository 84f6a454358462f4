import { Migration } from '@mikro-orm/migrations';

/**
 * Receipt numbers unique in their normalised form (a generated receipt_key with a unique
 * key), and the planner of a drawdown kept apart from its approval (four eyes across the lifecycle), and the
 * reason for an invoice dated after its payment.
 */
export class Migration20261203041500_ReceiptKey extends Migration {
  override name = 'Migration20261203041500_ReceiptKey';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "expenditure" add column "receipt_key" text generated always as (lower(btrim(regexp_replace(receipt_number, '\\s+', ' ', 'g')) collate "C")) stored null;`,
    );
    this.addSql(
      `alter table "expenditure" add constraint "expenditure_receipt_norm_key" unique ("project_id", "receipt_key", "kind", "revision");`,
    );
    this.addSql(`alter table "expenditure" add column "invoice_date_note" text null;`);
    this.addSql(`alter table "drawdown" add column "planned_by_id" uuid null;`);
    this.addSql(
      `alter table "drawdown" add constraint "drawdown_planned_by_id_foreign" foreign key ("planned_by_id") references "app_user" ("id") on delete set null;`,
    );
    // Who created a drawdown so far is its requester (a submitted plan kept its submitter only).
    this.addSql(`update "drawdown" set "planned_by_id" = "requested_by_id";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "drawdown" drop constraint "drawdown_planned_by_id_foreign";`);
    this.addSql(`alter table "drawdown" drop column "planned_by_id";`);
    this.addSql(`alter table "expenditure" drop constraint "expenditure_receipt_norm_key";`);
    this.addSql(`alter table "expenditure" drop column "receipt_key";`);
    this.addSql(`alter table "expenditure" drop column "invoice_date_note";`);
  }
}
