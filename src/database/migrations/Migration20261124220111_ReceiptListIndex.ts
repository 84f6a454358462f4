import { Migration } from '@mikro-orm/migrations';

export class Migration20261124220111_ReceiptListIndex extends Migration {
  override name = 'Migration20261124220111_ReceiptListIndex';

  override up(): void | Promise<void> {
    this.addSql(`create index "expenditure_receipt_list_index" on "expenditure" ("project_id", "cost_category_id", "payment_date", "id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "expenditure_receipt_list_index";`);
  }
}
