/** Seeded audit log entries (enterprise keys only). */
import { SEED } from './seed.js';

export interface AuditEntry {
  id: string;
  workspaceId: string | null;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  resourceName: string | null;
  /** Human-readable line, e.g. `Created API key "real-ws"` (recordings/sim-server-facts.md §D). */
  description: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
  /** The actor has left the organisation (hidden unless includeDeparted=true). */
  departed: boolean;
}

const ACTIONS = [
  'workflow.created',
  'workflow.deployed',
  'workflow.updated',
  'member.invited',
  'api_key.created',
  'workflow.deleted',
];
const ACTORS = [
  { id: 'user-emulator-admin', name: 'Ada Admin', email: 'ada@example.com', departed: false },
  { id: 'user-emulator', name: 'Bob Builder', email: 'bob@example.com', departed: false },
  { id: 'user-departed', name: 'Dee Parted', email: 'dee@example.com', departed: true },
];
const END = Date.parse('2026-11-20T10:00:00.000Z');

/** 40 entries, newest first, 3 hours apart. */
export function seedAuditLogs(): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < 40; i++) {
    const action = ACTIONS[i % ACTIONS.length]!;
    const actor = ACTORS[i % ACTORS.length]!;
    const resourceType = action.split('.')[0]!;
    const wfIndex = (i % 8) + 1;
    out.push({
      id: `audit-${String(i + 1).padStart(4, '0')}`,
      workspaceId: i % 5 === 4 ? SEED.otherWorkspaceId : SEED.workspaceId,
      actorId: actor.id,
      actorName: actor.name,
      actorEmail: actor.email,
      action,
      resourceType,
      resourceId:
        resourceType === 'workflow' ? `wf-filler-${wfIndex}` : resourceType === 'member' ? `member-${i}` : `key-${i}`,
      resourceName: resourceType === 'workflow' ? `filler ${wfIndex}` : null,
      description: describeAudit(
        action,
        resourceType === 'workflow'
          ? `filler ${wfIndex}`
          : resourceType === 'member'
            ? `member-${i}@example.com`
            : `key-${i}`,
      ),
      metadata: resourceType === 'workflow' ? { source: 'emulator-seed' } : null,
      createdAt: new Date(END - i * 3 * 3_600_000).toISOString(),
      departed: actor.departed,
    });
  }
  return out;
}

/** The v1 shape of an entry; `description` only where recorded (the current server; recordings/sim-server-facts.md §D). */
export function publicAudit(e: AuditEntry, withDescription = true): Partial<Omit<AuditEntry, 'departed'>> {
  const { departed: _departed, description, ...rest } = e;
  return withDescription ? { ...rest, description } : rest;
}

function describeAudit(action: string, name: string): string {
  switch (action) {
    case 'workflow.created':
      return `Created workflow "${name}"`;
    case 'workflow.deployed':
      return `Deployed workflow "${name}"`;
    case 'workflow.updated':
      return `Updated workflow "${name}"`;
    case 'workflow.deleted':
      return `Deleted workflow "${name}"`;
    case 'member.invited':
      return `Invited ${name} to the organization`;
    case 'api_key.created':
      return `Created API key "${name}"`;
    default:
      return action;
  }
}
