// The Node wiring: no timer keeps a finished process alive; the key never leaks into logs.
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeSleep } from '../src/node.js';
import { clientFor, startEmulator, type Emulator } from './helpers.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, jobDurationMs: 100 });
});
afterAll(() => emu?.close());

const nodeEntry = fileURLToPath(new URL('../dist/node.js', import.meta.url));

describe('node wiring', () => {
  it('a script exits as soon as its work is done (no pending timer from the 60 s / 51 min timeouts)', async () => {
    const script = `
      const { createSimClient } = await import(${JSON.stringify(nodeEntry)});
      const c = createSimClient({ apiKey: process.env.KEY, baseUrl: process.env.URL });
      await c.getUsageLimits();
      await c.runWorkflowSync('wf-echo', { input: { name: 'x' } });
      await c.collectStream(c.streamWorkflow('wf-stream', { input: { chunks: 2 } }));
      await c.runWorkflow('wf-echo');
      console.log('done', Date.now());
    `;
    const t0 = Date.now();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        { env: { ...process.env, KEY: emu.seed.apiKey, URL: emu.url }, timeout: 30_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );
    const doneAt = Number(/done (\d+)/.exec(out)?.[1]);
    expect(doneAt).toBeGreaterThan(t0);
    expect(Date.now() - doneAt).toBeLessThan(2500);
  }, 40_000);
  it('goes through HTTP_PROXY when it is set, and not for NO_PROXY hosts', async () => {
    const seen: string[] = [];
    const proxy: Server = createServer((req, res) => {
      // plain forward (absolute-form request line)
      seen.push(`${req.method} ${req.url}`);
      const target = new URL(req.url!);
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: req.method,
          headers: req.headers,
        },
        (r) => {
          res.writeHead(r.statusCode!, r.headers);
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    proxy.on('connect', (req, socket, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = req.url!.split(':');
      const up = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        up.write(head);
        up.pipe(socket);
        socket.pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    const script = `
      const { createSimClient } = await import(${JSON.stringify(nodeEntry)});
      const c = createSimClient({ apiKey: process.env.KEY, baseUrl: process.env.URL });
      const r = await c.runWorkflowSync('wf-echo', { input: { name: 'proxied' } });
      console.log(r.status);
    `;
    const runWith = (env: Record<string, string>) =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          ['--input-type=module', '-e', script],
          {
            env: { PATH: process.env.PATH ?? '', KEY: emu.seed.apiKey, URL: emu.url, ...env },
            timeout: 20_000,
          },
          (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout.trim())),
        ),
      );
    try {
      expect(await runWith({ HTTP_PROXY: proxyUrl, NO_PROXY: '' })).toBe('completed');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.join()).toContain(new URL(emu.url).port);
      seen.length = 0;
      expect(await runWith({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' })).toBe('completed');
      expect(seen).toEqual([]);
      expect(await runWith({})).toBe('completed');
      expect(seen).toEqual([]);
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  }, 60_000);
  it('sleep resolves after the delay and rejects promptly on abort', async () => {
    const t0 = Date.now();
    await nodeSleep(50);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45);
    const ac = new AbortController();
    const p = nodeSleep(60_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
  it('debug logs redact x-api-key and never contain the key', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string, meta?: object) => lines.push(`${m} ${inspect(meta, { depth: 5 })}`) };
    const c = clientFor(emu, { logger });
    await c.runWorkflowSync('wf-echo', { input: { name: 'L' } });
    await c.runWorkflow('wf-echo');
    await c.getUsageLimits();
    emu.injectFault({
      method: 'GET',
      path: '/api/users/me/usage-limits',
      type: 'status',
      status: 401,
      body: { error: `Invalid API key ${emu.seed.apiKey}` },
    });
    const err = await c.getUsageLimits().catch((e) => e);
    const all = [
      lines.join('\n'),
      err.message,
      inspect(err, { depth: 10 }),
      JSON.stringify(err),
      inspect(c, { depth: 10, showHidden: true }),
      JSON.stringify(c),
    ].join('\n');
    expect(lines.length).toBeGreaterThan(4);
    expect(all).toContain('[redacted]');
    expect(all).not.toContain(emu.seed.apiKey);
  });
});
