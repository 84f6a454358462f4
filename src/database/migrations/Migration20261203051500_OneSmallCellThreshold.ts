import { Migration } from '@mikro-orm/migrations';

/**
 * One small-cell threshold per programme: the participant rules keep it, the indicator settings no
 * longer do. Where the two disagreed, the stricter (larger) one stays, so nothing shown before as
 * withheld becomes visible.
 */
export class Migration20261203051500_OneSmallCellThreshold extends Migration {
  override name = 'Migration20261203051500_OneSmallCellThreshold';

  override up(): void | Promise<void> {
    this.addSql(
      `update "participant_rules" r set "min_cell_size" = s."min_cell_size" from "indicator_settings" s where s."program_id" = r."program_id" and s."min_cell_size" > r."min_cell_size";`,
    );
    this.addSql(`alter table "indicator_settings" drop constraint if exists "indicator_settings_cell_check";`);
    this.addSql(`alter table "indicator_settings" drop column "min_cell_size";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "indicator_settings" add "min_cell_size" int not null default 5;`);
    this.addSql(
      `update "indicator_settings" s set "min_cell_size" = r."min_cell_size" from "participant_rules" r where r."program_id" = s."program_id";`,
    );
    this.addSql(`alter table "indicator_settings" alter column "min_cell_size" drop default;`);
    this.addSql(`alter table "indicator_settings" add constraint "indicator_settings_cell_check" check (min_cell_size >= 1);`);
  }
}
