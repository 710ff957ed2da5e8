// Runs the built n8n-nodes-sim package inside a real n8n 1.123.0 (headless, CLI only): installs n8n
// into a cache folder outside the repo on first use, loads the package as a custom extension,
// imports credentials and workflows, and executes workflows with `n8n execute --rawOutput`.
// Used by scripts/test-real-n8n.mjs (the end-to-end test) and scripts/demo/n8n.mjs (the demo).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '1.123.0';
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES_DIR = join(PACKAGE_DIR, 'examples');
export const CREDENTIAL_ID = 'simEmulatorCred1';

export function n8nCacheDir() {
  const cache = process.env.SIM_INTEGRATIONS_CACHE || join(homedir(), '.cache', 'sim-integrations');
  return join(cache, `n8n-${N8N_VERSION}`);
}

function n8nBin(dir = n8nCacheDir()) {
  return join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** True when n8n and its sqlite3 binding are installed in the cache. */
export function isN8nInstalled(dir = n8nCacheDir()) {
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
      reject(new Error(`${command} ${args.join(' ')} took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
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
 * Installs n8n 1.123.0 into the cache (about 3–4 minutes and 1.6 GB the first time; skipped when
 * already there): `npm install n8n@1.123.0 --ignore-scripts` with the `xlsx` override, then
 * `npm rebuild sqlite3` for the database binding.
 */
export async function ensureN8n({ log = console.log } = {}) {
  const dir = n8nCacheDir();
  if (isN8nInstalled(dir)) {
    log(`n8n ${N8N_VERSION} already installed in ${dir}`);
    return dir;
  }
  return await installN8n(dir, log);
}

/** Exported for a check of the nested npm's view of its folder. */
export { standaloneNpmEnv };

async function installN8n(dir, log) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'sim-integrations-n8n-cache', private: true, version: '1.0.0', overrides: { xlsx: '0.18.5' } }, null, 2),
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  log(`Installing n8n ${N8N_VERSION} into ${dir} (first run only: 3–4 minutes, ~1.6 GB)…`);
  const env = standaloneNpmEnv();
  const install = await run(npm, ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    env,
    timeoutMs: 20 * 60_000,
  });
  if (install.code !== 0) throw new Error(`npm install n8n@${N8N_VERSION} failed:\n${install.stderr.slice(-3000)}`);
  const rebuild = await run(npm, ['rebuild', 'sqlite3'], { cwd: dir, env, timeoutMs: 10 * 60_000 });
  if (rebuild.code !== 0) throw new Error(`npm rebuild sqlite3 failed:\n${rebuild.stderr.slice(-3000)}`);
  if (!isN8nInstalled(dir)) throw new Error(`n8n was installed into ${dir} but its sqlite3 binding is missing.`);
  return dir;
}

/** Builds dist/ when missing. */
export async function ensureBuilt() {
  if (existsSync(join(PACKAGE_DIR, 'dist', 'nodes', 'Sim', 'Sim.node.js'))) return;
  const result = await run(process.execPath, [join(PACKAGE_DIR, 'scripts', 'build.mjs')], { cwd: PACKAGE_DIR, env: process.env });
  if (result.code !== 0) throw new Error(`Build failed:\n${result.stderr}`);
}

/** Reads an example workflow, typed for a custom-extension install (`CUSTOM.sim` instead of `n8n-nodes-sim.sim`). */
export function loadExample(name, patch = (workflow) => workflow) {
  const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, `${name}.json`), 'utf8'));
  for (const node of workflow.nodes) node.type = node.type.replace(/^n8n-nodes-sim\./, 'CUSTOM.');
  return patch(workflow);
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

/**
 * A throwaway n8n instance: temp user folder (sqlite), the built package staged as a custom
 * extension (package.json + dist, so it resolves n8n-workflow from n8n itself, like a real install),
 * and credentials pointing at a Sim server.
 */
export async function createN8nInstance({ baseUrl, apiKey, workspaceId, log = console.log }) {
  const dir = n8nCacheDir();
  const root = mkdtempSync(join(tmpdir(), 'sim-n8n-'));
  const userFolder = join(root, 'user');
  const extensions = join(root, 'extensions');
  const staged = join(extensions, 'n8n-nodes-sim');
  mkdirSync(userFolder, { recursive: true });
  mkdirSync(staged, { recursive: true });
  cpSync(join(PACKAGE_DIR, 'package.json'), join(staged, 'package.json'));
  cpSync(join(PACKAGE_DIR, 'dist'), join(staged, 'dist'), { recursive: true });

  const env = {
    PATH: process.env.PATH,
    HOME: root,
    N8N_USER_FOLDER: userFolder,
    N8N_CUSTOM_EXTENSIONS: staged,
    DB_TYPE: 'sqlite',
    DB_SQLITE_POOL_SIZE: '2',
    N8N_RUNNERS_ENABLED: 'false',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
    N8N_LOG_LEVEL: 'info',
    N8N_LOG_OUTPUT: 'console',
    N8N_ENCRYPTION_KEY: 'sim-integrations-e2e-not-a-secret',
    NODE_ENV: 'production',
    TZ: 'UTC',
    NO_COLOR: '1',
  };
  const n8n = (args, timeoutMs = 180_000) => run(process.execPath, [n8nBin(dir), ...args], { cwd: root, env, timeoutMs });

  const credentials = [
    { id: CREDENTIAL_ID, name: 'Sim account', type: 'simApi', data: { apiKey, baseUrl, workspaceId } },
    { id: 'simWrongKeyCred1', name: 'Sim (wrong key)', type: 'simApi', data: { apiKey: 'sk-sim-wrong-key-for-test', baseUrl, workspaceId } },
  ];
  const credentialFile = join(root, 'credentials.json');
  writeFileSync(credentialFile, JSON.stringify(credentials, null, 2));
  log('n8n: importing credentials (n8n encrypts them)…');
  const imported = await n8n(['import:credentials', `--input=${credentialFile}`]);
  if (imported.code !== 0) throw new Error(`n8n import:credentials failed:\n${imported.stdout}\n${imported.stderr}`);

  return {
    root,
    env,
    n8n,
    /** Imports workflow objects (each needs id and versionId). */
    async importWorkflows(workflows) {
      const folder = join(root, `workflows-${Date.now()}`);
      mkdirSync(folder, { recursive: true });
      for (const workflow of workflows) writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
      const result = await n8n(['import:workflow', '--separate', `--input=${folder}`]);
      if (result.code !== 0) throw new Error(`n8n import:workflow failed:\n${result.stdout}\n${result.stderr}`);
    },
    /** `n8n execute --id … --rawOutput`: { code, stdout, stderr, runData } */
    async execute(workflowId) {
      const result = await n8n(['execute', `--id=${workflowId}`, '--rawOutput']);
      return { ...result, runData: parseRawOutput(result.stdout) };
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
