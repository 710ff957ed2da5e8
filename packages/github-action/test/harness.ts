// Runs the bundled Action the way the GitHub runner does: a child process with `INPUT_<NAME>`
// variables (upper-cased, dashes kept), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
// and for the post step the saved state passed back as `STATE_<name>` variables.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Emulator, EmulatorOptions, JournalEntry } from '@sim-integrations/emulator';
// @ts-expect-error: plain .mjs script without type declarations
import { findNode } from '../../../scripts/ensure-node.mjs';

export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MAIN = join(packageDir, 'dist', 'main.js');
export const POST = join(packageDir, 'dist', 'post.js');

/**
 * Node 24, action.yml's runtime (`runs.using: node24`): this process's Node when it is 24, else the npm package
 * for this platform (scripts/ensure-node.mjs, installed on first use). `reason` where this platform has none.
 */
let node24: { bin?: string; reason?: string } | undefined;
export function findNode24(): { bin?: string; reason?: string } {
  if (node24) return node24;
  node24 = (findNode as (major: number) => { bin?: string; reason?: string })(24);
  if (node24.reason) {
    console.warn(
      `Node 24 cannot be had here (${node24.reason}): the Action's Node 24 runs are skipped, the rest run under Node ${process.versions.node}.`,
    );
  }
  return node24;
}
const OWN_MAJOR = Number(process.versions.node.split('.')[0]);

/**
 * The Node binaries every main flow runs under: this process's Node (20 is the oldest supported) and Node 24.
 * Where Node 24 cannot be had, its entry carries the reason its tests skip with.
 */
export function nodeBinaries(): Array<{ name: string; bin: string; skip?: string }> {
  const own = { name: `node${OWN_MAJOR}`, bin: process.execPath };
  if (OWN_MAJOR === 24) return [own];
  const { bin, reason } = findNode24();
  return [own, bin ? { name: 'node24', bin } : { name: 'node24', bin: '', skip: `no Node 24 here: ${reason}` }];
}

/**
 * For tests that spread their runs over both Nodes: [this process's Node, Node 24], Node 24 being this
 * process's Node where it cannot be had (findNode24 warns).
 */
export function bothNodes(): [string, string] {
  return [process.execPath, findNode24().bin ?? process.execPath];
}

/**
 * The Sim servers the behaviour tests run against: a current server with only v1, and the same server with its v2 API
 * on (which the core detects and then uses for runs). A gap on one protocol fails a test.
 */
export const SERVERS: ReadonlyArray<{ name: string; options: EmulatorOptions }> = [
  { name: 'v1', options: { profile: 'current' } },
  { name: 'v2', options: { profile: 'current', v2: true } },
];

/** The execute requests an emulator received (v1 `/api/workflows/{id}/execute` or v2 `/api/v2/workflows/{id}/execute`). */
export function executesOf(emu: Emulator, workflowId?: string): JournalEntry[] {
  const path = new RegExp(`^/api/(?:v2/)?workflows/${workflowId ?? '[^/]+'}/execute$`);
  return emu.journal().filter((e) => e.method === 'POST' && path.test(e.path));
}

/** The client's run id an execute request carried (v1 `X-Execution-Id`, v2 `X-Run-Id`). */
export function runIdOf(entry: JournalEntry | undefined): string | undefined {
  return entry?.headers['x-execution-id'] ?? entry?.headers['x-run-id'];
}

/** The workflow input an execute request carried (v1: the body's fields; v2: the body's `input`). */
export function sentInput(entry: JournalEntry | undefined): Record<string, unknown> {
  const body = JSON.parse(entry?.body || '{}') as Record<string, unknown>;
  return (entry?.path.startsWith('/api/v2/') ? body['input'] : body) as Record<string, unknown>;
}

/** The path a cancel of this run takes on this server (v1's execution cancel, or v2's run cancel). */
export function cancelPath(emu: Emulator, workflowId: string, executionId: string): string {
  return emu.v2
    ? `/api/v2/workflows/${workflowId}/runs/${executionId}/cancel`
    : `/api/workflows/${workflowId}/executions/${executionId}/cancel`;
}

/** The cancel requests an emulator received for one run, on either protocol. */
export function cancelsOf(emu: Emulator, executionId: string): JournalEntry[] {
  return emu
    .journal()
    .filter(
      (e) =>
        e.method === 'POST' &&
        (e.path.endsWith(`/executions/${executionId}/cancel`) || e.path.endsWith(`/runs/${executionId}/cancel`)),
    );
}

