/** Execution logs: seeded entries plus one per run, kept sorted by (startedAt, id). */
import type { WorkflowDef } from './seed.js';
import { blockOutputs, echoResult, failMessage, spanInput, type Input } from './workflows.js';

export type LogStatus = 'completed' | 'failed' | 'cancelled';

export interface LogRecord {
  id: string;
  workflowId: string;
  executionId: string;
  deploymentVersionId: string;
  level: 'info' | 'error';
  trigger: string;
  startedAtMs: number;
  durationMs: number;
  cost: number;
  status: LogStatus;
  /** Seeded entries derive input/output from their index (keeps 100k entries cheap). */
  seedIndex?: number;
  input?: Input;
  finalOutput?: unknown;
  error?: string | null;
  /** How the run was started (sync, async, stream), for the fields that depend on it. */
  mode?: string;
  /** Written by preprocessing (e.g. a 429 after the id was claimed): no block ran. */
  rejected?: boolean;
  /** The request id of the execute that started the run (the correlation of its log detail: recordings/sim-server-facts.md §M14). */
  requestId?: string;
}

/** `executionData.correlation` of a log detail (recordings/sim-server-facts.md §M14; the shape of a job's `metadata.correlation`, recordings/sim-server-facts.md §5.3). */
export function logCorrelation(rec: LogRecord): Record<string, unknown> {
  const requestId = rec.requestId ?? rec.id.replace(/-/g, '').slice(-8);
  return {
    source: 'workflow',
    requestId,
    workflowId: rec.workflowId,
    executionId: rec.executionId,
    triggerType: rec.trigger,
  };
}

export const RUN_COST = 0.005;
const TRIGGERS = ['api', 'api', 'webhook', 'schedule', 'manual', 'chat'];
/** Seeded logs end here and go back one minute per entry. */
const SEED_END = Date.parse('2026-11-27T12:00:00.000Z');

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
export const seededUuid = (kind: number, i: number): string => `00000000-0000-4000-8${hex(kind, 3)}-${hex(i, 12)}`;

export interface LogQuery {
  workflowIds: Set<string> | null;
  level: string | null;
  triggers: Set<string> | null;
  startMs: number | null;
  endMs: number | null;
  executionId: string | null;
  minDurationMs: number | null;
  maxDurationMs: number | null;
  minCost: number | null;
  maxCost: number | null;
  model: string | null;
  limit: number;
  order: 'asc' | 'desc';
  cursor: { startedAtMs: number; id: string } | null;
}

export interface CursorPayload {
  startedAt: string;
  id: string;
  order: string;
}

export function encodeLogCursor(rec: LogRecord, order: string): string {
  const payload: CursorPayload = { startedAt: new Date(rec.startedAtMs).toISOString(), id: rec.id, order };
  return Buffer.from(JSON.stringify(payload)).toString('base64');
}

export function decodeLogCursor(cursor: string): { startedAtMs: number; id: string; order: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Partial<CursorPayload>;
    const ms = Date.parse(String(parsed.startedAt));
    if (typeof parsed.id !== 'string' || !Number.isFinite(ms)) return null;
    return { startedAtMs: ms, id: parsed.id, order: String(parsed.order ?? 'desc') };
  } catch {
    return null;
  }
}

const cmp = (aMs: number, aId: string, bMs: number, bId: string): number =>
  aMs !== bMs ? aMs - bMs : aId < bId ? -1 : aId > bId ? 1 : 0;

export class LogStore {
  private entries: LogRecord[] = [];
  /** Seeded entries by seed index (their ids encode the index, so no map is needed for them). */
  private seeded: LogRecord[] = [];
  private byId = new Map<string, LogRecord>();
  private byExecution = new Map<string, LogRecord>();

