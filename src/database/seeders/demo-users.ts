/**
 * Demo sign-ins, one per role, for the demo project. DEMO ONLY: the passwords are public (README).
 * `scope` says where the role is held: the demo project, the demo programme, or everywhere.
 */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Demo Administratorin', role: 'ADMIN', scope: 'global', password: 'demo-admin-2026' },
  { username: 'finance', displayName: 'Demo Finanzen', role: 'FINANCE', scope: 'project', password: 'demo-finance-2026' },
  { username: 'caseworker', displayName: 'Demo Fallmanagerin', role: 'CASE_WORKER', scope: 'project', password: 'demo-caseworker-2026' },
  { username: 'analyst', displayName: 'Demo Evaluation', role: 'ANALYST', scope: 'project', password: 'demo-analyst-2026' },
  { username: 'auditor', displayName: 'Demo Prüferin', role: 'AUDITOR', scope: 'project', password: 'demo-auditor-2026' },
  { username: 'grantor', displayName: 'Demo Fachstelle (Bund)', role: 'GRANTOR', scope: 'program', password: 'demo-grantor-2026' },
] as const;
