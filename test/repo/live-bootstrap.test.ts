// scripts/live-bootstrap.mjs prepares a fresh real Sim for the live suite (.github/workflows/live.yml). The
// emulator does not serve Sim's session routes (sign-up, workspaces, API keys, workflow state, deploy), and it
// must not fake what was not recorded, so the script runs here against a small local HTTP stand-in that answers
// with the shapes recorded in packages/emulator/recordings/sim-server-facts.md §bootstrap and checks every
// request the script sends: order, Origin header, session cookie, and the exact body shapes (blocks, sub-blocks,
// edges). What the real server does with those bodies is checked by live.yml itself, against a real Sim.
import { execFile } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { root } from './helpers.js';

const exec = promisify(execFile);
const SCRIPT = join(root, 'scripts', 'live-bootstrap.mjs');
const KEY = 'sk-sim-LiveBootstrapTestKey0123456789abcdef';
const COOKIE = 'better-auth.session_token=tok123.sig456';

interface Seen {
  method: string;
  path: string;
  origin: string | undefined;
  cookie: string | undefined;
  contentType: string | undefined;
  body: any;
}

interface StubOptions {
  startBlockId?: boolean;
  failOn?: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function stub(opts: StubOptions = {}): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  let workflows = 0;
  const stand = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const path = req.url ?? '';
    const entry: Seen = {
      method: req.method ?? '',
      path,
      origin: req.headers.origin,
      cookie: req.headers.cookie,
      contentType: req.headers['content-type'],
      body: text === '' ? undefined : JSON.parse(text),
    };
    seen.push(entry);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (opts.failOn && `${req.method} ${path}` === opts.failOn)
      return json(500, { error: `Failed (the key ${KEY} must not leak)` });
    if (req.headers.origin !== `http://127.0.0.1:${(stand.address() as { port: number }).port}`)
      return json(403, { error: 'Invalid origin' });
    if (req.method === 'POST' && path === '/api/auth/sign-up/email') {
      return json(
        200,
        { token: null, user: { id: 'user-1', email: entry.body?.email, emailVerified: false } },
        {
          'set-cookie': `${COOKIE}; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax`,
        },
      );
    }
    if (req.headers.cookie !== COOKIE) return json(401, { error: 'Unauthorized' });
    if (req.method === 'POST' && path === '/api/workspaces')
      return json(200, { workspace: { id: 'ws-live', name: entry.body?.name } });
    if (req.method === 'POST' && path === '/api/workspaces/ws-live/api-keys') {
      return json(200, { key: { id: 'key-1', name: entry.body?.name, key: KEY, createdAt: new Date().toISOString() } });
    }
    if (req.method === 'POST' && path === '/api/workflows') {
      workflows++;
      const body: Record<string, unknown> = {
        id: `wf-live-${workflows}`,
        name: entry.body?.name,
        workspaceId: entry.body?.workspaceId,
      };
      if (opts.startBlockId !== false) body.startBlockId = `start-${workflows}`;
      return json(200, body);
    }
    let m = /^\/api\/workflows\/(wf-live-\d)\/state$/.exec(path);
    if (req.method === 'PUT' && m) return json(200, { success: true, warnings: [] });
    m = /^\/api\/workflows\/(wf-live-\d)\/deploy$/.exec(path);
    if (req.method === 'POST' && m)
      return json(200, { apiKey: null, isDeployed: true, deployedAt: new Date().toISOString(), warnings: [] });
    return json(404, { error: 'Not found' });
  });
  server = stand;
  await new Promise<void>((resolve) => stand.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(stand.address() as { port: number }).port}`, seen };
}

const runScript = (args: string[]) =>
  exec(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 30_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
  );

const BLOCK_KEYS = [
  'advancedMode',
  'data',
  'enabled',
  'horizontalHandles',
  'id',
  'name',
  'outputs',
  'position',
  'subBlocks',
  'triggerMode',
  'type',
];

/** Checks one PUT …/state body against the recorded shape; returns the blocks by type (in edge order). */
function checkState(body: any, startId: string): any[] {
  expect(Object.keys(body).sort()).toEqual(['blocks', 'edges', 'loops', 'parallels']);
  expect(body.loops).toEqual({});
  expect(body.parallels).toEqual({});
  for (const [id, block] of Object.entries<any>(body.blocks)) {
    expect(block.id).toBe(id);
    expect(Object.keys(block).sort()).toEqual(BLOCK_KEYS);
    expect(block).toMatchObject({
      outputs: {},
      enabled: true,
      horizontalHandles: true,
      advancedMode: false,
      triggerMode: false,
      data: {},
    });
    expect(Object.keys(block.position).sort()).toEqual(['x', 'y']);
    for (const [key, sub] of Object.entries<any>(block.subBlocks)) {
      expect(Object.keys(sub).sort()).toEqual(['id', 'type', 'value']);
      expect(sub.id).toBe(key);
    }
  }
  for (const edge of body.edges) {
    expect(Object.keys(edge).sort()).toEqual(['id', 'source', 'sourceHandle', 'target', 'targetHandle']);
    expect(edge).toMatchObject({ sourceHandle: 'source', targetHandle: 'target' });
    expect(body.blocks).toHaveProperty(edge.source);
    expect(body.blocks).toHaveProperty(edge.target);
  }
  // a chain from the start block through every block
  const chain = [body.blocks[startId]];
  for (let at = startId; ; ) {
    const next = body.edges.find((e: any) => e.source === at);
    if (!next) break;
    chain.push(body.blocks[next.target]);
    at = next.target;
  }
  expect(chain).toHaveLength(Object.keys(body.blocks).length);
  const start = chain[0];
  expect(start.type).toBe('start_trigger');
  expect(start.subBlocks.inputFormat.type).toBe('input-format');
  for (const field of start.subBlocks.inputFormat.value) {
    expect(Object.keys(field).sort()).toEqual(['collapsed', 'id', 'name', 'type', 'value']);
    expect(field).toMatchObject({ value: '', collapsed: false });
  }
  expect(start.subBlocks.runMetadata).toEqual({ id: 'runMetadata', type: 'switch', value: false });
  return chain;
}

const fieldsOf = (start: any) => start.subBlocks.inputFormat.value.map((f: any) => [f.name, f.type]);

describe('scripts/live-bootstrap.mjs against a stand-in for a fresh Sim', () => {
  it('signs up, creates a workspace, a key and the echo/fail/slow workflows in the recorded shapes, then prints the env lines', async () => {
    const { url, seen } = await stub();
    const r = await runScript(['--base-url', url]);
    expect(r.stderr).not.toContain(KEY);
    expect(r.code).toBe(0);

    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /api/auth/sign-up/email',
      'POST /api/workspaces',
      'POST /api/workspaces/ws-live/api-keys',
      ...[1, 2, 3].flatMap((n) => [
        `POST /api/workflows`,
        `PUT /api/workflows/wf-live-${n}/state`,
        `POST /api/workflows/wf-live-${n}/deploy`,
      ]),
    ]);
    for (const s of seen) {
      expect(s.origin).toBe(url);
      expect(s.contentType).toBe('application/json');
    }
    expect(seen[0]?.cookie).toBeUndefined();
    for (const s of seen.slice(1)) expect(s.cookie).toBe(COOKIE);

    const [signUp, workspace, apiKey] = seen;
    expect(Object.keys(signUp?.body).sort()).toEqual(['email', 'name', 'password']);
    expect(signUp?.body.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(signUp?.body.password.length).toBeGreaterThanOrEqual(12);
    expect(workspace?.body).toEqual({ name: expect.any(String), skipDefaultWorkflow: true });
    expect(apiKey?.body).toEqual({ name: expect.any(String) });

    const creates = seen.filter((s) => s.path === '/api/workflows');
    expect(creates.map((s) => s.body)).toEqual([
      { name: 'live-echo', workspaceId: 'ws-live' },
      { name: 'live-fail', workspaceId: 'ws-live' },
      { name: 'live-slow', workspaceId: 'ws-live' },
    ]);
    for (const d of seen.filter((s) => s.path.endsWith('/deploy'))) expect(d.body).toEqual({});

    const states = seen.filter((s) => s.path.endsWith('/state')).map((s) => s.body);
    // echo: Start (name string, count number) → Function returning name, count, doubled
    const echo = checkState(states[0], 'start-1');
    expect(echo.map((b) => b.type)).toEqual(['start_trigger', 'function']);
    expect(fieldsOf(echo[0])).toEqual([
      ['name', 'string'],
      ['count', 'number'],
    ]);
    expect(echo[1].subBlocks.language).toEqual({ id: 'language', type: 'dropdown', value: 'javascript' });
    expect(echo[1].subBlocks.code).toEqual({
      id: 'code',
      type: 'code',
      value:
        "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }",
    });
    // fail: Start → Function that throws
    const fail = checkState(states[1], 'start-2');
    expect(fail.map((b) => b.type)).toEqual(['start_trigger', 'function']);
    expect(fail[1].subBlocks.code.value).toBe("throw new Error('boom: ' + <start.name>)");
    // slow: Start → Wait 25 s → Response
    const slow = checkState(states[2], 'start-3');
    expect(slow.map((b) => b.type)).toEqual(['start_trigger', 'wait', 'response']);
    expect(slow[1].subBlocks).toEqual({
      timeValue: { id: 'timeValue', type: 'short-input', value: '25' },
      timeUnit: { id: 'timeUnit', type: 'dropdown', value: 'seconds' },
      async: { id: 'async', type: 'switch', value: false },
    });
    expect(slow[2].subBlocks.dataMode).toEqual({ id: 'dataMode', type: 'dropdown', value: 'json' });
    expect(slow[2].subBlocks.status).toEqual({ id: 'status', type: 'short-input', value: '200' });
    expect(slow[2].subBlocks.headers).toEqual({ id: 'headers', type: 'table', value: [] });
    expect(slow[2].subBlocks.data.type).toBe('code');

    // stdout: the mask first, then exactly the variables the live suite reads
    expect(r.stdout.split('\n')).toEqual([
      `::add-mask::${KEY}`,
      `SIM_BASE_URL=${url}`,
      `SIM_API_KEY=${KEY}`,
      'SIM_WORKSPACE_ID=ws-live',
      'SIM_LIVE_ECHO_WORKFLOW_ID=wf-live-1',
      'SIM_LIVE_FAIL_WORKFLOW_ID=wf-live-2',
      'SIM_LIVE_SLOW_WORKFLOW_ID=wf-live-3',
      '',
    ]);
  });

  it('works with a server that returns no startBlockId (the March version): the start block gets its own id', async () => {
    const { url, seen } = await stub({ startBlockId: false });
    const r = await runScript(['--base-url', `${url}/`]);
    expect(r.code).toBe(0);
    for (const state of seen.filter((s) => s.path.endsWith('/state')).map((s) => s.body)) {
      const start = Object.values<any>(state.blocks).find((b) => b.type === 'start_trigger');
      expect(start.id).toMatch(/^[0-9a-f-]{36}$/);
      checkState(state, start.id);
    }
  });

  it('stops at the first failed call, names it and its status, and never prints the key', async () => {
    const { url, seen } = await stub({ failOn: 'POST /api/workflows/wf-live-2/deploy' });
    const r = await runScript(['--base-url', url]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('POST /api/workflows/wf-live-2/deploy answered HTTP 500');
    expect(r.stderr).not.toContain(KEY);
    expect(seen.at(-1)?.path).toBe('/api/workflows/wf-live-2/deploy');
  });

  it('says so when nothing answers, and needs --base-url', async () => {
    const { url } = await stub();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    const down = await runScript(['--base-url', url]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /POST \/api\/auth\/sign-up\/email: no answer from http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    );
    const missing = await runScript([]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--base-url is required');
  });
});
