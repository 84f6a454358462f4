import { AnnualInstalment } from './annual-instalment.entity.js';
import { BudgetLine } from './budget-line.entity.js';
import { BudgetRevision } from './budget-revision.entity.js';
import { BudgetTotal } from './budget-total.entity.js';
import { CostCategory } from './cost-category.entity.js';
import { FundingSource } from './funding-source.entity.js';

/** The budget module's entities, for the registry in src/database/entities.ts. */
export const BUDGET_ENTITIES = [CostCategory, BudgetRevision, BudgetLine, AnnualInstalment, FundingSource, BudgetTotal];