/** Parses the runner's file-command format (`name<<delimiter` … `delimiter`, or `name=value`); last write wins. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter) value.push(lines[i++] as string);
      if (i >= lines.length) throw new Error(`file command ${name}: missing delimiter ${delimiter}`);
      out[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
    else throw new Error(`unreadable file command line: ${JSON.stringify(line)}`);
  }
  return out;
}

export interface StepResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** The saved state, as the runner would pass it to the post step. */
  state: Record<string, string>;
  summary: string;
  /** Raw file contents, for leak checks. */
  files: { output: string; state: string; summary: string };
  dir: string;
}

export interface StepOptions {
  node: string;
  script?: 'main' | 'post';
  /** The file to run instead of dist/main.js or dist/post.js (an action.yml's `runs.main`). */
  entry?: string;
  /** Action inputs by their action.yml names (`api-key`, `workflow-id`…). */
  inputs: Record<string, string>;
  /** State from main, for the post step. */
  state?: Record<string, string>;
  env?: Record<string, string>;
  /** Called with the child and a `waitFor(text)` helper, e.g. to send a signal mid-run. */
  during?: (
    child: ChildProcess,
    waitFor: (pattern: string | RegExp, timeoutMs?: number) => Promise<void>,
    stdout: () => string,
  ) => Promise<void>;
  timeoutMs?: number;
}

const RUNNER_DEFAULTS: Record<string, string> = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '2',
  GITHUB_RUN_NUMBER: '17',
  GITHUB_ACTOR: 'octocat',
  GITHUB_WORKFLOW: 'ci',
  GITHUB_JOB: 'sim',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'http://127.0.0.1:9', // never reached unless a test points it at its fake API
};

