/** Everything the emulator knows: seed data, executions, logs, limits, faults, journal. */
import { API_KEYS, seedWorkflows, type ApiKeyDef, type WorkflowDef } from './seed.js';
import { getProfile, type Profile, type ProfileName } from './profiles.js';
import { Executions, type Execution } from './jobs.js';
import { LogStore, RUN_COST, type LogRecord } from './logs.js';
import { Faults, type Fault } from './faults.js';
import { Journal } from './journal.js';
import { RateLimiter, REFILL_INTERVAL_MS, type BucketSpec, type BucketState, type ConsumeResult } from './ratelimit.js';
import { seedAuditLogs, type AuditEntry } from './audit.js';
import type { Outcome } from './workflows.js';
import { randomUUID } from 'node:crypto';
import { PAUSING_BEHAVIOURS } from './seed.js';
import type { ResumeJob } from './jobs.js';
import { systemClock, type Clock } from './clock.js';

/** Sim's three buckets per user: `sync` (v1 executes of every mode, v2 sync and stream), `async` (v2 async executes), `api` (`/api/v1/*`). */
export type BucketKind = 'sync' | 'async' | 'api';

export interface RateLimitOptions {
  /** Burst size of the sync bucket: v1 executes of every mode (v1 async too, as recorded) and v2 sync and stream executes. */
  execute?: number;
  /** Burst size of the async bucket: v2 async executes (recordings/sim-server-facts.md §M4). */
  async?: number;
  /** Burst size of the `/api/v1/*` bucket. */
  api?: number;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  profile?: ProfileName;
  /** Base of `statusUrl` in async receipts; defaults to the emulator's own URL. */
  publicBaseUrl?: string;
  /** How long an async job stays `processing` (workflows without their own delay). Default 250. */
  jobDurationMs?: number;
  /** How long an async job reads `queued` before it starts (the real inline runner starts at once). Default 0. */
  jobQueuedMs?: number;
  /** Default delay of `wf-slow`. Default 25000. */
  slowWorkflowMs?: number;
  /** Seeded log entries. Default 300. */
  logCount?: number;
  /** Token-bucket burst sizes; unlimited when omitted. */
  rateLimits?: RateLimitOptions;
  /** Whether the server has Redis (changes cancel answers). Default true. */
  redis?: boolean;
  /** Answer like the prod (Bun) build: capitalised header names and `application/json;charset=utf-8` everywhere. */
  bunHeaders?: boolean;
  /** Faults armed from the start (same as calling `injectFault` for each). */
  faults?: Fault[];
  /** Sync runs longer than this answer 408 (the real server's limit depends on the plan). Default: no limit. */
  syncTimeoutMs?: number;
  /** Serve the v2 API (`/api/v2/...`, a server with `V2_API=true`; recordings/sim-server-facts.md §E). Default false: every /api/v2 path is 404. */
  v2?: boolean;
  /** Where the emulator reads the time and sets its timers. Default: the system clock. Tests pass a `VirtualClock`. */
  clock?: Clock;
  /**
   * How long the execution resource of a finished sync run (v1 and v2, not streams) keeps reading `running`, with
   * `endedAt`, `totalDurationMs` and `cost` null and `blockOutputs` empty, after the answer was sent: Sim writes the
   * run's record after it answers (recordings/sim-server-facts.md §D1: 0.1–0.7 s seen). Default 400 on `current` (0 on `2026-03`, which
   * has no execution resource); 0 turns it off.
   */
  syncRecordLagMs?: number;
  /**
   * How long an execute takes from its arrival to its token leaving the rate limiter's bucket (Sim authenticates the
   * key and loads the workflow first): meanwhile usage-limits still counts the token. Recorded on a real Sim dev
   * server: 0.1–0.3 s after the execute was sent, once about 1 s (recordings/sim-server-facts.md
   * §rate-limit-lag). A read of usage-limits takes as long before it counts (the real one answered in
   * 0.1–0.15 s, and a read sent up to ~0.25 s after an execute still showed its token: the real count lags a little
   * more than this model's). Default 0.
   */
  rateLimitLagMs?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  profile: Profile;
  publicBaseUrl: string | undefined;
  jobDurationMs: number;
  jobQueuedMs: number;
  slowWorkflowMs: number;
  logCount: number;
  rateLimits: RateLimitOptions | null;
  redis: boolean;
  bunHeaders: boolean;
  syncTimeoutMs: number | null;
  v2: boolean;
  clock: Clock;
  syncRecordLagMs: number;
  rateLimitLagMs: number;
}

