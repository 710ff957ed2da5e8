// The real Zapier CLI on a fresh build of the app: `zapier-platform validate --without-style` and
// `zapier-platform invoke create execute_workflow` against the emulator. The CLI refuses Node 20, so under
// Node 20 these run under Node 22 from scripts/ensure-node.mjs (the npm package for this platform), and skip,
// saying why, where this platform has none.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { findNode } from '../../../scripts/ensure-node.mjs';
import { startEmu, type Emulator } from './helpers.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(root, '..', '..');
const cli = join(repo, 'node_modules', '.bin', 'zapier-platform');

const ownMajor = Number(process.versions.node.split('.')[0]);
const node: { bin?: string; reason?: string } =
  ownMajor >= 22 ? { bin: process.execPath } : (findNode as (major: number) => { bin?: string; reason?: string })(22);
if (!node.bin) console.warn(`Skipping the Zapier CLI tests: the CLI needs Node 22 or later, and ${node.reason}.`);

describe.skipIf(!node.bin)(`zapier-platform CLI on a built folder (Node ${Math.max(ownMajor, 22)})`, () => {
  let emu: Emulator;
  // This file's own build (scripts/build.mjs <folder>), inside the package so that zapier-platform-core resolves
  // from it as from build/: schema.test.ts rebuilds build/ meanwhile, and build/.env may hold a person's connection.
  let buildDir: string;
  beforeAll(async () => {
    mkdirSync(join(root, '.tmp'), { recursive: true });
    buildDir = mkdtempSync(join(root, '.tmp', 'cli-build-'));
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), buildDir], {
      cwd: root,
      stdio: 'pipe',
      timeout: 60_000,
    });
    emu = await startEmu('v1');
    // `invoke` reads the connection from <folder>/.env, as authData_<field>=…
    writeFileSync(
      join(buildDir, '.env'),
      `authData_apiKey=${emu.seed.apiKey}\nauthData_workspaceId=${emu.seed.workspaceId}\nauthData_baseUrl=${emu.url}\n`,
    );
  });
  afterAll(async () => {
    await emu?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  const zapierCli = (args: string[]) =>
    run(node.bin!, [cli, ...args], {
      cwd: buildDir,
      timeout: 90_000,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        DISABLE_ZAPIER_ANALYTICS: '1',
        ZAPIER_BASE_ENDPOINT: 'http://127.0.0.1:9',
      },
    });

  it('validate --without-style finds no structural errors', async () => {
    const { stdout } = await zapierCli(['validate', '--without-style']);
    expect(stdout).toMatch(/No structural errors found/);
  });

  it('invoke create execute_workflow runs the workflow against the emulator', async () => {
    emu.clearJournal();
    const input = JSON.stringify({
      workflowId: emu.seed.workflows.echo,
      mode: 'async',
      input__name: 'Cli',
      input__count: '6',
    });
    const { stdout } = await zapierCli(['invoke', 'create', 'execute_workflow', '--non-interactive', '-i', input]);
    const json = stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1);
    const result = JSON.parse(json) as Record<string, unknown>;
    expect(result).toMatchObject({
      status: 'completed',
      mode: 'async',
      output: { result: { name: 'Cli', count: 6, doubled: 12 }, stdout: 'echo called' },
    });
    const execute = emu.journal().find((c) => c.method === 'POST' && c.path === '/api/workflows/wf-echo/execute');
    expect(execute?.headers['x-api-key']).toBe(emu.seed.apiKey);
  });

  it('invoke auth test and label', async () => {
    const { stdout } = await zapierCli(['invoke', 'auth', 'label', '--non-interactive']);
    expect(stdout).toContain(`Sim pro plan · workspace ${emu.seed.workspaceId}`);
  });
});
