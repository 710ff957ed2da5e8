/**
 * Replays every exchange recorded from the real Sim server (test/recordings.ts) against the emulator profile of the
 * same version, and validates each JSON answer against the spec (with the documented overlays).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SEED, type Emulator } from '../src/index.js';
import { RECORDINGS, type Exchange, type ProfileKey } from './recordings.js';
import {
  call,
  getPath,
  jobUntilSettled,
  parseSse,
  recordWritten,
  shapeDiff,
  startVirtual,
  until,
  WORKFLOW_IDS,
  type CallResult,
} from './helpers.js';
import { SpecValidator } from './spec-validator.js';

const spec = new SpecValidator();

interface SetupContext {
  jobId?: string;
  executionId?: string;
  logId?: string;
  background?: Promise<CallResult>;
}

function fill(template: string, ctx: SetupContext): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    if (name in WORKFLOW_IDS) return WORKFLOW_IDS[name]!;
    if (name === 'workspaceId') return SEED.workspaceId;
    if (name === 'jobId' && ctx.jobId) return ctx.jobId;
    if (name === 'jobIdEncoded' && ctx.jobId) return encodeURIComponent(ctx.jobId);
    if (name === 'executionId' && ctx.executionId) return ctx.executionId;
    if (name === 'logId' && ctx.logId) return ctx.logId;
    throw new Error(`No value for placeholder ${m}`);
  });
}

async function prepare(emu: Emulator, profile: ProfileKey, ex: Exchange): Promise<SetupContext> {
  const ctx: SetupContext = {};
  const s = ex.setup;
  if (!s) return ctx;
  if (s.kind === 'runs') {
    for (let i = 0; i < s.count; i++) {
      const r = await call(emu.url, 'POST', `/api/workflows/${SEED.workflows.echo}/execute`, {
        body: { name: `run-${i}`, count: i },
      });
      ctx.executionId = (r.json as { executionId: string }).executionId;
    }
    // the recordings read finished runs: wait until the last sync run's record is written (recordings/sim-server-facts.md §D1)
    if (profile === 'current') await recordWritten(emu.url, SEED.workflows.echo, ctx.executionId!);
    const logs = await call(
      emu.url,
      'GET',
      `/api/v1/logs?workspaceId=${SEED.workspaceId}&executionId=${ctx.executionId}`,
    );
    ctx.logId = (logs.json as { data: { id: string }[] }).data[0]!.id;
    return ctx;
  }
  if (s.kind === 'deploys') {
    for (let i = 0; i < s.count; i++) {
      const r = await call(emu.url, 'POST', `/api/v1/workflows/${SEED.workflows.echo}/deploy`, { body: {} });
      expect(r.status).toBe(200);
    }
    return ctx;
  }
  if (s.kind === 'burnt-id') {
    const first = await call(emu.url, 'POST', `/api/workflows/${SEED.workflows.echo}/execute`, {
      body: { name: 'first' },
    });
    expect(first.status).toBe(200);
    ctx.executionId = randomUUID();
    const limited = await call(emu.url, 'POST', `/api/workflows/${SEED.workflows.echo}/execute`, {
      body: { name: 'same-id' },
      headers: { 'x-execution-id': ctx.executionId },
    });
    expect(limited.status).toBe(429);
    return ctx;
  }
  const wf = WORKFLOW_IDS[s.workflow]!;
  const cancelPath = (): string => `/api/workflows/${wf}/executions/${ctx.executionId}/cancel`;
  if (s.kind === 'background' || s.kind === 'sync-cancelled') {
    expect(profile, 'background runs need X-Execution-Id, honoured by current only').toBe('current');
    ctx.executionId = randomUUID();
    const stream = s.kind === 'background' && s.mode === 'stream';
    ctx.background = call(emu.url, 'POST', `/api/workflows/${wf}/execute`, {
      body: { ...s.input, ...(stream ? { stream: true } : {}) },
      headers: { 'x-execution-id': ctx.executionId },
    });
    await until('the background run to start', async () => {
      const r = await call(emu.url, 'GET', `/api/workflows/${wf}/executions/${ctx.executionId}`);
      return r.status === 200 ? true : undefined;
    });
    if (s.kind === 'sync-cancelled') {
      await call(emu.url, 'POST', cancelPath());
      await ctx.background;
      await recordWritten(emu.url, wf, ctx.executionId);
    }
    return ctx;
  }
  const receipt = await call(emu.url, 'POST', `/api/workflows/${wf}/execute`, {
    body: s.input,
    headers: { 'x-execution-mode': 'async' },
  });
  expect(receipt.status).toBe(202);
  ctx.jobId = (receipt.json as { jobId: string }).jobId;
  ctx.executionId = (receipt.json as { executionId: string }).executionId;
  if (s.kind === 'async-finished') await jobUntilSettled(emu.url, ctx.jobId);
  if (s.kind === 'async-cancelled') {
    await call(emu.url, 'POST', cancelPath());
    await jobUntilSettled(emu.url, ctx.jobId);
  }
  if (s.kind === 'async-cancelled-once') await call(emu.url, 'POST', cancelPath());
  return ctx;
}

function compareBody(
  label: string,
  actual: unknown,
  ex: { body?: unknown; exact?: boolean; fields?: Record<string, unknown>; loose?: string[]; nullable?: string[] },
): void {
  if (ex.body !== undefined) {
    if (ex.exact) expect(actual, label).toEqual(ex.body);
    else
      expect(
        shapeDiff(actual, ex.body, new Set(ex.loose ?? []), '', new Set(ex.nullable ?? [])),
        `${label}: shape differs from the recording`,
      ).toEqual([]);
  }
  for (const [path, want] of Object.entries(ex.fields ?? {})) {
    const got = getPath(actual, path);
    if (want && typeof want === 'object' && 're' in want)
      expect(String(got), `${label}: ${path}`).toMatch(new RegExp(String((want as { re: string }).re)));
    else expect(got, `${label}: ${path}`).toEqual(want);
  }
}

function checkSpec(method: string, path: string, r: CallResult): void {
  if (r.json === undefined) return;
  const res = spec.check(method, path, r.status, r.json);
  expect(res.error, `spec validation of ${method} ${path} → ${r.status}`).toBeNull();
}

for (const profile of ['current', '2026-03'] as const) {
  describe(`recorded exchanges replayed against profile ${profile}`, () => {
    for (const ex of RECORDINGS[profile]) {
      it(`${ex.name} (recordings/sim-server-facts.md ${ex.cites})`, async () => {
        const emu = await startVirtual({ profile, jobDurationMs: 50, ...ex.options });
        try {
          const ctx = await prepare(emu, profile, ex);
          const path = fill(ex.request.path, ctx);
          const headers =
            ex.request.headers &&
            Object.fromEntries(Object.entries(ex.request.headers).map(([k, v]) => [k, fill(v, ctx)]));
          const opts = {
            key: ex.request.key,
            headers,
            body: ex.request.body === undefined ? undefined : fill(ex.request.body, ctx),
          };
          for (let i = 0; i < (ex.before ?? 0); i++) {
            const warm = await call(emu.url, ex.request.method, path, opts);
            expect(warm.status, `call ${i + 1} before the limit`).toBeLessThan(300);
          }
          const r = await call(emu.url, ex.request.method, path, opts);
          expect(r.status, r.text.slice(0, 300)).toBe(ex.status);
          for (const [name, want] of Object.entries(ex.headers ?? {})) {
            const got = r.headers.get(name);
            if (want === null) expect(got, `header ${name} must be absent`).toBeNull();
            else expect((got ?? '').toLowerCase(), `header ${name}`).toContain(want.toLowerCase());
          }
          if (ex.events) expect(parseSse(r.text)).toEqual(ex.events);
          else compareBody('body', r.json, ex);
          checkSpec(ex.request.method, path, r);
          if (ex.background) {
            const b = await ctx.background!;
            expect(b.status).toBe(ex.background.status);
            if (ex.background.events) expect(parseSse(b.text)).toEqual(ex.background.events);
            else compareBody('background run answer', b.json, ex.background);
          }
          if (ex.thenJob) {
            const job = await jobUntilSettled(emu.url, ctx.jobId!);
            compareBody('job after the exchange', job, { fields: ex.thenJob.fields });
            checkSpec('GET', `/api/jobs/${encodeURIComponent(ctx.jobId!)}`, { status: 200, json: job } as CallResult);
          }
        } finally {
          await emu.close();
        }
      });
    }
  });
}