export function resolveOptions(o: EmulatorOptions = {}): ResolvedOptions {
  const nonNeg = (v: number | undefined, name: string, d: number): number => {
    if (v === undefined) return d;
    if (!Number.isFinite(v) || v < 0)
      throw new Error(`Emulator option "${name}" must be a number >= 0 (got ${String(v)}).`);
    return v;
  };
  const profile = getProfile(o.profile);
  return {
    port: nonNeg(o.port, 'port', 0),
    host: o.host ?? '127.0.0.1',
    profile,
    publicBaseUrl: o.publicBaseUrl?.replace(/\/+$/, ''),
    jobDurationMs: nonNeg(o.jobDurationMs, 'jobDurationMs', 250),
    jobQueuedMs: nonNeg(o.jobQueuedMs, 'jobQueuedMs', 0),
    slowWorkflowMs: nonNeg(o.slowWorkflowMs, 'slowWorkflowMs', 25000),
    logCount: Math.floor(nonNeg(o.logCount, 'logCount', 300)),
    rateLimits: o.rateLimits ?? null,
    redis: o.redis ?? true,
    bunHeaders: o.bunHeaders ?? false,
    syncTimeoutMs: o.syncTimeoutMs === undefined ? null : nonNeg(o.syncTimeoutMs, 'syncTimeoutMs', 0),
    v2: o.v2 ?? false,
    clock: o.clock ?? systemClock,
    syncRecordLagMs: nonNeg(o.syncRecordLagMs, 'syncRecordLagMs', profile.syncRecordLagMs),
    rateLimitLagMs: nonNeg(o.rateLimitLagMs, 'rateLimitLagMs', 0),
  };
}

interface WorkflowStats {
  runCount: number;
  lastRunAtMs: number | null;
}

/** Error of a run stopped by its deadline (not recorded; modelled on the real server's wording). */
export function timeoutMessage(ms: number): string {
  const seconds = Math.round(ms / 100) / 10;
  return `Workflow execution timed out after ${seconds} seconds`;
}

export class EmulatorState {
  workflows: WorkflowDef[] = [];
  stats = new Map<string, WorkflowStats>();
  executions = new Executions();
  logs!: LogStore;
  audit: AuditEntry[] = [];
  /** Execution ids the server has claimed (every execute claims one before it rate-limits; recordings/sim-server-facts.md §A). */
  claimedExecutionIds = new Set<string>();
  readonly faults = new Faults();
  readonly journal = new Journal();
  readonly limiter: RateLimiter;
  /** Resume jobs (`run_…`) of async-origin paused runs (pause.ts). */
  resumeJobs = new Map<string, ResumeJob>();
  baseUrl = '';
  private running = new Set<Promise<unknown>>();

  constructor(readonly opts: ResolvedOptions) {
    this.limiter = new RateLimiter(() => this.clock.now());
    this.reset();
  }

  /** The emulator's only source of time and timers. */
  get clock(): Clock {
    return this.opts.clock;
  }

  /** The current time on the emulator's clock, in epoch ms. */
  now(): number {
    return this.opts.clock.now();
  }

  get profile(): Profile {
    return this.opts.profile;
  }

  get publicBaseUrl(): string {
    return this.opts.publicBaseUrl ?? this.baseUrl;
  }

  /** Back to the seed: no runs, no faults, empty journal, full buckets. */
  reset(): void {
    this.executions.clear();
    this.claimedExecutionIds.clear();
    this.workflows = seedWorkflows();
    this.resumeJobs.clear();
    // the workflows that pause get no seeded logs, so the older seed (and every test built on it) stays as it was
    this.logs = new LogStore(
      this.workflows.filter((w) => !PAUSING_BEHAVIOURS.has(w.behaviour)),
      this.opts.logCount,
    );
    this.audit = seedAuditLogs();
    this.faults.clear();
    this.journal.clear();
    this.limiter.clear();
    this.stats.clear();
    const deployed = this.workflows.filter((w) => w.isDeployed && !PAUSING_BEHAVIOURS.has(w.behaviour));
    for (const w of this.workflows) this.stats.set(w.id, { runCount: 0, lastRunAtMs: null });
    // seeded logs i = 0 (newest) … count-1 go round-robin over the deployed workflows
    const end = Date.parse('2026-11-27T12:00:00.000Z');
    for (let k = 0; k < deployed.length && k < this.opts.logCount; k++) {
      const s = this.stats.get(deployed[k]!.id)!;
      s.runCount = Math.floor((this.opts.logCount - 1 - k) / deployed.length) + 1;
      s.lastRunAtMs = end - k * 60_000;
    }
  }

  workflow(id: string): WorkflowDef | undefined {
    return this.workflows.find((w) => w.id === id);
  }

  keyOf(raw: string | undefined): ApiKeyDef | 'missing' | 'invalid' {
    if (!raw) return 'missing';
    return API_KEYS.find((k) => k.key === raw) ?? 'invalid';
  }

