import { BankPaymentMatch } from './bank-payment-match.entity.js';
import { BankStatement } from './bank-statement.entity.js';
import { BookingImport } from './booking-import.entity.js';
import { ImportProfile } from './import-profile.entity.js';
import { ImportProgress } from './import-progress.entity.js';
import { ImportRow } from './import-row.entity.js';
import { ImportedBooking } from './imported-booking.entity.js';
import { MappingRuleSet } from './mapping-rule-set.entity.js';

/** The imports module's entities, for the registry in src/database/entities.ts. */
export const IMPORT_ENTITIES = [
  ImportProfile,
  MappingRuleSet,
  BookingImport,
  ImportRow,
  ImportedBooking,
  BankStatement,
  BankPaymentMatch,
  ImportProgress,
];
