/**
 * Rate limits as Sim applies them (recordings/sim-server-facts.md §D2, §raw-429s, §M2 to §M6; §5.9, §A, §D;
 * Sim v0.8.9 `rate-limiter/storage/redis-token-bucket.ts`), on virtual time: a bucket per user and kind, full at the
 * first request, refilled by `requestsPerMinute` once per whole minute since then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { SEED } from '../src/index.js';
import { call, startVirtual, type CallResult, type VirtualEmulator } from './helpers.js';
import { quote } from './facts-quotes.js';

const ECHO = SEED.workflows.echo;
const WS = SEED.workspaceId;
const RAW = '§raw-429s';
const M = '§differences';

let emu: VirtualEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

async function start(rateLimits: { execute?: number; async?: number; api?: number }): Promise<VirtualEmulator> {
  emu = await startVirtual({ rateLimits, v2: true });
  return emu;
}

const v1 = (e: VirtualEmulator, headers: Record<string, string> = {}): Promise<CallResult> =>
  call(e.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'r' }, headers });
const v2 = (
  e: VirtualEmulator,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<CallResult> =>
  call(e.url, 'POST', `/api/v2/workflows/${ECHO}/execute`, { body: { input: { name: 'r' }, ...body }, headers });
const usage = async (e: VirtualEmulator) =>
  ((await call(e.url, 'GET', '/api/users/me/usage-limits')).json as { rateLimit: Record<string, any> }).rateLimit;

describe('the token bucket', () => {
  it('starts full at the first request and gains requestsPerMinute once per whole minute since then, capped at maxBurst', async () => {
    const e = await start({ execute: 4 }); // maxBurst 4, 2 a minute
    const t0 = e.clock.now();
    for (let i = 0; i < 4; i++) expect((await v1(e)).status).toBe(200);
    expect((await v1(e)).status).toBe(429);
    await e.clock.sleep(59_999 - (e.clock.now() - t0));
    expect((await v1(e)).status).toBe(429); // no token before the whole minute (a continuous refill would have given 1.99)
    await e.clock.sleep(1);
    expect([(await v1(e)).status, (await v1(e)).status, (await v1(e)).status]).toEqual([200, 200, 429]); // 2 at once
    // 1 min 40 s later: one whole minute since the last refill → 2 tokens, not 3.3
    await e.clock.sleep(100_000);
    expect([(await v1(e)).status, (await v1(e)).status, (await v1(e)).status]).toEqual([200, 200, 429]);
    // the refills stay on the first request's second
    expect(Date.parse((await usage(e)).sync.resetAt)).toBe(t0 + 3 * 60_000);
  });

  it('caps at maxBurst however long it waits, and a key unused for 2 minutes starts over (Redis EXPIRE)', async () => {
    const e = await start({ execute: 4 });
    for (let i = 0; i < 4; i++) await v1(e);
    await e.clock.sleep(100_000); // 1 whole minute: +2
    expect((await usage(e)).sync).toMatchObject({ remaining: 2, maxBurst: 4, requestsPerMinute: 2 });
    await e.clock.sleep(119_000); // still within 2 minutes of the last request (the usage read does not count)
    expect((await usage(e)).sync.remaining).toBe(4); // 3 whole minutes since the anchor: capped at 4
    const t1 = e.clock.now();
    await e.clock.sleep(10_000); // now 129 s after the last request: the key has expired
    expect((await v1(e)).status).toBe(200);
    expect(Date.parse((await usage(e)).sync.resetAt)).toBe(t1 + 10_000 + 60_000); // a new anchor at this request
  });

  it('usage-limits: remaining, isLimited and resetAt = the next refill (a bucket never used: full, a minute from now)', async () => {
    const e = await start({ execute: 2, async: 2 });
    const fresh = await usage(e);
    expect(fresh.sync).toMatchObject({ isLimited: false, requestsPerMinute: 1, maxBurst: 2, remaining: 2 });
    expect(Date.parse(fresh.sync.resetAt)).toBe(e.clock.now() + 60_000);
    const t0 = e.clock.now();
    await v1(e);
    await e.clock.sleep(30_000);
    await v1(e);
    const drained = await usage(e);
    // shaped as recorded: {"isLimited":true,"requestsPerMinute":20,"maxBurst":40,"remaining":0,"resetAt":…}
    expect(Object.keys(drained.sync)).toEqual(Object.keys(quote(RAW, 6)));
    expect(drained.sync).toMatchObject({ isLimited: true, remaining: 0 });
    expect(drained.sync.resetAt).toBe(new Date(t0 + 60_000).toISOString());
    expect(drained.async).toMatchObject({ isLimited: false, remaining: 2 });
  });

  it('the default (no rateLimits) on current: 999999-token buckets that are kept and spent, as recorded', async () => {
    emu = await startVirtual();
    for (let i = 0; i < 3; i++) expect((await v1(emu)).status).toBe(200);
    const u = await usage(emu);
    expect(u.sync).toMatchObject({ requestsPerMinute: 999999, maxBurst: 999999, remaining: 999996 });
    const r = await call(emu.url, 'GET', `/api/v1/workflows?workspaceId=${WS}`);
    expect([r.headers.get('x-ratelimit-limit'), r.headers.get('x-ratelimit-remaining')]).toEqual(['999999', '999998']);
  });
});

describe("when an execute's token leaves the count (rateLimitLagMs)", () => {
  it('an execute takes its token, and a read counts, rateLimitLagMs after arriving: a read just before a launch misses it', async () => {
    emu = await startVirtual({ rateLimits: { execute: 4 }, rateLimitLagMs: 200 });
    const e = emu;
    expect((await usage(e)).sync.remaining).toBe(4);
    const t0 = e.clock.now();
    const read = usage(e);
    await e.clock.sleep(50);
    const running = v1(e);
    // the read counts at 200 ms, the execute takes its token at 250 ms: the read does not show it
    expect((await read).sync.remaining).toBe(4);
    expect(e.clock.now() - t0).toBeGreaterThanOrEqual(200);
    expect((await running).status).toBe(200);
    expect(e.clock.now() - t0).toBeGreaterThanOrEqual(250);
    expect((await usage(e)).sync.remaining).toBe(3);
  });
});

describe('429s with the sync bucket empty (the recorded raw exchanges)', () => {
  it('v1 execute: 429 without Retry-After or rate headers; the id is burnt (409); its log entry says when the bucket resets', async () => {
    const e = await start({ execute: 2 });
    const t0 = e.clock.now();
    await v1(e);
    await e.clock.sleep(37_000);
    await v1(e);
    const a = randomUUID();
    const limited = await v1(e, { 'x-execution-id': a });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual(quote(RAW, 2));
    for (const h of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'])
      expect(limited.headers.get(h), h).toBeNull();
    const again = await v1(e, { 'x-execution-id': a });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({ ...quote<Record<string, unknown>>(RAW, 3), executionId: a });
    const resetAt = new Date(t0 + 60_000).toISOString();
    const view = await call(e.url, 'GET', `/api/workflows/${ECHO}/executions/${a}`);
    expect(view.json).toMatchObject({
      status: 'failed',
      level: 'error',
      totalDurationMs: 1,
      cost: { total: 0 },
      error: `Rate limit exceeded. 0 requests remaining. Resets at ${resetAt}.`,
    });
    const logs = (
      await call(e.url, 'GET', `/api/v1/logs?workspaceId=${WS}&executionId=${a}&details=full&includeFinalOutput=true`)
    ).json as { data: { level: string; finalOutput: unknown }[] };
    expect(logs.data[0]).toMatchObject({
      level: 'error',
      finalOutput: { error: `Rate limit exceeded. 0 requests remaining. Resets at ${resetAt}.` },
    });
  });

  it('v2 execute: 429 with Retry-After = the seconds to the refill (23 here, as recorded), details and rate headers; the run id is burnt (409 with x-run-id)', async () => {
    const e = await start({ execute: 2 });
    await v2(e);
    await e.clock.sleep(37_000);
    await v2(e);
    const b = randomUUID();
    const limited = await v2(e, {}, { 'x-run-id': b });
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual(quote(RAW, 4));
    expect(limited.headers.get('retry-after')).toBe('23');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('999999');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('999998');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-/);
    const again = await v2(e, {}, { 'x-run-id': b });
    expect(again.status).toBe(409);
    expect(again.headers.get('x-run-id')).toBe(b);
    expect(again.json).toEqual({
      error: {
        ...quote<{ error: Record<string, unknown> }>(RAW, 5).error,
        details: { code: 'RUN_ID_CONFLICT', runId: b },
      },
    });
    expect(Object.keys((quote(M, 2) as { error: object }).error)).toEqual(['code', 'message', 'details']); // the M5 row
    // the v2 run view of the rate-limited run: the error classified (§M6)
    const run = (await call(e.url, 'GET', `/api/v2/workflows/${ECHO}/runs/${b}`)).json as { data: Record<string, any> };
    expect(run.data).toMatchObject({ status: 'failed', durationMs: 1 });
    expect(run.data.error).toEqual({
      message: expect.stringMatching(/^Rate limit exceeded\. 0 requests remaining\. Resets at /),
      code: 'EXECUTION_FAILED',
    });
    expect(Object.keys(run.data.error)).toEqual(Object.keys(quote(M, 4)));
    // after the refill the next execute gets through
    await e.clock.sleep(23_000);
    expect((await v2(e)).status).toBe(200);
  });

  it('which bucket each mode spends: v1 async → sync (429); v2 async → async (202); v2 sync and stream → sync (§M4)', async () => {
    const e = await start({ execute: 1, async: 4 });
    expect((await v1(e)).status).toBe(200);
    expect((await v1(e, { 'x-execution-mode': 'async' })).status).toBe(429);
    expect((await v2(e, quote(RAW, 1))).status).toBe(202); // {"async":true}
    expect((await v2(e)).status).toBe(429);
    expect((await v2(e, { stream: true })).status).toBe(429);
    expect(
      (await call(e.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 's', stream: true } })).status,
    ).toBe(429);
    const u = await usage(e);
    expect([u.sync.remaining, u.async.remaining]).toEqual([0, 3]);
  });

  it("an injected 429 fault on execute burns the id like the real limit, with the bucket's reset in its log entry", async () => {
    const e = await start({});
    const first = await v1(e);
    expect(first.status).toBe(200);
    e.injectFault({ type: 'status', status: 429, path: `/api/workflows/${ECHO}/execute` });
    const id = randomUUID();
    expect((await v1(e, { 'x-execution-id': id })).status).toBe(429);
    const resetAt = (await usage(e)).sync.resetAt;
    const view = (await call(e.url, 'GET', `/api/workflows/${ECHO}/executions/${id}`)).json as { error: string };
    expect(view.error).toBe(`Rate limit exceeded. 0 requests remaining. Resets at ${resetAt}.`);
  });
});

describe('/api/v1/* 429 (recordings/sim-server-facts.md §5.9; recordings/sim-server-facts.md §D: retry-after is the seconds until the reset)', () => {
  it('retry-after = seconds to the refill, x-ratelimit-reset = that instant, retryAfter in epoch ms, the recorded body', async () => {
    const e = await start({ api: 2 });
    const t0 = e.clock.now();
    const path = `/api/v1/workflows?workspaceId=${WS}`;
    const first = await call(e.url, 'GET', path);
    expect([
      first.headers.get('x-ratelimit-limit'),
      first.headers.get('x-ratelimit-remaining'),
      first.headers.get('x-ratelimit-reset'),
    ]).toEqual(['2', '1', new Date(t0 + 60_000).toISOString()]);
    await e.clock.sleep(5_000);
    await call(e.url, 'GET', path);
    const r = await call(e.url, 'GET', path);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('55');
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = new Date(t0 + 60_000).toISOString();
    expect(r.headers.get('x-ratelimit-reset')).toBe(reset);
    const recorded = quote<Record<string, unknown>>('§5.9', 2);
    expect(Object.keys(r.json as object)).toEqual(Object.keys(recorded));
    expect(r.json).toEqual({
      error: 'Rate limit exceeded',
      message: `API rate limit exceeded. Please retry after ${reset}`,
      retryAfter: t0 + 60_000,
    });
    expect(r.headers.get('content-type')).toBe('application/json;charset=utf-8');
    // another user's key has its own bucket
    expect((await call(e.url, 'GET', path, { key: 'enterprise' })).status).toBe(200);
    await e.clock.sleep(55_000);
    expect((await call(e.url, 'GET', path)).status).toBe(200);
  });
});
