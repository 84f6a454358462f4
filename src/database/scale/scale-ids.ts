const KINDS = [
  'project',
  'revision',
  'budget_line',
  'instalment',
  'funding_source',
  'expenditure',
  'expenditure_state',
  'drawdown',
  'drawdown_line',
  'drawdown_approval',
  'budget_total',
  'participant',
  'measure',
  'participation',
  'observation',
] as const;

/**
 * Deterministic, collision-free ids for generated rows: seed, table, project number and a running
 * number are laid into the uuid's fields, so the same seed gives the same ids on every run.
 */
export function scaleIds(seed: number, project: number): (kind: (typeof KINDS)[number]) => () => string {
  const s = (seed >>> 0).toString(16).padStart(8, '0');
  const p = project.toString(16).padStart(6, '0');
  return (kind) => {
    const k = KINDS.indexOf(kind).toString(16).padStart(4, '0');
    let n = 0;
    return () => `${s}-${k}-4${p.slice(0, 3)}-8${p.slice(3)}-${(n++).toString(16).padStart(12, '0')}`;
  };
}
