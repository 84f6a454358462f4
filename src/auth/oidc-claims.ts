import type { RoleGrant } from './auth-user.js';
import { Role } from './role.enum.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ENTRY = new RegExp(`^([A-Z_]+)(?:@(project|program):(${UUID}))?$`, 'i');

/**
 * The role claim of an OpenID Connect token → grants. The claim is an array of strings (or one
 * space-separated string), each `ROLE@project:<projectId>`, `ROLE@program:<programId>` or plain
 * `ADMIN` (global). Anything else is ignored and reported in `rejected`, never guessed: a typo
 * must not grant more than intended.
 */
export function grantsFromRoleClaim(claim: unknown): { grants: RoleGrant[]; rejected: string[] } {
  const entries = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/\s+/).filter(Boolean) : [];
  const grants: RoleGrant[] = [];
  const rejected: string[] = [];
  for (const entry of entries) {
    const match = typeof entry === 'string' ? ENTRY.exec(entry.trim()) : null;
    const role = match?.[1].toUpperCase() as Role | undefined;
    if (!match || !role || !Object.values(Role).includes(role) || (!match[2] && role !== Role.ADMIN)) {
      rejected.push(String(entry).slice(0, 100));
      continue;
    }
    const scope = match[2]?.toLowerCase();
    const id = match[3]?.toLowerCase();
    grants.push({ role, ...(scope === 'project' ? { projectId: id } : {}), ...(scope === 'program' ? { programId: id } : {}) });
  }
  return { grants, rejected };
}
