// The rest of the bundled Action's behaviour: wait: false, fail-on-error, timeouts,
// the post step after SIGKILL, bad inputs (no request sent), key masking, GitHub context, PR comment,
// output truncation and workflow-command injection. Runs under Node 20 and Node 24 where it matters.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import {
  SERVERS,
  bothNodes,
  cancelPath,
  cancelsOf,
  executesOf,
  leaksOf,
  runStep,
  sentInput,
  startFakeGitHub,
  startProxy,
  stopCommandBlocks,
} from './harness.js';

const KEY = SEED.apiKey;
const [node20, node24] = bothNodes();

let emu: Emulator;
let tmp: string;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, profile: 'current', jobDurationMs: 150 });
  tmp = mkdtempSync(join(tmpdir(), 'sim-action-test-'));
});
afterAll(async () => {
  await emu?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const base = () => ({ 'api-key': KEY, 'base-url': emu.url });

describe.each(SERVERS)('run outcomes ($name)', ({ options }) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, jobDurationMs: 150, ...options });
  });
  afterAll(async () => {
    await emu?.close();
  });
  const base = () => ({ 'api-key': KEY, 'base-url': emu.url });

  it.concurrent('wait: false returns right after the run is queued (status queued, execution-id set; job-id only on v1); post leaves it alone', async () => {
    const r = await runStep({
      node: node24,
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow, wait: 'false', input: '{"delayMs":5000}' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs['status']).toBe('queued');
    const id = r.outputs['execution-id'] ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // v2 has no jobs: the execution id is the one that works everywhere
    expect(r.outputs['job-id']).toBe(emu.v2 ? '' : `workflow-execution:${id}`);
    expect(r.stdout).toContain(`Queued: execution ${id}`);
    expect(r.outputs['output']).toBe('');
    expect(r.state['finished']).toBe('true');
    // Only the execute request: no polling.
    expect(
      executesOf(emu, SEED.workflows.slow).filter(
        (e) => e.headers['x-execution-id'] === id || e.headers['x-run-id'] === id,
      ),
    ).toHaveLength(1);
    expect(emu.journal().filter((e) => e.method === 'GET' && e.path.includes(id))).toEqual([]);
    const post = await runStep({
      node: node24,
      script: 'post',
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow },
      state: r.state,
    });
    expect(post.code).toBe(0);
    expect(cancelsOf(emu, id)).toEqual([]);
  });

  it.concurrent('fail-on-error: false reports the failure in the outputs but the step succeeds', async () => {
    const r = await runStep({
      node: node20,
      inputs: { ...base(), 'workflow-id': SEED.workflows.fail, 'fail-on-error': 'false', input: '{"name":"Zed"}' },
    });
    expect(r.code).toBe(0);
    expect(r.outputs['status']).toBe('failed');
    expect(r.outputs['error']).toContain('boom: Zed');
    expect(r.stdout).toMatch(/^::warning::Sim workflow wf-fail failed: .*fail-on-error: false/m);
    expect(r.stdout).not.toMatch(/^::error::/m);
  });

  it.concurrent.each([
    ['async', node20],
    ['sync', node24],
    ['stream', node20],
  ])('timeout (%s) cancels the remote run and fails with status timed_out', async (mode, bin) => {
    const slow =
      mode === 'stream'
        ? { 'workflow-id': SEED.workflows.stream, input: '{"chunks":200,"chunkSize":4,"chunkDelayMs":100}' }
        : { 'workflow-id': SEED.workflows.slow, input: '{"delayMs":20000}' };
    const r = await runStep({ node: bin, inputs: { ...base(), ...slow, mode, 'timeout-seconds': '1' } });
    expect(r.code).toBe(1);
    expect(r.outputs['status']).toBe('timed_out');
    expect(r.outputs['error']).toContain('timeout-seconds (1 s)');
    expect(r.outputs['error']).toContain('cancelled on the server');
    const id = r.outputs['execution-id'] ?? '';
    expect(id).not.toBe('');
    expect(cancelsOf(emu, id)).toHaveLength(1);
    expect(cancelsOf(emu, id)[0]?.path).toBe(cancelPath(emu, slow['workflow-id'], id));
    expect(r.state['cancelled']).toBe('true');
    expect(r.summary).toContain('⏱️ timed out');
  });

  it.concurrent('timeout with cancel-on-timeout: false leaves the run alone (no cancel, post does not cancel either)', async () => {
    const r = await runStep({
      node: node20,
      inputs: {
        ...base(),
        'workflow-id': SEED.workflows.slow,
        'timeout-seconds': '1',
        'cancel-on-timeout': 'false',
        input: '{"delayMs":4000}',
      },
    });
    expect(r.code).toBe(1);
    expect(r.outputs['status']).toBe('timed_out');
    expect(r.outputs['error']).toContain('left running');
    const id = r.outputs['execution-id'] ?? '';
    const post = await runStep({
      node: node20,
      script: 'post',
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow },
      state: r.state,
    });
    expect(post.code).toBe(0);
    expect(cancelsOf(emu, id)).toEqual([]);
  });

  it.concurrent('stream with cancel-on-timeout: false still cancels the run when the job is cancelled', async () => {
    const r = await runStep({
      node: node24,
      inputs: {
        ...base(),
        'workflow-id': SEED.workflows.stream,
        mode: 'stream',
        'cancel-on-timeout': 'false',
        input: '{"chunks":200,"chunkSize":4,"chunkDelayMs":100}',
      },
      during: async (child, waitFor) => {
        await waitFor('::stop-commands::');
        child.kill('SIGINT');
      },
    });
    expect(r.code).not.toBe(0);
    expect(r.outputs['status']).toBe('cancelled');
    const id = r.state['execution-id'] ?? '';
    expect(cancelsOf(emu, id)).toHaveLength(1);
    expect(r.state['cancelled']).toBe('true');
  });

  it.concurrent.each([
    ['async', node20],
    ['sync', node24],
  ])('post step cancels the run after main was killed with SIGKILL (%s)', async (mode, bin) => {
    const main = await runStep({
      node: bin,
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow, mode, input: '{"delayMs":20000}' },
      during: async (child, waitFor) => {
        await waitFor(mode === 'async' ? 'Queued: execution' : 'waiting for the answer');
        await new Promise((r) => setTimeout(r, 200));
        child.kill('SIGKILL');
      },
    });
    expect(main.signal).toBe('SIGKILL');
    const id = main.state['execution-id'] ?? '';
    expect(id).toMatch(/\S/);
    expect(main.state['finished']).toBeUndefined();
    expect(cancelsOf(emu, id)).toEqual([]);
    const post = await runStep({
      node: bin,
      script: 'post',
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow },
      state: main.state,
    });
    expect(post.code, post.stdout + post.stderr).toBe(0);
    expect(post.stdout).toContain(`cancelling it`);
    expect(cancelsOf(emu, id)).toHaveLength(1);
    expect(leaksOf(post, KEY)).toEqual([]);
  });

  it.concurrent('SIGINT with a cancel that hangs: main gives up within the grace period, post cancels again', async () => {
    const started = Date.now();
    const main = await runStep({
      node: node24,
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow, input: '{"delayMs":20000}' },
      during: async (child, waitFor, stdout) => {
        await waitFor(/Queued: execution [0-9a-f-]{36}/);
        const id = /Queued: execution ([0-9a-f-]{36})/.exec(stdout())?.[1] ?? '';
        // Only this run's cancel hangs (other tests cancel wf-slow runs concurrently).
        emu.injectFault({
          method: 'POST',
          path: cancelPath(emu, 'wf-slow', id),
          type: 'delay',
          delayMs: 15000,
          times: 1,
        });
        child.kill('SIGINT');
      },
    });
    const elapsed = Date.now() - started;
    expect(main.code).toBe(1);
    expect(elapsed).toBeLessThan(14_000); // 5 s grace, generous margin for a loaded machine
    expect(main.outputs['status']).toBe('cancelled');
    expect(main.stdout).toMatch(/^::warning::The Sim run was not confirmed cancelled/m);
    expect(main.state['cancelled']).toBeUndefined();
    expect(main.state['finished']).toBeUndefined();
    const id = main.state['execution-id'] ?? '';
    expect(id).not.toBe('');
    const post = await runStep({
      node: node24,
      script: 'post',
      inputs: { ...base(), 'workflow-id': SEED.workflows.slow },
      state: main.state,
    });
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`execution ${id} cancelled`);
    expect(cancelsOf(emu, id).length).toBeGreaterThanOrEqual(1);
  });

  it.concurrent('post step does nothing after a finished run, and never fails the job when the cancel fails', async () => {
    const done = await runStep({
      node: node20,
      script: 'post',
      inputs: { ...base(), 'workflow-id': 'wf-echo' },
      state: { 'execution-id': 'x-1', finished: 'true' },
    });
    expect(done.code).toBe(0);
    expect(cancelsOf(emu, 'x-1')).toEqual([]);
    const unknown = await runStep({
      node: node20,
      script: 'post',
      inputs: { ...base(), 'workflow-id': 'wf-echo' },
      state: { 'execution-id': 'no-such-run' },
    });
    expect(unknown.code).toBe(0);
    expect(unknown.stdout).toContain('nothing to cancel');
    const unreachable = await runStep({
      node: node20,
      script: 'post',
      inputs: { 'api-key': KEY, 'base-url': 'http://127.0.0.1:9', 'workflow-id': 'wf-echo' },
      state: { 'execution-id': 'e-2' },
    });
    expect(unreachable.code).toBe(0);
    expect(unreachable.stdout).toMatch(/^::warning::Post: could not cancel the Sim run/m);
    expect(leaksOf(unreachable, KEY)).toEqual([]);
  });

  it.concurrent('include-github-context adds the github object to the workflow input', async () => {
    const eventPath = join(tmp, 'pr-event.json');
    writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
    const tag = randomUUID();
    const r = await runStep({
      node: node20,
      inputs: {
        ...base(),
        'workflow-id': SEED.workflows.echo,
        mode: 'sync',
        'include-github-context': 'true',
        input: JSON.stringify({ tag }),
      },
      env: { GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const sent = executesOf(emu, SEED.workflows.echo).find((e) => e.body.includes(tag));
    expect(sentInput(sent)['github']).toEqual({
      repository: 'octo-org/octo-repo',
      ref: 'refs/pull/7/merge',
      sha: '0123456789abcdef0123456789abcdef01234567',
      runId: 4242,
      runAttempt: 2,
      runUrl: 'https://github.com/octo-org/octo-repo/actions/runs/4242/attempts/2',
      actor: 'octocat',
      eventName: 'pull_request',
      prNumber: 7,
    });
    expect(JSON.parse(r.outputs['output'] ?? '{}')).toMatchObject({ result: { github: { prNumber: 7 } } });
  });
});

describe('bad inputs fail the step before any request', () => {
  let quiet: Emulator;
  beforeAll(async () => {
    quiet = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await quiet?.close();
  });

  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['invalid JSON in input', { input: '{"name": ' }, /Input `input`: is not valid JSON/],
    ['a JSON array as input', { input: '[1,2]' }, /Input `input`: must be a JSON object .* got an array/],
    ['a JSON string as input', { input: '"hello"' }, /Input `input`: must be a JSON object .* got a string/],
    ['an unknown mode', { mode: 'turbo' }, /Input `mode`: must be one of `async`, `sync`, `stream`, got "turbo"/],
    [
      'a non-numeric timeout',
      { 'timeout-seconds': '10m' },
      /Input `timeout-seconds`: must be a positive number of seconds, got "10m"/,
    ],
    ['a zero timeout', { 'timeout-seconds': '0' }, /Input `timeout-seconds`: must be greater than 0/],
    [
      'a non-http base-url',
      { 'base-url': 'ftp://sim.example' },
      /Input `base-url`: Invalid Sim base URL "ftp:\/\/sim.example": only http:\/\/ and https:\/\/ are supported/,
    ],
    [
      'a base-url that is not a URL',
      { 'base-url': 'www.sim.ai' },
      /Input `base-url`: Invalid Sim base URL "www.sim.ai": use an absolute http\(s\) URL/,
    ],
    [
      'an api-key with a line break',
      { 'api-key': 'sk-sim-a\nb' },
      /Input `api-key`: The Sim API key contains whitespace or control characters/,
    ],
    ['a bad boolean', { wait: 'yes' }, /Input `wait`: must be `true` or `false`, got "yes"/],
    ['a missing workflow-id', { 'workflow-id': '' }, /Input `workflow-id`: is required/],
    ['a missing api-key', { 'api-key': '' }, /Input `api-key`: is required/],
  ];

  it.concurrent.each(cases)('%s', async (_name, override, message) => {
    const r = await runStep({
      node: node20,
      inputs: { 'api-key': KEY, 'base-url': quiet.url, 'workflow-id': SEED.workflows.echo, ...override },
    });
    expect(r.code).toBe(1);
    const error = /^::error::(.*)$/m.exec(r.stdout)?.[1] ?? '';
    expect(error).toMatch(message);
    expect(r.outputs['status']).toBe('failed');
    expect(r.outputs['error']).toMatch(message);
    expect(r.state).toEqual({});
    expect(leaksOf(r, KEY)).toEqual([]);
  });

  afterAll(() => {
    expect(quiet.journal()).toEqual([]);
  });
});

