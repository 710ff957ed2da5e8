#!/usr/bin/env node
// Prepares a fresh self-hosted Sim server for the live conformance suite (`npm run test:live`), entirely over
// Sim's own HTTP routes, as recorded in packages/emulator/recordings/sim-server-facts.md §bootstrap:
//   1. POST /api/auth/sign-up/email              → a user and its session cookie
//   2. POST /api/workspaces                      → a workspace (no default workflow)
//   3. POST /api/workspaces/{id}/api-keys        → a workspace API key
//   4. for echo, fail and slow: POST /api/workflows, PUT /api/workflows/{id}/state, POST /api/workflows/{id}/deploy
// Every session call sends `Origin: <base url>` and the session cookie.
//
// Usage: node scripts/live-bootstrap.mjs --base-url http://localhost:3000
// Prints, on stdout, `::add-mask::<key>` first (so a GitHub runner masks the key) and then NAME=value lines for
// $GITHUB_ENV: SIM_BASE_URL, SIM_API_KEY, SIM_WORKSPACE_ID, SIM_LIVE_ECHO_WORKFLOW_ID, SIM_LIVE_FAIL_WORKFLOW_ID,
// SIM_LIVE_SLOW_WORKFLOW_ID. Progress goes to stderr. The key is never printed anywhere else, not in errors either.
import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';

const USAGE =
  'Usage: node scripts/live-bootstrap.mjs --base-url <url of a fresh Sim server, e.g. http://localhost:3000>';

/** One sub-block in the shape the state route stores: `{id: <key>, type, value}`. */
const sub = (id, type, value) => ({ id, type, value });

/** A block in the recorded shape. */
function block(id, type, name, x, subBlocks) {
  return {
    id,
    type,
    name,
    position: { x, y: 0 },
    subBlocks,
    outputs: {},
    enabled: true,
    horizontalHandles: true,
    advancedMode: false,
    triggerMode: false,
    data: {},
  };
}

const edge = (source, target) => ({ id: randomUUID(), source, target, sourceHandle: 'source', targetHandle: 'target' });

function startBlock(id, fields) {
  return block(id, 'start_trigger', 'Start', 0, {
    inputFormat: sub(
      'inputFormat',
      'input-format',
      fields.map(([name, type]) => ({ id: randomUUID(), name, type, value: '', collapsed: false })),
    ),
    runMetadata: sub('runMetadata', 'switch', false),
  });
}

function functionBlock(id, code, x) {
  return block(id, 'function', 'Function', x, {
    language: sub('language', 'dropdown', 'javascript'),
    code: sub('code', 'code', code),
  });
}

/** The three workflows of the recordings: echo, fail and slow (25 s wait, then a Response block). */
export const WORKFLOWS = {
  echo: {
    name: 'live-echo',
    env: 'SIM_LIVE_ECHO_WORKFLOW_ID',
    state(startId) {
      const fn = randomUUID();
      const code =
        "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }";
      return {
        blocks: {
          [startId]: startBlock(startId, [
            ['name', 'string'],
            ['count', 'number'],
          ]),
          [fn]: functionBlock(fn, code, 400),
        },
        edges: [edge(startId, fn)],
      };
    },
  },
  fail: {
    name: 'live-fail',
    env: 'SIM_LIVE_FAIL_WORKFLOW_ID',
    state(startId) {
      const fn = randomUUID();
      return {
        blocks: {
          [startId]: startBlock(startId, [['name', 'string']]),
          [fn]: functionBlock(fn, "throw new Error('boom: ' + <start.name>)", 400),
        },
        edges: [edge(startId, fn)],
      };
    },
  },
  slow: {
    name: 'live-slow',
    env: 'SIM_LIVE_SLOW_WORKFLOW_ID',
    state(startId) {
      const wait = randomUUID();
      const response = randomUUID();
      return {
        blocks: {
          [startId]: startBlock(startId, [
            ['name', 'string'],
            ['count', 'number'],
          ]),
          [wait]: block(wait, 'wait', 'Wait', 400, {
            timeValue: sub('timeValue', 'short-input', '25'),
            timeUnit: sub('timeUnit', 'dropdown', 'seconds'),
            async: sub('async', 'switch', false),
          }),
          [response]: block(response, 'response', 'Response', 800, {
            dataMode: sub('dataMode', 'dropdown', 'json'),
            data: sub('data', 'code', '{"slow": true, "name": <start.name>}'),
            status: sub('status', 'short-input', '200'),
            headers: sub('headers', 'table', []),
          }),
        },
        edges: [edge(startId, wait), edge(wait, response)],
      };
    },
  },
};