  constructor(workflows: WorkflowDef[], count: number) {
    const candidates = workflows.filter((w) => w.isDeployed);
    this.seeded = new Array<LogRecord>(count);
    for (let i = count - 1; i >= 0; i--) {
      const wf = candidates[i % candidates.length]!;
      const failed = wf.behaviour === 'fail' || i % 13 === 7;
      const rec: LogRecord = {
        id: seededUuid(1, i),
        workflowId: wf.id,
        executionId: seededUuid(2, i),
        deploymentVersionId: `dv-${wf.id}`,
        level: failed ? 'error' : 'info',
        trigger: TRIGGERS[i % TRIGGERS.length]!,
        startedAtMs: SEED_END - i * 60_000,
        durationMs: 40 + ((i * 37) % 900),
        cost: RUN_COST,
        status: failed ? 'failed' : 'completed',
        seedIndex: i,
      };
      this.entries.push(rec);
      this.seeded[i] = rec;
    }
  }

  private seededByUuid(id: string, kind: number): LogRecord | undefined {
    const prefix = `00000000-0000-4000-8${hex(kind, 3)}-`;
    if (!id.startsWith(prefix) || id.length !== prefix.length + 12) return undefined;
    const i = parseInt(id.slice(prefix.length), 16);
    return Number.isInteger(i) ? this.seeded[i] : undefined;
  }

  get size(): number {
    return this.entries.length;
  }

  add(rec: LogRecord): void {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.entries[mid]!;
      if (cmp(m.startedAtMs, m.id, rec.startedAtMs, rec.id) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, rec);
    this.byId.set(rec.id, rec);
    this.byExecution.set(rec.executionId, rec);
  }

  get(id: string): LogRecord | undefined {
    return this.byId.get(id) ?? this.seededByUuid(id, 1);
  }

  getByExecution(executionId: string): LogRecord | undefined {
    return this.byExecution.get(executionId) ?? this.seededByUuid(executionId, 2);
  }

  /** Runs since the emulator started (seeded entries excluded). */
  runCost(workflowIds: Set<string>): number {
    let total = 0;
    for (const rec of this.byExecution.values())
      if (rec.seedIndex === undefined && workflowIds.has(rec.workflowId)) total += rec.cost;
    return Math.round(total * 1000) / 1000;
  }

  query(q: LogQuery): { items: LogRecord[]; hasMore: boolean } {
    const n = this.entries.length;
    const items: LogRecord[] = [];
    const desc = q.order === 'desc';
    // first index to look at, after the cursor
    let i: number;
    if (q.cursor) {
      const c = q.cursor;
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const m = this.entries[mid]!;
        if (cmp(m.startedAtMs, m.id, c.startedAtMs, c.id) < 0) lo = mid + 1;
        else hi = mid;
      }
      // lo = first index >= cursor
      if (desc) i = lo - 1;
      else {
        i = lo;
        const at = this.entries[i];
        if (at && at.startedAtMs === c.startedAtMs && at.id === c.id) i++;
      }
    } else i = desc ? n - 1 : 0;
    const step = desc ? -1 : 1;
    for (; i >= 0 && i < n; i += step) {
      const rec = this.entries[i]!;
      if (desc && q.startMs !== null && rec.startedAtMs < q.startMs) break;
      if (!desc && q.endMs !== null && rec.startedAtMs > q.endMs) break;
      if (!matches(rec, q)) continue;
      if (items.length === q.limit) return { items, hasMore: true };
      items.push(rec);
    }
    return { items, hasMore: false };
  }
}

function matches(rec: LogRecord, q: LogQuery): boolean {
  if (q.workflowIds && !q.workflowIds.has(rec.workflowId)) return false;
  if (q.level && q.level !== 'all' && rec.level !== q.level) return false;
  if (q.triggers && !q.triggers.has(rec.trigger)) return false;
  if (q.startMs !== null && rec.startedAtMs < q.startMs) return false;
  if (q.endMs !== null && rec.startedAtMs > q.endMs) return false;
  if (q.executionId && rec.executionId !== q.executionId) return false;
  if (q.minDurationMs !== null && rec.durationMs < q.minDurationMs) return false;
  if (q.maxDurationMs !== null && rec.durationMs > q.maxDurationMs) return false;
  if (q.minCost !== null && rec.cost < q.minCost) return false;
  if (q.maxCost !== null && rec.cost > q.maxCost) return false;
  if (q.model) return false; // no run of the emulator uses a model
  return true;
}