describe.concurrent('secrets, context, comments, sizes, injection', () => {
  it('a rejected key is never printed, and the error says what to do', async () => {
    const wrongKey = `sk-sim-${randomUUID()}`;
    const r = await runStep({
      node: node24,
      inputs: { 'api-key': wrongKey, 'base-url': emu.url, 'workflow-id': SEED.workflows.echo, mode: 'sync' },
    });
    expect(r.code).toBe(1);
    expect(r.outputs['status']).toBe('failed');
    expect(r.outputs['error']).toMatch(/HTTP 401/);
    expect(r.outputs['error']).toMatch(/API key/);
    expect(leaksOf(r, wrongKey)).toEqual([]);
    expect(r.stdout).toContain(`::add-mask::${wrongKey}`);
    // Masked before anything else is printed.
    expect(r.stdout.indexOf(`::add-mask::${wrongKey}`)).toBe(0);
  });

  it('goes through HTTP_PROXY, and bypasses it for NO_PROXY hosts', async () => {
    const proxy = await startProxy();
    try {
      const host = new URL(emu.url).host;
      const via = await runStep({
        node: node20,
        inputs: { ...base(), 'workflow-id': SEED.workflows.echo, mode: 'sync', input: '{"name":"proxied"}' },
        env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '' },
      });
      expect(via.code, via.stdout + via.stderr).toBe(0);
      expect(via.outputs['status']).toBe('completed');
      expect(proxy.seen.some((s) => s.includes(host))).toBe(true);
      const count = proxy.seen.length;
      const direct = await runStep({
        node: node20,
        inputs: { ...base(), 'workflow-id': SEED.workflows.echo, mode: 'sync', input: '{"name":"direct"}' },
        env: { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' },
      });
      expect(direct.code, direct.stdout + direct.stderr).toBe(0);
      expect(proxy.seen.length).toBe(count);
    } finally {
      await proxy.close();
    }
  });

  it('comment-on-pr creates one comment, then updates the same comment', async () => {
    const gh = await startFakeGitHub();
    try {
      const eventPath = join(tmp, 'pr-event-2.json');
      writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 7 } }));
      const env = { GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'pull_request', GITHUB_API_URL: gh.url };
      const inputs = {
        ...base(),
        'workflow-id': SEED.workflows.echo,
        mode: 'sync',
        'comment-on-pr': 'true',
        'github-token': 'ghs_faketoken123',
      };
      const first = await runStep({ node: node24, inputs: { ...inputs, input: '{"name":"first","count":1}' }, env });
      expect(first.code, first.stdout + first.stderr).toBe(0);
      expect(first.stdout).toContain('PR #7: comment created');
      const second = await runStep({ node: node20, inputs: { ...inputs, input: '{"name":"second","count":2}' }, env });
      expect(second.code, second.stdout + second.stderr).toBe(0);
      expect(second.stdout).toContain('PR #7: comment updated');
      const writes = gh.requests.filter((r) => r.method !== 'GET');
      expect(writes.map((r) => `${r.method} ${r.url}`)).toEqual([
        'POST /repos/octo-org/octo-repo/issues/7/comments',
        'PATCH /repos/octo-org/octo-repo/issues/comments/1000',
      ]);
      expect(gh.requests.every((r) => r.headers['authorization'] === 'token ghs_faketoken123')).toBe(true);
      expect(gh.comments).toHaveLength(1);
      const body = gh.comments[0]?.body ?? '';
      expect(body.startsWith('<!-- sim-integrations/github-action workflow=wf-echo -->')).toBe(true);
      expect(body).toContain('"second"');
      expect(body).not.toContain('"first"');
      expect(body).not.toContain(KEY);
      expect(leaksOf(second, 'ghs_faketoken123')).toEqual([]);
    } finally {
      await gh.close();
    }
  });

  it('a read-only token (fork PR) makes the comment a warning, not a failure', async () => {
    const gh = await startFakeGitHub({ readOnly: true });
    try {
      const eventPath = join(tmp, 'pr-event-3.json');
      writeFileSync(eventPath, JSON.stringify({ pull_request: { number: 9 } }));
      const r = await runStep({
        node: node20,
        inputs: {
          ...base(),
          'workflow-id': SEED.workflows.echo,
          mode: 'sync',
          'comment-on-pr': 'true',
          'github-token': 'ghs_readonly',
        },
        env: { GITHUB_EVENT_PATH: eventPath, GITHUB_EVENT_NAME: 'pull_request', GITHUB_API_URL: gh.url },
      });
      expect(r.code).toBe(0);
      expect(r.outputs['status']).toBe('completed');
      expect(r.stdout).toMatch(
        /^::warning::Could not write the PR comment: .*Resource not accessible by integration.*pull-requests: write/m,
      );
      expect(gh.requests.map((q) => q.method)).toEqual(['GET', 'POST']);
    } finally {
      await gh.close();
    }
  });

  it('comment-on-pr outside a pull request event writes no comment', async () => {
    const gh = await startFakeGitHub();
    try {
      const r = await runStep({
        node: node20,
        inputs: {
          ...base(),
          'workflow-id': SEED.workflows.echo,
          mode: 'sync',
          'comment-on-pr': 'true',
          'github-token': 'ghs_x',
        },
        env: { GITHUB_API_URL: gh.url },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('not about a pull request');
      expect(gh.requests).toEqual([]);
    } finally {
      await gh.close();
    }
  });

  it('a large output is truncated with a note under the output limit; the summary preview stays small', async () => {
    // 400,000 characters of output (an env variable, hence an input, holds at most 128 KiB).
    const r = await runStep({
      node: node20,
      inputs: {
        ...base(),
        'workflow-id': SEED.workflows.stream,
        mode: 'sync',
        input: '{"chunks":100,"chunkSize":4000}',
      },
    });
    expect(r.code, r.stderr).toBe(0);
    const output = r.outputs['output'] ?? '';
    expect(output.length).toBeLessThanOrEqual(256 * 1024);
    expect(output).toMatch(/…\[output truncated: [\d,]+ characters in total/);
    expect(r.stdout).toMatch(/^::warning::The workflow output .* was truncated/m);
    expect(r.summary.length).toBeLessThan(40 * 1024);
    expect(r.summary).toContain('preview truncated');
  });

  it('workflow text cannot inject workflow commands', async () => {
    const evil = '::error::pwned\n::add-mask::x\n::stop-commands::x\n```\n<img src=x>';
    const r = await runStep({
      node: node24,
      inputs: { ...base(), 'workflow-id': SEED.workflows.fail, mode: 'sync', input: JSON.stringify({ name: evil }) },
    });
    expect(r.code).toBe(1);
    const outside = r.stdout.replace(/^::stop-commands::(\S+)\n[\s\S]*?^::\1::$/gm, '');
    expect(outside).not.toMatch(/^::error::pwned/m);
    expect(outside).not.toMatch(/^::add-mask::x$/m);
    expect(stopCommandBlocks(r.stdout).join('\n')).toContain('::error::pwned');
    // In the summary the text sits in a fence longer than any backtick run inside it.
    expect(r.summary).toContain('````text');
  });
});
