import { BaseRateRow } from './base-rate.entity.js';
import { DrawdownApproval } from './drawdown-approval.entity.js';
import { DrawdownLine } from './drawdown-line.entity.js';
import { Drawdown } from './drawdown.entity.js';

/** The tranches module's entities, for the registry in src/database/entities.ts. */
export const TRANCHES_ENTITIES = [Drawdown, DrawdownLine, DrawdownApproval, BaseRateRow];
