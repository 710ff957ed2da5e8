/** Fault injection (options and control endpoint) and the request journal. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import { call, parseSse } from './helpers.js';

const W = SEED.workflows;
const ws = SEED.workspaceId;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ jobDurationMs: 20 });
});
afterAll(() => emu.close());
afterEach(() => emu.reset());

const runCount = async (id: string): Promise<number> =>
  ((await call(emu.url, 'GET', `/api/v1/workflows/${id}`)).json as { data: { runCount: number } }).data.runCount;

describe('faults', () => {
  it('status: N times, with headers and body, then normal answers', async () => {
    emu.injectFault({ path: '/api/jobs/', type: 'status', status: 503, times: 2, headers: { 'retry-after': '1' } });
    for (let i = 0; i < 2; i++) {
      const r = await call(emu.url, 'GET', '/api/jobs/nope');
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('1');
      expect((r.json as { error: string }).error).toMatch(/503/);
    }
    expect((await call(emu.url, 'GET', '/api/jobs/nope')).status).toBe(404);
    emu.injectFault({ type: 'status', status: 429, body: { error: 'slow down' } });
    const r = await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${ws}`);
    expect(r.status).toBe(429);
    expect(r.json).toEqual({ error: 'slow down' });
    expect(r.headers.get('retry-after')).toBeNull();
  });

  it('matches by method and by regex (RegExp or source string), on the raw or decoded path', async () => {
    emu.injectFault({ method: 'POST', path: /\/execute$/, type: 'status', status: 500 });
    expect((await call(emu.url, 'GET', `/api/v1/workflows/${W.echo}`)).status).toBe(200);
    expect((await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: {} })).status).toBe(500);
    emu.injectFault({ path: '^/api/jobs/workflow-execution:', type: 'status', status: 502 });
    expect((await call(emu.url, 'GET', '/api/jobs/workflow-execution%3Aabc')).status).toBe(502);
  });

  it('reset: destroys the connection without an answer', async () => {
    emu.injectFault({ path: '/api/v1/logs', type: 'reset' });
    const err = await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}`).then(
      () => null,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(err).not.toBeNull();
    expect(String(err!.cause?.code ?? err!.message)).toMatch(/ECONNRESET|socket|other side closed|fetch failed/i);
    expect(emu.journal().at(-1)!.status).toBe(0);
    expect((await call(emu.url, 'GET', `/api/v1/logs?workspaceId=${ws}&limit=1`)).status).toBe(200);
  });

  it('delay: waits, then answers normally', async () => {
    emu.injectFault({ path: '/api/users/me/usage-limits', type: 'delay', delayMs: 150 });
    const t0 = Date.now();
    const r = await call(emu.url, 'GET', '/api/users/me/usage-limits');
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('html: an HTML error page', async () => {
    emu.injectFault({ type: 'html', status: 502 });
    const r = await call(emu.url, 'GET', '/api/jobs/x');
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(r.text).toMatch(/<html>.*502 Bad Gateway/s);
  });

  it('truncated-json: 200 with a cut JSON body', async () => {
    emu.injectFault({ path: '/api/v1/workflows', type: 'truncated-json' });
    const r = await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${ws}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    expect(r.text.startsWith('{"data":[')).toBe(true);
    expect(() => JSON.parse(r.text)).toThrow();
  });

  it('truncated-sse: the stream ends after afterEvents events, without final or [DONE]', async () => {
    emu.injectFault({ path: `/api/workflows/${W.stream}/execute`, type: 'truncated-sse', afterEvents: 2 });
    const r = await call(emu.url, 'POST', `/api/workflows/${W.stream}/execute`, { body: { stream: true, chunks: 5 } });
    expect(r.status).toBe(200);
    const events = parseSse(r.text) as Record<string, unknown>[];
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.blockId === 'agent-1')).toBe(true);
    expect(r.text).not.toContain('[DONE]');
  });

  it('execute-then-502: the workflow runs (once), then the answer is a 502', async () => {
    const before = await runCount(W.echo);
    emu.injectFault({ path: `/api/workflows/${W.echo}/execute`, type: 'execute-then-502' });
    const r = await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, { body: { name: 'Twice?' } });
    expect(r.status).toBe(502);
    expect(await runCount(W.echo)).toBe(before + 1);
    const sent = emu.journal().filter((e) => e.method === 'POST' && e.path.endsWith('/execute'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.status).toBe(502);
  });

  it('can be injected over HTTP, validated, and cleared', async () => {
    const bad = await call(emu.url, 'POST', '/__emulator/faults', { key: 'none', body: { type: 'explode' } });
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toMatch(/Unknown fault type/);
    const ok = await call(emu.url, 'POST', '/__emulator/faults', {
      key: 'none',
      body: [{ path: '/api/jobs/', type: 'status', status: 500, times: 3 }],
    });
    expect(ok.status).toBe(201);
    expect((await call(emu.url, 'GET', '/api/jobs/x')).status).toBe(500);
    await call(emu.url, 'DELETE', '/__emulator/faults', { key: 'none' });
    expect((await call(emu.url, 'GET', '/api/jobs/x')).status).toBe(404);
    expect(() => emu.injectFault({ type: 'status', status: 42 })).toThrow(/status/);
  });
});

describe('faults from the options', () => {
  it('are armed from the start', async () => {
    const e = await startEmulator({
      faults: [{ path: '/api/users/me/usage-limits', type: 'status', status: 503, times: 1 }],
    });
    try {
      expect((await call(e.url, 'GET', '/api/users/me/usage-limits')).status).toBe(503);
      expect((await call(e.url, 'GET', '/api/users/me/usage-limits')).status).toBe(200);
    } finally {
      await e.close();
    }
  });

  it('are validated at start', async () => {
    await expect(startEmulator({ faults: [{ type: 'nope' as never }] })).rejects.toThrow(/Unknown fault type/);
  });
});

describe('journal', () => {
  it('records method, raw path, query, lower-cased headers, body, status and time; control traffic excluded', async () => {
    const t0 = Date.now();
    await call(emu.url, 'POST', `/api/workflows/${W.echo}/execute`, {
      body: { name: 'J' },
      headers: { 'X-Execution-Mode': 'async', 'X-Custom': 'yes' },
    });
    await call(emu.url, 'GET', `/api/jobs/workflow-execution%3Aabc?x=1`);
    await call(emu.url, 'GET', '/__emulator/journal', { key: 'none' });
    const j = emu.journal();
    expect(j).toHaveLength(2);
    expect(j[0]).toMatchObject({
      method: 'POST',
      path: `/api/workflows/${W.echo}/execute`,
      body: '{"name":"J"}',
      status: 202,
      query: {},
    });
    expect(j[0]!.headers['x-execution-mode']).toBe('async');
    expect(j[0]!.headers['x-custom']).toBe('yes');
    expect(j[0]!.headers['x-api-key']).toBe(SEED.apiKey);
    expect(j[0]!.at).toBeGreaterThanOrEqual(t0);
    expect(j[1]).toMatchObject({
      method: 'GET',
      path: '/api/jobs/workflow-execution%3Aabc',
      query: { x: '1' },
      status: 404,
    });
  });

  it('is readable and clearable over HTTP, and clearJournal() empties it', async () => {
    await call(emu.url, 'GET', '/api/jobs/a');
    const over = await call(emu.url, 'GET', '/__emulator/journal', { key: 'none' });
    expect((over.json as unknown[]).length).toBe(1);
    await call(emu.url, 'DELETE', '/__emulator/journal', { key: 'none' });
    expect(emu.journal()).toEqual([]);
    await call(emu.url, 'GET', '/api/jobs/b');
    emu.clearJournal();
    expect(emu.journal()).toEqual([]);
  });

  it('records a streamed run with status 200 and raw colon paths as sent', async () => {
    await new Promise<void>((resolve, reject) => {
      const u = new URL(emu.url);
      const req = httpRequest(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/jobs/workflow-execution:raw',
          headers: { 'x-api-key': SEED.apiKey },
        },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await call(emu.url, 'POST', `/api/workflows/${W.stream}/execute`, { body: { stream: true, chunks: 1 } });
    const j = emu.journal();
    expect(j[0]!.path).toBe('/api/jobs/workflow-execution:raw');
    expect(j[1]!.status).toBe(200);
  });

  it('the control endpoint reports profile and seed; reset over HTTP', async () => {
    const info = (await call(emu.url, 'GET', '/__emulator', { key: 'none' })).json as {
      profile: string;
      seed: unknown;
    };
    expect(info.profile).toBe('current');
    expect(info.seed).toEqual(SEED);
    await call(emu.url, 'GET', '/api/jobs/a');
    expect((await call(emu.url, 'POST', '/__emulator/reset', { key: 'none' })).status).toBe(200);
    expect(emu.journal()).toEqual([]);
  });
});

describe('close()', () => {
  it('ends open streams, keep-alive sockets and running jobs promptly', async () => {
    const e = await startEmulator({ slowWorkflowMs: 60000 });
    await call(e.url, 'POST', `/api/workflows/${W.slow}/execute`, {
      body: {},
      headers: { 'x-execution-mode': 'async' },
    });
    const streaming = fetch(`${e.url}/api/workflows/${W.stream}/execute`, {
      method: 'POST',
      headers: { 'x-api-key': SEED.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ stream: true, chunks: 1000, chunkDelayMs: 50 }),
    })
      .then((r) => r.text())
      .catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await e.close();
    expect(Date.now() - t0).toBeLessThan(5000);
    await streaming;
    await e.close(); // idempotent
  });
});