/** Talks to one Sim server with a session cookie; errors name the call and status, never a key. */
function sessionClient(baseUrl, fetchImpl) {
  const origin = new URL(baseUrl).origin;
  const cookies = new Map();
  const secrets = [];
  const redact = (text) => secrets.reduce((t, s) => t.split(s).join('sk-sim-…'), text);

  async function call(method, path, body) {
    const headers = { Origin: origin, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (cookies.size > 0) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let res;
    try {
      res = await fetchImpl(new URL(path, origin + '/'), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'manual',
      });
    } catch (err) {
      throw new Error(
        `${method} ${path}: no answer from ${origin} (${err.cause?.code ?? err.message}). Is Sim running?`,
      );
    }
    for (const line of res.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${method} ${path} answered HTTP ${res.status}: ${redact(text).slice(0, 500)}`);
    }
    try {
      return text === '' ? {} : JSON.parse(text);
    } catch {
      throw new Error(
        `${method} ${path} answered HTTP ${res.status} with a body that is not JSON: ${redact(text).slice(0, 200)}`,
      );
    }
  }
  return { call, hasSession: () => cookies.size > 0, addSecret: (s) => secrets.push(s) };
}

/**
 * Bootstraps the server. Returns `{ apiKey, workspaceId, workflows: { echo, fail, slow } }` (workflow ids).
 * `log` receives progress lines (never the key).
 */
export async function bootstrap({ baseUrl, fetchImpl = globalThis.fetch, log = () => {} }) {
  const sim = sessionClient(baseUrl, fetchImpl);
  const suffix = randomBytes(6).toString('hex');
  const email = `live-${suffix}@sim-integrations.test`;

  await sim.call('POST', '/api/auth/sign-up/email', {
    email,
    password: `Pw-${randomBytes(18).toString('base64url')}`,
    name: 'sim-integrations live',
  });
  if (!sim.hasSession()) throw new Error('POST /api/auth/sign-up/email set no session cookie: cannot go on.');
  log(`signed up ${email}`);

  const ws = await sim.call('POST', '/api/workspaces', {
    name: `sim-integrations live ${suffix}`,
    skipDefaultWorkflow: true,
  });
  const workspaceId = ws?.workspace?.id;
  if (typeof workspaceId !== 'string' || workspaceId === '')
    throw new Error(`POST /api/workspaces answered no workspace.id`);
  log(`workspace ${workspaceId}`);

  const created = await sim.call('POST', `/api/workspaces/${encodeURIComponent(workspaceId)}/api-keys`, {
    name: `live-${suffix}`,
  });
  const apiKey = created?.key?.key;
  if (typeof apiKey !== 'string' || apiKey === '')
    throw new Error('POST /api/workspaces/{id}/api-keys answered no key.key');
  sim.addSecret(apiKey);
  log('workspace API key created');

  const workflows = {};
  for (const [kind, def] of Object.entries(WORKFLOWS)) {
    const wf = await sim.call('POST', '/api/workflows', { name: def.name, workspaceId });
    if (typeof wf?.id !== 'string') throw new Error(`POST /api/workflows (${def.name}) answered no id`);
    // v0.8.9 creates the workflow with a start block and returns its id; the March server returns none.
    const startId = typeof wf.startBlockId === 'string' && wf.startBlockId !== '' ? wf.startBlockId : randomUUID();
    const path = `/api/workflows/${encodeURIComponent(wf.id)}`;
    await sim.call('PUT', `${path}/state`, { ...def.state(startId), loops: {}, parallels: {} });
    const deployed = await sim.call('POST', `${path}/deploy`, {});
    if (deployed?.isDeployed !== true)
      throw new Error(`POST ${path}/deploy (${def.name}) did not answer isDeployed: true`);
    workflows[kind] = wf.id;
    log(`${def.name}: ${wf.id} deployed`);
  }
  return { apiKey, workspaceId, workflows };
}

/** The stdout of the script: the mask command first, then the NAME=value lines for $GITHUB_ENV. */
export function outputLines(baseUrl, result) {
  return [
    `::add-mask::${result.apiKey}`,
    `SIM_BASE_URL=${baseUrl}`,
    `SIM_API_KEY=${result.apiKey}`,
    `SIM_WORKSPACE_ID=${result.workspaceId}`,
    ...Object.entries(WORKFLOWS).map(([kind, def]) => `${def.env}=${result.workflows[kind]}`),
  ];
}

function parseArgs(argv) {
  let baseUrl;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return { help: true };
    if (a === '--base-url') baseUrl = argv[++i];
    else if (a.startsWith('--base-url=')) baseUrl = a.slice('--base-url='.length);
    else throw new Error(`unknown argument ${JSON.stringify(a)}`);
  }
  if (!baseUrl) throw new Error('--base-url is required');
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`--base-url must be http(s), got ${url.protocol}`);
  return { baseUrl: url.origin + url.pathname.replace(/\/+$/, '') };
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`live-bootstrap: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  try {
    const result = await bootstrap({
      baseUrl: args.baseUrl,
      log: (line) => process.stderr.write(`live-bootstrap: ${line}\n`),
    });
    process.stdout.write(outputLines(args.baseUrl, result).join('\n') + '\n');
  } catch (err) {
    process.stderr.write(`live-bootstrap: ${err.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
