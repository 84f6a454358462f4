import { Role } from '../auth/role.enum.js';
import { failureEvent, idsInArgs, successEvent } from './audit-event.factory.js';
import { AuditOutcome } from './audit-outcome.enum.js';
import { REDACTED, SENSITIVE_FIELDS } from './redaction.js';

const PROJECT = '3f2b8c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
const OTHER = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const user = {
  id: OTHER,
  username: 'cw',
  grants: [
    { role: Role.CASE_WORKER, projectId: PROJECT },
    { role: Role.ANALYST, projectId: PROJECT },
  ],
};

describe('audit events', () => {
  it('redacts sensitive fields in both sides of a diff and keeps the fact of the change', () => {
    SENSITIVE_FIELDS.add('dateOfBirth');
    const event = successEvent({ operation: 'updateParticipant', user, allowedRoles: [Role.CASE_WORKER] }, [
      {
        entity: 'Participant',
        id: OTHER,
        projectId: PROJECT,
        before: { dateOfBirth: '1980-01-02', status: 'ACTIVE' },
        after: { dateOfBirth: '1980-02-01', status: 'EXITED' },
      },
    ]);
    expect(event.changes).toEqual([
      {
        entity: 'Participant',
        id: OTHER,
        projectId: PROJECT,
        before: { dateOfBirth: REDACTED, status: 'ACTIVE' },
        after: { dateOfBirth: REDACTED, status: 'EXITED' },
      },
    ]);
    expect(JSON.stringify(event)).not.toContain('1980');
    expect(event).toMatchObject({
      outcome: AuditOutcome.SUCCESS,
      projectId: PROJECT,
      roles: [Role.CASE_WORKER],
      entities: ['Participant'],
      entityIds: [`Participant:${OTHER}`],
    });
  });

  it('falls back to the ids in the arguments when a mutation reported no change', () => {
    const event = successEvent({ operation: 'touch', user, args: { input: { projectId: PROJECT, note: 'x' } } }, []);
    expect(event).toMatchObject({ entityIds: [`projectId:${PROJECT}`], projectId: PROJECT, roles: [Role.CASE_WORKER, Role.ANALYST] });
  });

  it('keeps only well-formed ids from arguments, never other values', () => {
    expect(idsInArgs({ id: PROJECT, input: { userId: 'not-an-id', name: 'Secret Name', nested: { programId: OTHER } } })).toEqual([
      `id:${PROJECT}`,
      `programId:${OTHER}`,
    ]);
    const failure = failureEvent(
      { operation: 'createParticipant', user, args: { input: { lastName: 'Mustermann', projectId: PROJECT } } },
      AuditOutcome.FAILED,
      'BAD_USER_INPUT',
    );
    expect(JSON.stringify(failure)).not.toContain('Mustermann');
    expect(failure).toMatchObject({ changes: [], errorCode: 'BAD_USER_INPUT', projectId: PROJECT });
  });
});
