import { Migration } from '@mikro-orm/migrations';

export class Migration20261203040310_IneligibleReason extends Migration {
  override name = 'Migration20261203040310_IneligibleReason';

  override up(): void | Promise<void> {
    this.addSql(`alter table "expenditure" add "ineligible_reason" text null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "expenditure" drop column "ineligible_reason";`);
  }
}
