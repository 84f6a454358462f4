import { grantsFromRoleClaim } from './oidc-claims.js';

const P = '3f2b8c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const G = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';

describe('grantsFromRoleClaim (OIDC role claim format)', () => {
  it('maps project, programme and global entries', () => {
    expect(grantsFromRoleClaim([`FINANCE@project:${P}`, `GRANTOR@program:${G}`, 'ADMIN']).grants).toEqual([
      { role: 'FINANCE', projectId: P },
      { role: 'GRANTOR', programId: G },
      { role: 'ADMIN' },
    ]);
  });

  it('accepts a space-separated string and any letter case', () => {
    expect(grantsFromRoleClaim(`case_worker@Project:${P.toUpperCase()} auditor@project:${P}`).grants).toEqual([
      { role: 'CASE_WORKER', projectId: P },
      { role: 'AUDITOR', projectId: P },
    ]);
  });

  it('rejects unknown roles, unscoped project roles, bad ids and non-strings without granting anything', () => {
    const result = grantsFromRoleClaim([
      'SUPERUSER',
      'FINANCE',
      `FINANCE@project:not-a-uuid`,
      `FINANCE@tenant:${P}`,
      42,
      `ADMIN@project:${P}x`,
    ]);
    expect(result.grants).toEqual([]);
    expect(result.rejected).toHaveLength(6);
  });

  it('treats a missing claim as no roles', () => {
    expect(grantsFromRoleClaim(undefined)).toEqual({ grants: [], rejected: [] });
  });
});
