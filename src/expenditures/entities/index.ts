import { ExpenditureState } from './expenditure-state.entity.js';
import { Expenditure } from './expenditure.entity.js';

/** The receipt ledger's entities, for the registry in src/database/entities.ts. */
export const EXPENDITURE_ENTITIES = [Expenditure, ExpenditureState];
