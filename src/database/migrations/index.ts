import { Migration20261203040330_ProofVersions } from './Migration20261203040330_ProofVersions.js';
import { Migration20261203040310_IneligibleReason } from './Migration20261203040310_IneligibleReason.js';
import { Migration20261202181301_Observations } from './Migration20261202181301_Observations.js';
import { Migration20261202180608_Imports } from './Migration20261202180608_Imports.js';
import { Migration20261202185601_Sachbericht } from './Migration20261202185601_Sachbericht.js';
import { Migration20261203042800_Privacy } from './Migration20261203042800_Privacy.js';
import { Migration20261203040800_MoneyInvariants } from './Migration20261203040800_MoneyInvariants.js';
import { Migration20261203041500_ReceiptKey } from './Migration20261203041500_ReceiptKey.js';
import { Migration20261202180714_Income } from './Migration20261202180714_Income.js';
import { Migration20261124220111_ReceiptListIndex } from './Migration20261124220111_ReceiptListIndex.js';
import { Migration20261124214517_Reporting } from './Migration20261124214517_Reporting.js';
import { Migration20261124210329_Tranches } from './Migration20261124210329_Tranches.js';
import { Migration20261124205542_Budget } from './Migration20261124205542_Budget.js';
import { Migration20261124210356_Indicators } from './Migration20261124210356_Indicators.js';
import { Migration20261124204836_Participants } from './Migration20261124204836_Participants.js';
import { Migration20261124203523_AuditTrail } from './Migration20261124203523_AuditTrail.js';
import { Migration20261124202423_Auth } from './Migration20261124202423_Auth.js';
import { Migration20261124201529_Initial } from './Migration20261124201529_Initial.js';
import { Migration20261203051500_OneSmallCellThreshold } from './Migration20261203051500_OneSmallCellThreshold.js';
import type { MigrationObject } from '@mikro-orm/core';

/**
 * Every migration in order. `npm run migration:create` appends new ones here; a test fails when
 * the entities need a change that no migration makes.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261124201529_Initial', class: Migration20261124201529_Initial },
  { name: 'Migration20261124202423_Auth', class: Migration20261124202423_Auth },
  { name: 'Migration20261124203523_AuditTrail', class: Migration20261124203523_AuditTrail },
  { name: 'Migration20261124204836_Participants', class: Migration20261124204836_Participants },
  { name: 'Migration20261124205542_Budget', class: Migration20261124205542_Budget },
  { name: 'Migration20261124210329_Tranches', class: Migration20261124210329_Tranches },
  { name: 'Migration20261124210356_Indicators', class: Migration20261124210356_Indicators },
  { name: 'Migration20261124214517_Reporting', class: Migration20261124214517_Reporting },
  { name: 'Migration20261124220111_ReceiptListIndex', class: Migration20261124220111_ReceiptListIndex },
  { name: 'Migration20261202180608_Imports', class: Migration20261202180608_Imports },
  { name: 'Migration20261202181301_Observations', class: Migration20261202181301_Observations },
  { name: 'Migration20261202180714_Income', class: Migration20261202180714_Income },
  { name: 'Migration20261202185601_Sachbericht', class: Migration20261202185601_Sachbericht },
  { name: 'Migration20261203040310_IneligibleReason', class: Migration20261203040310_IneligibleReason },
  { name: 'Migration20261203040330_ProofVersions', class: Migration20261203040330_ProofVersions },
  { name: 'Migration20261203042800_Privacy', class: Migration20261203042800_Privacy },
  { name: 'Migration20261203040800_MoneyInvariants', class: Migration20261203040800_MoneyInvariants },
  { name: 'Migration20261203041500_ReceiptKey', class: Migration20261203041500_ReceiptKey },
  { name: 'Migration20261203051500_OneSmallCellThreshold', class: Migration20261203051500_OneSmallCellThreshold },
];
