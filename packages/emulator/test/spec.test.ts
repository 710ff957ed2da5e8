/**
 * Every emulator JSON answer, on every route and documented status, validated against the spec's schemas (with the
 * overlays listed in spec-validator.ts), on both profiles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED, type Emulator } from '../src/index.js';
import { call, jobUntilSettled, startVirtual, type CallOptions } from './helpers.js';
import { OVERLAYS, SpecValidator } from './spec-validator.js';

const spec = new SpecValidator();
const ws = SEED.workspaceId;
const W = SEED.workflows;

interface Probe {
  method: 'GET' | 'POST';
  path: string;
  opts?: CallOptions;
  status: number;
}

const probes = (jobId: string, logId: string, executionId: string): Probe[] => [
  { method: 'POST', path: `/api/workflows/${W.echo}/execute`, opts: { body: { name: 'Ada', count: 2 } }, status: 200 },
  {
    method: 'POST',
    path: `/api/workflows/${W.typed}/execute`,
    opts: { body: { text: 't', amount: 1, flag: true, meta: { a: 1 }, tags: ['x'] } },
    status: 200,
  },
  {
    method: 'POST',
    path: `/api/workflows/${W.echo}/execute`,
    opts: { body: { input: { name: 'Sel' }, selectedOutputs: ['function.result'] } },
    status: 200,
  },
  { method: 'POST', path: `/api/workflows/${W.echoResponse}/execute`, opts: { body: { name: 'Ada' } }, status: 200 },
  { method: 'POST', path: `/api/workflows/${W.fail}/execute`, opts: { body: { name: 'Eve' } }, status: 500 },
  {
    method: 'POST',
    path: `/api/workflows/${W.echo}/execute`,
    opts: { body: { name: 'A' }, headers: { 'x-execution-mode': 'async' } },
    status: 202,
  },
  { method: 'POST', path: `/api/workflows/${W.echo}/execute`, opts: { key: 'none', body: {} }, status: 401 },
  { method: 'POST', path: `/api/workflows/nope/execute`, opts: { body: {} }, status: 404 },
  { method: 'POST', path: `/api/workflows/${W.undeployed}/execute`, opts: { body: {} }, status: 403 },
  { method: 'POST', path: `/api/workflows/${W.echo}/executions/${executionId}/cancel`, status: 200 },
  {
    method: 'POST',
    path: `/api/workflows/${W.echo}/executions/${executionId}/cancel`,
    opts: { key: 'wrong' },
    status: 401,
  },
  { method: 'GET', path: `/api/jobs/${encodeURIComponent(jobId)}`, status: 200 },
  { method: 'GET', path: `/api/jobs/${jobId}`, status: 200 },
  { method: 'GET', path: `/api/jobs/nope`, status: 404 },
  { method: 'GET', path: `/api/jobs/nope`, opts: { key: 'none' }, status: 401 },
  { method: 'GET', path: `/api/v1/workflows?workspaceId=${ws}`, status: 200 },
  { method: 'GET', path: `/api/v1/workflows?workspaceId=${ws}&limit=2&folderId=${SEED.folderId}`, status: 200 },
  { method: 'GET', path: `/api/v1/workflows?workspaceId=${ws}&deployedOnly=true`, status: 200 },
  { method: 'GET', path: `/api/v1/workflows`, status: 400 },
  { method: 'GET', path: `/api/v1/workflows?workspaceId=${ws}`, opts: { key: 'none' }, status: 401 },
  { method: 'GET', path: `/api/v1/workflows/${W.typed}`, status: 200 },
  { method: 'GET', path: `/api/v1/workflows/${W.undeployed}`, status: 200 },
  { method: 'GET', path: `/api/v1/workflows/nope`, status: 404 },
  { method: 'GET', path: `/api/v1/logs?workspaceId=${ws}`, status: 200 },
  {
    method: 'GET',
    path: `/api/v1/logs?workspaceId=${ws}&limit=3&order=asc&details=full&includeFinalOutput=true&includeTraceSpans=true`,
    status: 200,
  },
  {
    method: 'GET',
    path: `/api/v1/logs?workspaceId=${ws}&level=error&limit=5&details=full&includeFinalOutput=true`,
    status: 200,
  },
  { method: 'GET', path: `/api/v1/logs`, status: 400 },
  { method: 'GET', path: `/api/v1/logs?workspaceId=${ws}`, opts: { key: 'wrong' }, status: 401 },
  { method: 'GET', path: `/api/v1/logs/${logId}`, status: 200 },
  { method: 'GET', path: `/api/v1/logs/nope`, status: 404 },
  { method: 'GET', path: `/api/v1/logs/executions/${executionId}`, status: 200 },
  { method: 'GET', path: `/api/v1/logs/executions/nope`, status: 404 },
  { method: 'GET', path: `/api/v1/audit-logs`, opts: { key: 'enterprise' }, status: 200 },
  {
    method: 'GET',
    path: `/api/v1/audit-logs?limit=5&includeDeparted=true&workspaceId=${ws}`,
    opts: { key: 'enterprise' },
    status: 200,
  },
  { method: 'GET', path: `/api/v1/audit-logs`, status: 403 },
  { method: 'GET', path: `/api/v1/audit-logs`, opts: { key: 'none' }, status: 401 },
  { method: 'GET', path: `/api/v1/audit-logs/audit-0001`, opts: { key: 'enterprise' }, status: 200 },
  { method: 'GET', path: `/api/v1/audit-logs/audit-0001`, status: 403 },
  { method: 'GET', path: `/api/v1/audit-logs/nope`, opts: { key: 'enterprise' }, status: 404 },
  { method: 'GET', path: `/api/users/me/usage-limits`, status: 200 },
  { method: 'GET', path: `/api/users/me/usage-limits`, opts: { key: 'none' }, status: 401 },
];

describe('the overlays are explicit and justified', () => {
  it('each overlay names its target and the recording behind it', () => {
    expect(OVERLAYS.length).toBeGreaterThan(0);
    for (const o of OVERLAYS) {
      expect(o.target.length).toBeGreaterThan(5);
      expect(o.why).toMatch(/^(recorded .*)?recordings\/sim-server-facts\.md §/);
    }
  });

  it('without the overlays, the recorded shapes are rejected (the validator is not switched off)', () => {
    const strict = new SpecValidator([]);
    const recordedDetail = { data: { id: 'w', inputs: [{ name: 'name', type: 'string' }] } };
    expect(strict.check('GET', '/api/v1/workflows/w', 200, recordedDetail).error).toMatch(/inputs/);
    expect(spec.check('GET', '/api/v1/workflows/w', 200, recordedDetail).error).toBeNull();
    const cancelled = { success: true, taskId: 't', status: 'cancelled', output: null, error: 'Cancelled' };
    expect(strict.check('GET', '/api/jobs/t', 200, cancelled).error).toMatch(/status|output/);
    expect(spec.check('GET', '/api/jobs/t', 200, cancelled).error).toBeNull();
    // and real violations are still caught with the overlays on
    expect(spec.check('GET', '/api/jobs/t', 200, { status: 'exploded' }).error).toMatch(/status/);
    expect(spec.check('GET', '/api/v1/logs', 200, { data: [{ totalDurationMs: 'slow' }] }).error).toMatch(
      /totalDurationMs/,
    );
  });
});

for (const profile of ['current', '2026-03'] as const) {
  describe(`every response validates against the spec (profile ${profile})`, () => {
    let emu: Emulator;
    let list: Probe[] = [];
    beforeAll(async () => {
      emu = await startVirtual({ profile, jobDurationMs: 30 });
      const receipt = await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
        body: { name: 'A' },
        headers: { 'x-execution-mode': 'async' },
      });
      const { jobId, executionId } = receipt.json as { jobId: string; executionId: string };
      await jobUntilSettled(emu.url, jobId);
      const logs = await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&executionId=${executionId}`);
      const logId = (logs.json as { data: { id: string }[] }).data[0]!.id;
      list = probes(jobId, logId, executionId);
    });
    afterAll(() => emu.close());

    it('answers each probe with the expected status and a body that matches the spec', async () => {
      expect(list.length).toBeGreaterThan(30);
      for (const p of list) {
        const r = await call(emu.url, p.method, p.path, p.opts);
        expect(r.status, `${p.method} ${p.path}: ${r.text.slice(0, 200)}`).toBe(p.status);
        expect(r.json, `${p.method} ${p.path} answers JSON`).toBeDefined();
        const res = spec.check(p.method, p.path, r.status, r.json);
        expect(res.documented, `${p.method} ${p.path} ${r.status} is documented in the spec (or an overlay)`).toBe(
          true,
        );
        expect(res.error).toBeNull();
      }
    });

    it('every page of the logs and workflows validates', async () => {
      for (const base of [`/api/v1/logs?workspaceId=${ws}&limit=40`, `/api/v1/workflows?workspaceId=${ws}&limit=4`]) {
        let cursor: string | undefined;
        let pages = 0;
        do {
          const path = base + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
          const r = await call(emu.url, 'GET', path);
          expect(spec.check('GET', path, r.status, r.json).error).toBeNull();
          cursor = (r.json as { nextCursor?: string }).nextCursor;
          pages++;
        } while (cursor && pages < 50);
        expect(pages).toBeGreaterThan(1);
      }
    });
  });
}
