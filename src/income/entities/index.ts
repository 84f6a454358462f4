import { IncomeTotal } from './income-total.entity.js';
import { Income } from './income.entity.js';

/** The income ledger's entities, for the registry in src/database/entities.ts. */
export const INCOME_ENTITIES = [Income, IncomeTotal];
