/** Behaviour of the emulator's API routes: pagination, auth, workspaces, audit, rate limits, runs, jobs, logs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import { call, jobUntilSettled, parseSse, recordWritten, startVirtual, type VirtualEmulator } from './helpers.js';

const ws = SEED.workspaceId;
const W = SEED.workflows;
type Page<T> = { data: T[]; nextCursor?: string; limits: unknown };

async function allPages<T>(
  url: string,
  path: string,
  key: 'valid' | 'enterprise' = 'valid',
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await call(url, 'GET', path + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''), { key });
    expect(r.status, r.text).toBe(200);
    const page = r.json as Page<T>;
    items.push(...page.data);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 500);
  return { items, pages };
}

describe('seed and workflows', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('exposes the fixed seed', () => {
    expect(emu.seed).toBe(SEED);
    expect(emu.profile).toBe('current');
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lists the workspace with limit=2 across several pages, each workflow once, in sidebar order', async () => {
    const { items, pages } = await allPages<{ id: string; workspaceId: string }>(
      emu.url,
      `/api/v1/workflows?workspaceId=${ws}&limit=2`,
    );
    expect(pages).toBeGreaterThanOrEqual(7);
    const ids = items.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 7)).toEqual(Object.values(W).slice(0, 7));
    expect(ids.slice(-2)).toEqual([W.hitl, W.waitlong]); // the workflows that pause come last
    expect(ids.length).toBeGreaterThanOrEqual(15);
    expect(items.every((w) => w.workspaceId === ws)).toBe(true);
  });

  it('filters by folder and by deployment', async () => {
    const inFolder = (await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${ws}&folderId=${SEED.folderId}`))
      .json as Page<{ folderId: string }>;
    expect(inFolder.data.length).toBeGreaterThanOrEqual(2);
    expect(inFolder.data.every((w) => w.folderId === SEED.folderId)).toBe(true);
    const deployed = (await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${ws}&deployedOnly=true&limit=100`))
      .json as Page<{ id: string; isDeployed: boolean }>;
    expect(deployed.data.every((w) => w.isDeployed)).toBe(true);
    expect(deployed.data.map((w) => w.id)).not.toContain(W.undeployed);
    const other = (await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${SEED.otherWorkspaceId}`)).json as Page<{
      workspaceId: string;
    }>;
    expect(other.data.length).toBeGreaterThan(0);
    expect(other.data.every((w) => w.workspaceId === SEED.otherWorkspaceId)).toBe(true);
  });

  it('requires workspaceId (400 with details) and refuses unknown workspaces', async () => {
    for (const path of ['/api/v1/workflows', '/api/v1/logs']) {
      const r = await call(emu.url, 'GET', path);
      expect(r.status).toBe(400);
      expect((r.json as { details: unknown[] }).details.length).toBe(1);
    }
    expect((await call(emu.url, 'GET', '/api/v1/workflows?workspaceId=ws-nope')).status).toBe(403);
  });

  it('rejects a bad cursor with 400', async () => {
    expect((await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${ws}&cursor=!!!`)).status).toBe(400);
    expect((await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&cursor=bm90LWpzb24`)).status).toBe(400);
  });

  it('describes the typed workflow inputs as an array of every type', async () => {
    const r = await call(emu.url, 'GET', `/api/v1/workflows/${W.typed}`);
    const inputs = (r.json as { data: { inputs: { name: string; type: string }[] } }).data.inputs;
    expect(inputs.map((i) => [i.name, i.type])).toEqual([
      ['text', 'string'],
      ['amount', 'number'],
      ['flag', 'boolean'],
      ['meta', 'object'],
      ['tags', 'array'],
      ['attachment', 'file'],
    ]);
  });

  it('answers every API route with 401 without a key and with a wrong key', async () => {
    const routes: [string, string][] = [
      ['POST', `/api/workflows/${W.echo}/execute`],
      ['POST', `/api/workflows/${W.echo}/executions/x/cancel`],
      ['GET', '/api/jobs/x'],
      ['GET', `/api/v1/workflows?workspaceId=${ws}`],
      ['GET', `/api/v1/workflows/${W.echo}`],
      ['GET', `/api/v1/logs?workspaceId=${ws}`],
      ['GET', '/api/v1/logs/x'],
      ['GET', '/api/v1/logs/executions/x'],
      ['GET', '/api/v1/audit-logs'],
      ['GET', '/api/v1/audit-logs/x'],
      ['GET', '/api/users/me/usage-limits'],
    ];
    for (const [method, path] of routes) {
      for (const key of ['none', 'wrong', 'bearer'] as const) {
        const r = await call(emu.url, method, path, { key, body: method === 'POST' ? {} : undefined });
        expect(r.status, `${method} ${path} key=${key}`).toBe(401);
        expect(typeof (r.json as { error: string }).error).toBe('string');
        expect(r.text).not.toContain(SEED.apiKey);
      }
    }
  });
});

describe('audit logs', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it('are 403 for the member key and readable with the enterprise key', async () => {
    const denied = await call(emu.url, 'GET', '/api/v1/audit-logs');
    expect(denied.status).toBe(403);
    // one of the four texts the real server sends (recordings/sim-server-facts.md §D)
    expect((denied.json as { error: string }).error).toBe('Not a member of any organization');
    const ok = await call(emu.url, 'GET', '/api/v1/audit-logs?limit=5', { key: 'enterprise' });
    expect(ok.status).toBe(200);
    expect((ok.json as Page<unknown>).data).toHaveLength(5);
    expect(ok.headers.get('x-ratelimit-limit')).toBeTruthy();
  });

  it('paginate, filter, hide departed actors unless asked, and have details', async () => {
    const all = await allPages<{ id: string; createdAt: string; actorId: string }>(
      emu.url,
      '/api/v1/audit-logs?limit=7&includeDeparted=true',
      'enterprise',
    );
    expect(all.items.length).toBe(40);
    expect(all.pages).toBe(6);
    const dates = all.items.map((e) => e.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const current = await allPages<{ actorId: string }>(emu.url, '/api/v1/audit-logs?limit=100', 'enterprise');
    expect(current.items.length).toBeLessThan(40);
    expect(current.items.some((e) => e.actorId === 'user-departed')).toBe(false);
    const deployed = (
      await call(emu.url, 'GET', '/api/v1/audit-logs?action=workflow.deployed&limit=100', { key: 'enterprise' })
    ).json as Page<{ action: string }>;
    expect(deployed.data.length).toBeGreaterThan(0);
    expect(deployed.data.every((e) => e.action === 'workflow.deployed')).toBe(true);
    const one = await call(emu.url, 'GET', `/api/v1/audit-logs/${all.items[0]!.id}`, { key: 'enterprise' });
    expect((one.json as { data: { id: string } }).data.id).toBe(all.items[0]!.id);
  });
});

describe('logs', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ logCount: 2500, jobDurationMs: 20 });
  });
  afterAll(() => emu.close());

  it('pages through every entry of the workspace exactly once, newest first by default', async () => {
    const { items, pages } = await allPages<{ id: string; startedAt: string }>(
      emu.url,
      `/api/v1/logs?workspaceId=${ws}&limit=1000`,
    );
    expect(pages).toBeGreaterThan(1);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const starts = items.map((i) => i.startedAt);
    expect([...starts].sort().reverse()).toEqual(starts);
    const asc = await allPages<{ id: string }>(emu.url, `/api/v1/logs?workspaceId=${ws}&limit=777&order=asc`);
    expect(asc.items.map((i) => i.id)).toEqual(items.map((i) => i.id).reverse());
  });

  it('defaults the limit to 100 and clamps it to 1..1000; the cursor is base64 JSON', async () => {
    const size = async (q: string) =>
      ((await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}${q}`)).json as Page<unknown>).data.length;
    expect(await size('')).toBe(100);
    expect(await size('&limit=0')).toBe(1);
    expect(await size('&limit=5000')).toBe(1000);
    const page = (await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&limit=2`)).json as Page<{
      id: string;
      startedAt: string;
    }>;
    expect(JSON.parse(Buffer.from(page.nextCursor!, 'base64').toString())).toEqual({
      startedAt: page.data[1]!.startedAt,
      id: page.data[1]!.id,
      order: 'desc',
    });
    const last = (
      await call(
        emu.url,
        'GET',
        `/api/v1/logs?workspaceId=${ws}&limit=1000&order=asc&startDate=2026-11-27T11:00:00.000Z`,
      )
    ).json as Page<unknown>;
    expect(last.nextCursor).toBeUndefined();
  });

  it('filters by level, workflow, trigger, execution, dates and duration', async () => {
    const get = async (q: string) =>
      ((await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&limit=1000${q}`)).json as Page<Record<string, any>>)
        .data;
    expect((await get('&level=error')).every((l) => l.level === 'error')).toBe(true);
    expect((await get(`&workflowIds=${W.fail},${W.echo}`)).every((l) => [W.fail, W.echo].includes(l.workflowId))).toBe(
      true,
    );
    expect((await get('&triggers=webhook')).every((l) => l.trigger === 'webhook')).toBe(true);
    const window = await get('&startDate=2026-11-27T10:00:00.000Z&endDate=2026-11-27T11:00:00.000Z');
    expect(window.length).toBeGreaterThan(0);
    expect(
      window.every((l) => l.startedAt >= '2026-11-27T10:00:00.000Z' && l.startedAt <= '2026-11-27T11:00:00.000Z'),
    ).toBe(true);
    expect((await get('&minDurationMs=500')).every((l) => l.totalDurationMs >= 500)).toBe(true);
    expect(await get('&model=gpt-4o')).toEqual([]);
    const folder = await get(`&folderIds=${SEED.folderId}`);
    expect(folder.length).toBeGreaterThan(0);
    expect(folder.every((l) => /^wf-filler-[123]$/.test(l.workflowId))).toBe(true);
  });

  it('writes a log entry for every sync, async and streamed run (error level for failures)', async () => {
    const sync = await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: { name: 'L', count: 1 } });
    const syncId = (sync.json as { executionId: string }).executionId;
    const fail = await call(emu.url, 'POST', `/api/workflows/${W.fail}/execute`, {
      body: { name: 'Eve' },
      headers: { 'x-execution-id': '11111111-2222-4333-8444-555555555555' },
    });
    expect(fail.status).toBe(500);
    const receipt = (
      await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
        body: { name: 'A' },
        headers: { 'x-execution-mode': 'async' },
      })
    ).json as { jobId: string; executionId: string };
    await jobUntilSettled(emu.url, receipt.jobId);
    await call(emu.url, 'POST', `/api/workflows/${W.stream}/execute`, {
      body: { stream: true },
      headers: { 'x-execution-id': '11111111-2222-4333-8444-666666666666' },
    });
    for (const [id, level] of [
      [syncId, 'info'],
      ['11111111-2222-4333-8444-555555555555', 'error'],
      [receipt.executionId, 'info'],
      ['11111111-2222-4333-8444-666666666666', 'info'],
    ] as const) {
      const logs = (
        await call(
          emu.url,
          'GET',
          `/api/v1/logs?workspaceId=${ws}&executionId=${id}&details=full&includeFinalOutput=true`,
        )
      ).json as Page<Record<string, any>>;
      expect(logs.data, id).toHaveLength(1);
      expect(logs.data[0]!.level).toBe(level);
      expect(logs.data[0]!.cost.total).toBe(0.005);
      const details = await call(emu.url, 'GET', `/api/v1/logs/executions/${id}`);
      expect(details.status).toBe(200);
    }
    const failed = (
      await call(
        emu.url,
        'GET',
        `/api/v1/logs?workspaceId=${ws}&executionId=11111111-2222-4333-8444-555555555555&details=full&includeFinalOutput=true`,
      )
    ).json as Page<Record<string, any>>;
    expect(failed.data[0]!.finalOutput).toEqual({
      error: 'Function: Line 1: `throw new Error(\'boom: \' + "Eve")` - boom: Eve',
    });
    const usage = (await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&limit=1`)).json as {
      limits: { usage: { currentPeriodCost: number } };
    };
    expect(usage.limits.usage.currentPeriodCost).toBeCloseTo(0.02, 5);
  });

  it('trace span inputs are the block parameters: Start {inputFormat, runMetadata}, Function {code (resolved), language} (recordings/sim-server-facts.md §M13)', async () => {
    const id = '11111111-2222-4333-8444-777777777777';
    await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
      body: { name: 'Ada', count: 21 },
      headers: { 'x-execution-id': id },
    });
    const logs = (
      await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&executionId=${id}&details=full&includeTraceSpans=true`)
    ).json as Page<Record<string, any>>;
    const [start, fn] = logs.data[0]!.traceSpans[0].children as { name: string; input: Record<string, unknown> }[];
    expect(start!.input).toEqual({
      inputFormat: [
        { id: `${W.echo}-field-0`, name: 'name', type: 'string', value: '', collapsed: false },
        { id: `${W.echo}-field-1`, name: 'count', type: 'number', value: '', collapsed: false },
      ],
      runMetadata: false,
    });
    expect(fn!.input).toEqual({
      code: 'console.log(\'echo called\'); return { name: "Ada", count: 21, doubled: (21 || 0) * 2 }',
      language: 'javascript',
    });
    const detail = (await call(emu.url, 'GET', `/api/v1/logs/${logs.data[0]!.id}`)).json as {
      data: { executionData: { traceSpans: { children: { input: unknown }[] }[] } };
    };
    expect(detail.data.executionData.traceSpans[0]!.children[1]!.input).toEqual(fn!.input);
  });

  it("a log detail carries the run's correlation (beside the trigger and in its data); lastStartedBlock has no success (recordings/sim-server-facts.md §M14)", async () => {
    const id = '11111111-2222-4333-8444-888888888888';
    await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
      body: { name: 'C' },
      headers: { 'x-execution-id': id, 'x-execution-mode': 'async' },
    });
    await call(emu.url, 'GET', `/api/jobs/workflow-execution:${id}`);
    const job = await jobUntilSettled(emu.url, `workflow-execution:${id}`);
    const logId = (
      (await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&executionId=${id}`)).json as Page<{ id: string }>
    ).data[0]!.id;
    const d = (
      (await call(emu.url, 'GET', `/api/v1/logs/${logId}`)).json as { data: { executionData: Record<string, any> } }
    ).data.executionData;
    // the same correlation the job's metadata shows (recordings/sim-server-facts.md §5.3)
    expect(d.correlation).toEqual((job.metadata as { correlation: unknown }).correlation);
    expect(d.trigger.data.correlation).toEqual(d.correlation);
    expect(d.lastStartedBlock).not.toHaveProperty('success');
    expect(d.lastCompletedBlock).toMatchObject({ success: true });
  });
});

describe('runs and jobs (virtual time)', () => {
  let emu: VirtualEmulator;
  beforeAll(async () => {
    emu = await startVirtual({ jobDurationMs: 150, slowWorkflowMs: 60000, publicBaseUrl: 'https://sim.example.test/' });
  });
  afterAll(() => emu.close());

  it('builds statusUrl from publicBaseUrl and keeps a job processing for jobDurationMs', async () => {
    const t0 = emu.clock.now();
    const r = (
      await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
        body: { name: 'J', count: 3 },
        headers: { 'x-execution-mode': 'async' },
      })
    ).json as { jobId: string; statusUrl: string };
    expect(r.statusUrl).toBe(`https://sim.example.test/api/jobs/${r.jobId}`);
    const first = (await call(emu.url, 'GET', `/api/jobs/${encodeURIComponent(r.jobId)}`)).json as { status: string };
    expect(first.status).toBe('processing');
    const done = await jobUntilSettled(emu.url, r.jobId);
    expect(emu.clock.now() - t0).toBeGreaterThanOrEqual(150);
    expect(done.status).toBe('completed');
    expect((done.output as { output: unknown }).output).toEqual({
      result: { name: 'J', count: 3, doubled: 6 },
      stdout: 'echo called',
    });
  });

  it('jobQueuedMs: a job reads queued, then processing, then completed', async () => {
    const e = await startVirtual({ jobQueuedMs: 150, jobDurationMs: 150 });
    try {
      const r = (
        await call(e.url, 'POST', `/api/workflows/${W.echo}/execute`, {
          body: {},
          headers: { 'x-execution-mode': 'async' },
        })
      ).json as { jobId: string };
      const seen: string[] = [];
      for (;;) {
        const status = (
          (await call(e.url, 'GET', `/api/jobs/${encodeURIComponent(r.jobId)}`)).json as { status: string }
        ).status;
        if (seen.at(-1) !== status) seen.push(status);
        if (status === 'completed' || status === 'failed') break;
        await e.clock.sleep(20);
      }
      expect(seen).toEqual(['queued', 'processing', 'completed']);
    } finally {
      await e.close();
    }
  });

  it('lets the slow workflow take input.delayMs', async () => {
    const r = (
      await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
        body: { name: 'S', delayMs: 60 },
        headers: { 'x-execution-mode': 'async' },
      })
    ).json as { jobId: string };
    const done = await jobUntilSettled(emu.url, r.jobId);
    expect(done.status).toBe('completed');
    const sync = await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, { body: { name: 'S', delayMs: 30 } });
    expect((sync.json as { success: boolean }).success).toBe(true);
  });

  it('answers a Response block with its own status and headers', async () => {
    const r = await call(emu.url, 'POST', `/api/workflows/${W.echoResponse}/execute`, {
      body: { name: 'R', responseStatus: 201 },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-emu-test')).toBe('yes');
    expect(r.json).toEqual({ echo: { name: 'R', doubled: 0, responseStatus: 201 }, ok: true });
  });

  it('streams N chunks of the requested size, then final and [DONE]', async () => {
    const r = await call(emu.url, 'POST', `/api/workflows/${W.stream}/execute`, {
      body: { stream: true, chunks: 3, chunkSize: 8, chunkDelayMs: 5 },
    });
    const events = parseSse(r.text) as Record<string, any>[];
    expect(events).toHaveLength(5);
    expect(events.slice(0, 3).map((e) => e.blockId)).toEqual(['agent-1', 'agent-1', 'agent-1']);
    const text = events
      .slice(0, 3)
      .map((e) => e.chunk as string)
      .join('');
    expect(text).toHaveLength(24);
    expect(events[3]).toEqual({ event: 'final', data: { success: true, output: { agent: { content: text } } } });
    expect(events[4]).toBe('[DONE]');
    const sync = (
      await call(emu.url, 'POST', `/api/workflows/${W.stream}/execute`, { body: { chunks: 3, chunkSize: 8 } })
    ).json as { output: unknown };
    expect(sync.output).toEqual({ agent: { content: text } });
  });

  it('reports only the content length above 1 MiB, and streams large outputs intact under backpressure', async () => {
    const res = await fetch(`${emu.url}/api/workflows/${W.stream}/execute`, {
      method: 'POST',
      headers: { 'x-api-key': SEED.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ stream: true, chunks: 160, chunkSize: 65536 }),
    });
    const reader = res.body!.getReader();
    let bytes = 0;
    let tail = '';
    const decoder = new TextDecoder();
    for (let n = 0; ; n++) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      tail = (tail + decoder.decode(value, { stream: true })).slice(-400);
      if (n % 20 === 0) await new Promise((r) => setTimeout(r, 2)); // a slow reader
    }
    expect(bytes).toBeGreaterThan(160 * 65536);
    expect(tail).toContain('"contentLength":10485760');
    expect(tail.endsWith('data: "[DONE]"\n\n')).toBe(true);
  });

  it('does not count cancelled runs in runCount, and lets a client look up a run', async () => {
    const before = ((await call(emu.url, 'GET', `/api/v1/workflows/${W.slow}`)).json as { data: { runCount: number } })
      .data.runCount;
    const r = (
      await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
        body: { name: 'C' },
        headers: { 'x-execution-mode': 'async' },
      })
    ).json as { jobId: string; executionId: string };
    const running = (await call(emu.url, 'GET', `/api/workflows/${W.slow}/executions/${r.executionId}`)).json as {
      status: string;
    };
    expect(running.status).toBe('running');
    await call(emu.url, 'POST', `/api/workflows/${W.slow}/executions/${r.executionId}/cancel`);
    const job = await jobUntilSettled(emu.url, r.jobId);
    expect(job.status).toBe('cancelled');
    const after = ((await call(emu.url, 'GET', `/api/v1/workflows/${W.slow}`)).json as { data: { runCount: number } })
      .data.runCount;
    expect(after).toBe(before);
    const log = (
      await call(
        emu.url,
        'GET',
        `/api/v1/logs?workspaceId=${ws}&executionId=${r.executionId}&details=full&includeFinalOutput=true`,
      )
    ).json as Page<Record<string, any>>;
    expect(log.data[0]!.level).toBe('info');
    expect(log.data[0]!.finalOutput).toEqual({ cancelled: true });
    const ok = (await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: {} })).json as {
      executionId: string;
    };
    expect(await recordWritten(emu.url, W.echo, ok.executionId)).toMatchObject({ status: 'completed' });
  });

  it('takes the input from body.input or from the body minus control fields', async () => {
    const a = (
      await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
        body: { name: 'X', count: 1, triggerType: 'api', selectedOutputs: [] },
      })
    ).json as { output: { result: unknown } };
    expect(a.output.result).toEqual({ name: 'X', count: 1, doubled: 2 });
    const b = (
      await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
        body: { input: { name: 'Y' }, name: 'ignored' },
      })
    ).json as { output: { result: unknown } };
    expect(b.output.result).toEqual({ name: 'Y', doubled: 0 });
  });

  it('reset() goes back to the seed', async () => {
    await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: {} });
    const inFlight = (
      await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
        body: { delayMs: 40 },
        headers: { 'x-execution-mode': 'async' },
      })
    ).json as { jobId: string };
    emu.reset();
    expect(emu.journal()).toEqual([]);
    await emu.clock.sleep(120);
    expect((await call(emu.url, 'GET', `/api/jobs/${encodeURIComponent(inFlight.jobId)}`)).status).toBe(404);
    const logs = (await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&limit=1`)).json as Page<{
      startedAt: string;
    }>;
    expect(logs.data[0]!.startedAt).toBe('2026-11-27T12:00:00.000Z');
  });
});

describe('deadlines (virtual time)', () => {
  it('syncTimeoutMs: a sync run past it answers 408 and is logged as an error', async () => {
    const emu = await startVirtual({ syncTimeoutMs: 100, slowWorkflowMs: 60000 });
    try {
      const r = await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
        body: { name: 'T' },
        headers: { 'x-execution-id': '22222222-3333-4444-8555-666666666666' },
      });
      expect(r.status).toBe(408);
      expect(r.json).toMatchObject({
        success: false,
        output: {},
        error: 'Workflow execution timed out after 0.1 seconds',
      });
      expect((r.json as Record<string, unknown>).executionId).toBeUndefined();
      const logs = (
        await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&executionId=22222222-3333-4444-8555-666666666666`)
      ).json as Page<{ level: string }>;
      expect(logs.data[0]!.level).toBe('error');
      expect((await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: {} })).status).toBe(200);
    } finally {
      await emu.close();
    }
  });

  it('X-Execution-Timeout-Seconds on an async run fails the job at the deadline', async () => {
    const emu = await startVirtual({ slowWorkflowMs: 60000 });
    try {
      const bad = await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
        body: {},
        headers: { 'x-execution-mode': 'async', 'x-execution-timeout-seconds': 'soon' },
      });
      expect(bad.status).toBe(400);
      const r = (
        await call(emu.url, 'POST', `/api/workflows/${W.slow}/execute`, {
          body: {},
          headers: { 'x-execution-mode': 'async', 'x-execution-timeout-seconds': '0.2' },
        })
      ).json as { jobId: string };
      const job = await jobUntilSettled(emu.url, r.jobId);
      expect(job).toMatchObject({ status: 'failed', error: 'Workflow execution timed out after 0.2 seconds' });
    } finally {
      await emu.close();
    }
  });
});

describe('header style', () => {
  it('bunHeaders: capitalised names and application/json;charset=utf-8', async () => {
    const emu = await startEmulator({ bunHeaders: true });
    try {
      const raw = await new Promise<string>((resolve, reject) => {
        import('node:net').then(({ connect }) => {
          const u = new URL(emu.url);
          const s = connect(Number(u.port), u.hostname, () => {
            s.write(
              `GET /api/users/me/usage-limits HTTP/1.1\r\nHost: x\r\nX-API-Key: ${SEED.apiKey}\r\nConnection: close\r\n\r\n`,
            );
          });
          let buf = '';
          s.on('data', (d) => (buf += d.toString()));
          s.on('end', () => resolve(buf));
          s.on('error', reject);
        }, reject);
      });
      expect(raw).toContain('Content-Type: application/json;charset=utf-8');
      expect(raw).toContain('Access-Control-Allow-Origin:');
      expect(raw).toMatch(/Vary: Origin, Accept-Encoding/);
    } finally {
      await emu.close();
    }
  });
});