  // ---- rate limits ----
  /** The bucket's size, and whether it is kept (the `rateLimits` option's buckets always; the profile's defaults if it says so). */
  private bucketSpec(kind: BucketKind): { spec: BucketSpec; kept: boolean } {
    const rl = this.opts.rateLimits;
    const burst = kind === 'sync' ? rl?.execute : kind === 'async' ? rl?.async : rl?.api;
    if (burst !== undefined) return { spec: RateLimiter.spec(burst), kept: true };
    return { spec: this.profile.defaultLimits[kind], kept: this.profile.defaultLimitsKept };
  }

  /** Takes a token from the user's bucket of this kind (one bucket per user and kind, as Sim keys them). */
  consume(key: ApiKeyDef, kind: BucketKind): ConsumeResult {
    const { spec, kept } = this.bucketSpec(kind);
    if (!kept) return { allowed: true, remaining: spec.maxBurst - 1, resetAtMs: this.now() + REFILL_INTERVAL_MS };
    return this.limiter.consume(`${key.userId}:${kind}`, spec);
  }

  /** The bucket as usage-limits and v1 `limits` report it (nothing taken). */
  bucket(key: ApiKeyDef, kind: BucketKind): BucketState {
    const { spec, kept } = this.bucketSpec(kind);
    if (!kept)
      return { ...spec, remaining: spec.maxBurst, resetAt: new Date(this.now() + REFILL_INTERVAL_MS).toISOString() };
    return this.limiter.status(`${key.userId}:${kind}`, spec);
  }

  limitsFor(key: ApiKeyDef): Record<string, unknown> {
    const ws = new Set(this.workflows.filter((w) => key.workspaces.includes(w.workspaceId)).map((w) => w.id));
    return {
      workflowExecutionRateLimit: { sync: this.bucket(key, 'sync'), async: this.bucket(key, 'async') },
      usage: { currentPeriodCost: this.logs.runCost(ws), limit: 99999, plan: key.plan, isExceeded: false },
    };
  }

  // ---- runs ----
  /** Keeps a run's promise until it settles, so that close() can wait for every run (runner.ts). */
  keepRunning(p: Promise<unknown>): void {
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /**
   * The log an execute leaves when preprocessing refuses it after the id was claimed (a 429: recordings/sim-server-facts.md §A; Sim's
   * `logPreprocessingError`): level error, status failed, ~1 ms, cost 0, no blocks run, and
   * `finalOutput: {error}` / `completionFailure` saying why.
   */
  logRejectedAttempt(workflow: WorkflowDef, executionId: string, trigger: string, error: string): void {
    const now = this.now();
    this.logs.add({
      id: randomUUID(),
      workflowId: workflow.id,
      executionId,
      deploymentVersionId: `dv-${workflow.id}`,
      level: 'error',
      trigger,
      startedAtMs: now - 1,
      durationMs: 1,
      cost: 0,
      status: 'failed',
      input: {},
      finalOutput: { error },
      error,
      rejected: true,
    });
  }

  /** Records the end of a run that did not pause (runner.ts; pause.ts when a paused run is resumed or cancelled). */
  finish(exec: Execution, outcome: Exclude<Outcome, { kind: 'paused' }>): void {
    exec.outcome = outcome;
    exec.endedAtMs = this.now();
    exec.status = outcome.kind === 'success' ? 'completed' : outcome.kind === 'failure' ? 'failed' : 'cancelled';
    // a run that was in flight when reset() was called leaves no trace in the fresh state
    if (this.executions.get(exec.executionId) !== exec) return;
    const rec: LogRecord = {
      id: randomUUID(),
      workflowId: exec.workflow.id,
      executionId: exec.executionId,
      deploymentVersionId: `dv-${exec.workflow.id}`,
      level: outcome.kind === 'failure' ? 'error' : 'info',
      trigger: exec.trigger,
      startedAtMs: exec.startedAtMs,
      durationMs: Math.max(0, exec.endedAtMs - exec.startedAtMs),
      cost: RUN_COST,
      status: exec.status as LogRecord['status'],
      input: exec.input,
      finalOutput:
        outcome.kind === 'success'
          ? outcome.response
            ? { data: outcome.response.data, status: outcome.response.status, headers: outcome.response.headers }
            : outcome.output
          : outcome.kind === 'failure'
            ? { error: outcome.error }
            : { cancelled: true },
      error: outcome.kind === 'failure' ? outcome.error : null,
      mode: exec.mode,
      requestId: exec.requestId,
    };
    this.logs.add(rec);
    if (outcome.kind !== 'cancelled') {
      const s = this.stats.get(exec.workflow.id);
      if (s) {
        s.runCount++;
        s.lastRunAtMs = exec.endedAtMs;
      }
    }
  }

  /** Stops every run (used by close()). */
  async shutdown(): Promise<void> {
    this.executions.abortAll();
    await Promise.allSettled([...this.running]);
  }
}