export function logInput(rec: LogRecord): Input {
  if (rec.input) return rec.input;
  const i = rec.seedIndex ?? 0;
  return { name: `user-${i}`, count: i % 10 };
}

export function logFinalOutput(rec: LogRecord): unknown {
  if (rec.seedIndex === undefined) return rec.finalOutput ?? null;
  const input = logInput(rec);
  return rec.status === 'failed' ? { error: failMessage(input) } : { result: echoResult(input), stdout: 'echo called' };
}

export function logError(rec: LogRecord): string | null {
  if (rec.seedIndex === undefined) return rec.error ?? null;
  return rec.status === 'failed' ? failMessage(logInput(rec)) : null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** `current`: the current server's spans (child `startTime`/`endTime`: recordings/sim-server-facts.md §D; block parameters as inputs: §M13). */
export function traceSpans(rec: LogRecord, wf: WorkflowDef | undefined, current = true): unknown[] {
  if (rec.rejected) {
    // Sim's completeWithError without spans: one error root, no blocks
    return [
      {
        id: 'workflow-error-root',
        name: 'Workflow Error',
        type: 'workflow',
        duration: rec.durationMs,
        startTime: iso(rec.startedAtMs),
        endTime: iso(rec.startedAtMs + rec.durationMs),
        status: 'error',
        children: [],
        output: { error: rec.error ?? '' },
      },
    ];
  }
  const input = logInput(rec);
  const final = logFinalOutput(rec);
  const outputs =
    wf && final && typeof final === 'object' ? blockOutputs(wf, input, final as Record<string, unknown>) : {};
  const blocks = wf?.blocks ?? [];
  const per = blocks.length > 0 ? rec.durationMs / blocks.length : 0;
  const ok = rec.status !== 'failed';
  return [
    {
      id: 'workflow-execution',
      name: 'Workflow Execution',
      type: 'workflow',
      duration: rec.durationMs,
      startTime: iso(rec.startedAtMs),
      endTime: iso(rec.startedAtMs + rec.durationMs),
      status: ok ? 'success' : 'error',
      children: blocks.map((b, k) => {
        const last = k === blocks.length - 1;
        const start = rec.startedAtMs + Math.round(per * k);
        return {
          id: `${b.id}-${start}`,
          name: b.name,
          type: b.type,
          duration: Math.round(per * 100) / 100,
          ...(current ? { startTime: iso(start), endTime: iso(start + Math.round(per)) } : {}),
          status: ok || !last ? 'success' : 'error',
          blockId: b.id,
          executionOrder: k + 1,
          // current: the block's parameters (recordings/sim-server-facts.md §M13); March: no recording, kept as before (the run input on Start)
          input: current ? (wf ? spanInput(wf, b, input) : {}) : k === 0 ? input : {},
          output: outputs[b.id] ?? {},
          relativeStartMs: Math.round(per * k),
          children: [],
        };
      }),
    },
  ];
}

/**
 * `billingAttribution` of a user in no organization (recordings/sim-server-facts.md §D: v1 log detail; recordings/sim-server-facts.md §M15: a paused run's
 * metadata, `organizationId: null`): the user pays, for the calendar month.
 */
export function billingAttribution(userId: string, workspaceId: string, atMs: number): Record<string, unknown> {
  const d = new Date(atMs);
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  return {
    actorUserId: userId,
    workspaceId,
    billingEntity: { id: userId, type: 'user' },
    billingPeriod: { start: start.toISOString(), end: end.toISOString(), source: 'calendar_month' },
    organizationId: null,
    payerSubscription: null,
    billedAccountUserId: userId,
  };
}