/** Runs one step to its end and reads back everything it wrote. */
export async function runStep(options: StepOptions): Promise<StepResult> {
  const dir = mkdtempSync(join(tmpdir(), 'sim-action-step-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify({}));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    RUNNER_TEMP: dir,
    ...RUNNER_DEFAULTS,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const entry = options.entry ?? (options.script === 'post' ? POST : MAIN);
  const child = spawn(options.node, [entry], {
    cwd: env['GITHUB_WORKSPACE'] ?? dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: string | RegExp; resolve: () => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      const hit = typeof w.pattern === 'string' ? stdout.includes(w.pattern) : w.pattern.test(stdout);
      if (hit) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const limit = options.timeoutMs ?? 45_000;
  const killer = setTimeout(() => child.kill('SIGKILL'), limit);
  try {
    if (options.during) {
      const waitFor = (pattern: string | RegExp, timeoutMs = 20_000): Promise<void> =>
        new Promise<void>((resolve, reject) => {
          const t = setTimeout(
            () =>
              reject(new Error(`timed out waiting for ${String(pattern)} in stdout:\n${stdout}\nstderr:\n${stderr}`)),
            timeoutMs,
          );
          waiters.push({ pattern, resolve: () => (clearTimeout(t), resolve()) });
          check();
        });
      await options.during(child, waitFor, () => stdout);
    }
    const { code, signal } = await exited;
    const raw = {
      output: readFileSync(files.output, 'utf8'),
      state: readFileSync(files.state, 'utf8'),
      summary: readFileSync(files.summary, 'utf8'),
    };
    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseFileCommands(raw.output),
      state: parseFileCommands(raw.state),
      summary: raw.summary,
      files: raw,
      dir,
    };
  } finally {
    clearTimeout(killer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The key may appear in stdout only as the `::add-mask::<key>` command, which the runner consumes
 * (it is how the key gets masked) and never shows. Anywhere else is a leak.
 */
export function leaksOf(result: StepResult, key: string): string[] {
  const where: string[] = [];
  const stdoutWithoutMask = result.stdout
    .split('\n')
    .filter((line) => line !== `::add-mask::${key}`)
    .join('\n');
  if (stdoutWithoutMask.includes(key)) where.push('stdout');
  if (result.stderr.includes(key)) where.push('stderr');
  if (result.files.output.includes(key)) where.push('outputs');
  if (result.files.summary.includes(key)) where.push('summary');
  if (result.files.state.includes(key)) where.push('state');
  return where;
}

/** The workflow text printed between `::stop-commands::<token>` and `::<token>::`, block by block. */
export function stopCommandBlocks(stdout: string): string[] {
  const blocks: string[] = [];
  const re = /^::stop-commands::(\S+)\n([\s\S]*?)^::\1::$/gm;
  for (let m = re.exec(stdout); m; m = re.exec(stdout)) blocks.push(m[2] as string);
  return blocks;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A tiny fake of the GitHub REST API for issue comments (list / create / update), on 127.0.0.1. */
export async function startFakeGitHub(options: { readOnly?: boolean } = {}): Promise<{
  url: string;
  requests: RecordedRequest[];
  comments: Array<{ id: number; body: string; user: { login: string } }>;
  close(): Promise<void>;
  server: Server;
}> {
  const requests: RecordedRequest[] = [];
  const comments: Array<{ id: number; body: string; user: { login: string } }> = [];
  let nextId = 1000;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, data: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(data));
      };
      const view = (c: (typeof comments)[number]) => ({
        ...c,
        html_url: `https://github.com/octo-org/octo-repo/pull/7#issuecomment-${c.id}`,
      });
      if (options.readOnly && req.method !== 'GET')
        return send(403, { message: 'Resource not accessible by integration' });
      let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      if (m && req.method === 'GET') return send(200, comments.map(view));
      if (m && req.method === 'POST') {
        const c = {
          id: nextId++,
          body: (JSON.parse(body) as { body: string }).body,
          user: { login: 'github-actions[bot]' },
        };
        comments.push(c);
        return send(201, view(c));
      }
      m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (m && req.method === 'PATCH') {
        const c = comments.find((x) => x.id === Number(m?.[3]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = (JSON.parse(body) as { body: string }).body;
        return send(200, view(c));
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake GitHub API did not start');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    comments,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal HTTP proxy (CONNECT tunnels and absolute-URI forwarding) on 127.0.0.1 that records what it carried. */
export async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const { connect } = await import('node:net');
  const { request } = await import('node:http');
  const seen: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers: req.headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, client, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(client as import('node:net').Socket).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy did not start');
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// ---- the sub-actions (deploy/, rollback/, export/, import/), run from a copy of the repository ----------------------

export const repoRoot = join(packageDir, '..', '..');

// js-yaml comes with @changesets/cli (a root devDependency).
const jsYaml = createRequire(join(repoRoot, 'package.json'))('js-yaml') as { load(text: string): unknown };
export const parseYaml = (text: string): unknown => jsYaml.load(text);

export interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

/** The action.yml of `action` (`.` for the run action at the root, `deploy`, …) in `repo`. */
export function actionMetadata(action: string, repo = repoRoot): ActionMetadata {
  return parseYaml(readFileSync(join(repo, action, 'action.yml'), 'utf8')) as ActionMetadata;
}

let isolated: string | undefined;

/**
 * A copy of the repository as the runner gets it for `uses: <owner>/<repo>/<action>@v1` (it downloads the whole
 * repository): its tracked and new files as they are in the working tree, and no node_modules. One per test process.
 */
export function isolatedRepo(): string {
  if (isolated) return isolated;
  const dir = mkdtempSync(join(tmpdir(), 'sim-action-repo-'));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(dir, file));
    } catch {
      // a tracked file deleted in the working tree
    }
  }
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  isolated = dir;
  return dir;
}

/**
 * Runs a sub-action like the runner: the entry its action.yml names (relative to the action's folder, in the
 * isolated copy of the repository), every declared input with a default set as `INPUT_*`, then the step's own
 * inputs, and GITHUB_WORKSPACE pointing at `workspace` (the checked-out repository of the job; also the cwd).
 */
export function runAction(
  action: string,
  options: Omit<StepOptions, 'entry' | 'script'> & { workspace: string; phase?: 'main' | 'post' },
): Promise<StepResult> {
  const repo = isolatedRepo();
  const meta = actionMetadata(action, repo);
  const entry = options.phase === 'post' ? meta.runs.post : meta.runs.main;
  if (!entry) throw new Error(`${action}/action.yml has no ${options.phase ?? 'main'} entry`);
  const inputs: Record<string, string> = {};
  for (const [name, def] of Object.entries(meta.inputs))
    if (def.default !== undefined) inputs[name] = String(def.default);
  Object.assign(inputs, options.inputs);
  return runStep({
    ...options,
    inputs,
    entry: join(repo, action, entry),
    env: { GITHUB_WORKSPACE: options.workspace, ...options.env },
  });
}
