// The workflow-management sub-actions (deploy/, rollback/, export/, import/) run the way the runner runs them: the
// entry each action.yml names, from a copy of the repository without node_modules, INPUT_* variables with the
// action.yml defaults, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE; against the emulator over HTTP.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { isolatedRepo, leaksOf, nodeBinaries, runAction, type StepResult } from './harness.js';

const KEY = SEED.apiKey;
const [node20, node24] = nodeBinaries().map((n) => n.bin) as [string, string];

let emu: Emulator;
const workspaces: string[] = [];
beforeAll(async () => {
  isolatedRepo();
  emu = await startEmulator({ port: 0, jobDurationMs: 100 });
});
afterAll(async () => {
  await emu?.close();
  for (const w of workspaces) rmSync(w, { recursive: true, force: true });
});
beforeEach(() => emu.reset());

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sim-action-workspace-'));
  workspaces.push(dir);
  return dir;
}

const base = () => ({ 'api-key': KEY, 'base-url': emu.url });
/** Requests that reached the emulator, but the v2 detection probe. */
const requests = () => emu.journal().filter((e) => !e.path.startsWith('/api/v2/'));

function expectFine(r: StepResult): void {
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(leaksOf(r, KEY)).toEqual([]);
  expect(r.stdout).toContain(`::add-mask::${KEY}`);
}

function expectRefused(r: StepResult, message: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toMatch(/^::error::/m);
  const error = r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '';
  expect(decodeURIComponent(error.replace(/%0A/g, '\n'))).toMatch(message);
  expect(leaksOf(r, KEY)).toEqual([]);
}

describe('deploy/', () => {
  it('deploys as a new version named after the commit and ref; outputs the new and the previous version', async () => {
    const r = await runAction('deploy', {
      node: node24,
      workspace: workspace(),
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    expectFine(r);
    expect(r.outputs).toEqual({ version: '2', 'previous-version': '1' });
    const sent = requests().filter((e) => e.method === 'POST');
    expect(sent.map((e) => e.path)).toEqual(['/api/v1/workflows/wf-echo/deploy']);
    expect(JSON.parse(sent[0]!.body)).toEqual({
      name: '0123456 main',
      description:
        'Deployed from octo-org/octo-repo@0123456789abcdef0123456789abcdef01234567 (refs/heads/main) by https://github.com/octo-org/octo-repo/actions/runs/4242',
    });
    expect(r.summary).toContain('## Sim deploy');
    expect(r.summary).toContain('Version name: `0123456 main`');
    expect(r.summary).toContain('| `wf-echo` | 2 | 1 | ✅ live |');
  });

  it('several workflows, with a version name of its own: lists in the order of workflow-id (Node 20 too)', async () => {
    const r = await runAction('deploy', {
      node: node20,
      workspace: workspace(),
      inputs: {
        ...base(),
        'workflow-id': `${SEED.workflows.echo}\n${SEED.workflows.undeployed}`,
        'version-name': 'release 1.2',
        description: 'notes',
      },
    });
    expectFine(r);
    expect(r.outputs).toEqual({ version: '2,1', 'previous-version': '1,' });
    const bodies = requests()
      .filter((e) => e.method === 'POST')
      .map((e) => JSON.parse(e.body));
    expect(bodies).toEqual([
      { name: 'release 1.2', description: 'notes' },
      { name: 'release 1.2', description: 'notes' },
    ]);
  });

  it('a failure after the first workflow: says what was deployed and what not; outputs cover the deployed ones', async () => {
    const r = await runAction('deploy', {
      node: node24,
      workspace: workspace(),
      inputs: { ...base(), 'workflow-id': `${SEED.workflows.echo},no-such-workflow,${SEED.workflows.fail}` },
    });
    expectRefused(
      r,
      /Sim deploy of no-such-workflow failed: .*HTTP 404.*Already done: wf-echo → version 2\. Not attempted: wf-fail\./s,
    );
    expect(r.outputs).toEqual({ version: '2,,', 'previous-version': '1,,' });
    expect(r.summary).toContain('| `no-such-workflow` | – | – | not deployed |');
    expect(requests().filter((e) => e.method === 'POST')).toHaveLength(2);
  });

  it('bad inputs fail before any request, naming the input', async () => {
    const w = workspace();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'workflow-id': '' }, /Input `workflow-id`: is required/],
      [{ 'workflow-id': 'a, a' }, /Input `workflow-id`: lists "a" twice/],
      [
        { 'workflow-id': SEED.workflows.echo, 'version-name': 'x'.repeat(101) },
        /Input `version-name`: `name` is 101 characters long; Sim takes at most 100/,
      ],
      [
        { 'workflow-id': SEED.workflows.echo, 'base-url': 'ftp://sim.example' },
        /Input `base-url`: .*only http:\/\/ and https:\/\//,
      ],
      [{ 'workflow-id': SEED.workflows.echo, 'api-key': '' }, /Input `api-key`: is required/],
    ];
    const results = await Promise.all(
      cases.map(([inputs]) => runAction('deploy', { node: node24, workspace: w, inputs: { ...base(), ...inputs } })),
    );
    results.forEach((r, i) => {
      expectRefused(r, cases[i]![1]);
      expect(r.outputs).toEqual({ version: '', 'previous-version': '' });
      expect(r.summary).toContain('❌ failed');
    });
    expect(emu.journal()).toEqual([]);
  });
});

describe('rollback/', () => {
  it("without version, to the one before the live one; with deploy's previous-version, to that one", async () => {
    const w = workspace();
    const deployed = await runAction('deploy', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    await runAction('deploy', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    const plain = await runAction('rollback', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    expectFine(plain);
    expect(plain.outputs).toEqual({ version: '2' });
    expect(plain.summary).toContain('| `wf-echo` | 2 |');
    const r = await runAction('rollback', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo, version: deployed.outputs['previous-version']! },
    });
    expectFine(r);
    expect(r.outputs).toEqual({ version: '1' });
    const bodies = requests()
      .filter((e) => e.path.endsWith('/rollback'))
      .map((e) => JSON.parse(e.body));
    expect(bodies).toEqual([{}, { version: 1 }]);
  });

  it('a version that does not exist: the HTTP status and what to do; a version list that does not match: refused before any request', async () => {
    const w = workspace();
    const missing = await runAction('rollback', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo, version: '7' },
    });
    expectRefused(
      missing,
      /Sim rollback failed: Sim API POST \/api\/v1\/workflows\/wf-echo\/rollback failed with HTTP 404: .*Version 7 does not exist for workflow `wf-echo`/,
    );
    expect(missing.outputs).toEqual({ version: '' });
    emu.clearJournal();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'workflow-id': 'a,b', version: '1' }, /Input `version`: has 1 version for 2 workflow ids/],
      [
        { 'workflow-id': 'a,b', version: ',1' },
        /Input `version`: is empty for workflow "a": that workflow had no earlier version/,
      ],
      [{ 'workflow-id': 'a', version: 'v2' }, /Input `version`: must be a deployment version/],
      [{ 'workflow-id': 'a', version: '0' }, /Input `version`: must be a deployment version/],
    ];
    const results = await Promise.all(
      cases.map(([inputs]) => runAction('rollback', { node: node24, workspace: w, inputs: { ...base(), ...inputs } })),
    );
    results.forEach((r, i) => expectRefused(r, cases[i]![1]));
    expect(emu.journal()).toEqual([]);
  });
});

describe('export/', () => {
  it('one file per workflow; an unchanged workflow leaves the file byte-identical and untouched', async () => {
    const w = workspace();
    const inputs = { ...base(), 'workflow-id': `${SEED.workflows.echo}\n${SEED.workflows.hitl}` };
    const first = await runAction('export', { node: node24, workspace: w, inputs });
    expectFine(first);
    expect(first.outputs).toEqual({ changed: 'true', files: 'sim-workflows/wf-echo.json\nsim-workflows/wf-hitl.json' });
    const file = join(w, 'sim-workflows', 'wf-echo.json');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('exportedAt');
    expect(text.endsWith('}\n')).toBe(true);
    const data = JSON.parse(text) as {
      version: string;
      workflow: { id: string };
      state: { blocks: Record<string, unknown> };
    };
    expect(data).toMatchObject({ version: '1.0', workflow: { id: SEED.workflows.echo } });
    expect(Object.keys(data)).toEqual([...Object.keys(data)].sort());
    expect(first.summary).toContain('2 workflows → `sim-workflows`: 2 changed.');
    expect(first.summary).toMatch(/new file, blocks: `Function` \(`function`\), `Start` \(`start_trigger`\)/);
    const mtime = statSync(file).mtimeMs;

    await new Promise((r) => setTimeout(r, 20));
    const again = await runAction('export', { node: node24, workspace: w, inputs });
    expectFine(again);
    expect(again.outputs).toEqual({ changed: 'false', files: first.outputs['files'] });
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(again.summary).toContain('nothing changed');
  });

  it('the summary says which blocks were added, removed and changed since the file in the repository', async () => {
    const w = workspace();
    const inputs = { ...base(), 'workflow-id': SEED.workflows.echo, path: 'flows/sim' };
    await runAction('export', { node: node24, workspace: w, inputs });
    const file = join(w, 'flows', 'sim', 'wf-echo.json');
    // the repository's copy as it was: no Function block, a Start block with another position, an extra block
    const old = JSON.parse(readFileSync(file, 'utf8')) as {
      state: { blocks: Record<string, { type: string; position: unknown }> };
    };
    const [startId, fnId] = Object.entries(old.state.blocks)
      .sort(([, a]) => (a.type === 'start_trigger' ? -1 : 1))
      .map(([id]) => id) as [string, string];
    delete old.state.blocks[fnId];
    old.state.blocks[startId]!.position = { x: -100, y: 0 };
    old.state.blocks['gone'] = { id: 'gone', type: 'agent', name: 'Old agent', position: { x: 0, y: 0 } } as never;
    writeFileSync(file, JSON.stringify(old));
    const r = await runAction('export', { node: node24, workspace: w, inputs });
    expectFine(r);
    expect(r.outputs['changed']).toBe('true');
    expect(r.summary).toContain('- blocks added: `Function` (`function`)');
    expect(r.summary).toContain('- blocks removed: `Old agent` (`agent`)');
    expect(r.summary).toContain('- blocks changed: `Start` (`start_trigger`)');
    expect(readFileSync(file, 'utf8')).not.toBe(JSON.stringify(old));
  });

  it('a workspace: every workflow of it', async () => {
    const w = workspace();
    const r = await runAction('export', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workspace-id': SEED.otherWorkspaceId },
    });
    expectFine(r);
    expect(r.outputs['files']).toBe('sim-workflows/wf-other-1.json\nsim-workflows/wf-other-2.json');
    expect(existsSync(join(w, 'sim-workflows', 'wf-other-2.json'))).toBe(true);
  });

  it('a path outside the workspace is refused before any request; so are bad combinations', async () => {
    const w = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'sim-action-outside-'));
    workspaces.push(outside);
    symlinkSync(outside, join(w, 'link-out'));
    writeFileSync(join(w, 'a-file'), 'x');
    const id = SEED.workflows.echo;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'workflow-id': id, path: '../elsewhere' }, /Input `path`: "\.\.\/elsewhere" is outside the workspace/],
      [{ 'workflow-id': id, path: outside }, /Input `path`: ".*" is outside the workspace/],
      [{ 'workflow-id': id, path: 'link-out/flows' }, /Input `path`: "link-out\/flows" is outside the workspace/],
      [{ 'workflow-id': id, path: 'a-file' }, /Input `path`: "a-file" is a file; it must be a folder/],
      [
        { 'workflow-id': id, 'workspace-id': SEED.workspaceId },
        /Input `workspace-id`: cannot be combined with `workflow-id`/,
      ],
      [{}, /Input `workflow-id`: is required \(or `workspace-id`\)/],
    ];
    const results = await Promise.all(
      cases.map(([inputs]) => runAction('export', { node: node24, workspace: w, inputs: { ...base(), ...inputs } })),
    );
    results.forEach((r, i) => {
      expectRefused(r, cases[i]![1]);
      expect(r.outputs).toEqual({ changed: '', files: '' });
    });
    expect(emu.journal()).toEqual([]);
    expect(existsSync(join(outside, 'flows'))).toBe(false);
  });
});

describe('import/', () => {
  it('an exported file into another workspace: a new workflow id, deployed, that runs', async () => {
    const w = workspace();
    await runAction('export', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    const r = await runAction('import', {
      node: node24,
      workspace: w,
      inputs: {
        ...base(),
        file: 'sim-workflows/wf-echo.json',
        'workspace-id': SEED.otherWorkspaceId,
        name: 'echo (prod)',
        deploy: 'true',
      },
    });
    expectFine(r);
    const id = r.outputs['workflow-id']!;
    expect(id).toMatch(/\S/);
    expect(id).not.toBe(SEED.workflows.echo);
    expect(r.outputs['version']).toBe('1');
    expect(r.summary).toContain('Import creates a **new** workflow with a new id');
    expect(r.summary).toContain('set the credentials and environment variables the workflow uses again');
    const created = requests().find((e) => e.path === '/api/v1/workflows/import')!;
    expect(JSON.parse(created.body)).toMatchObject({
      workspaceId: SEED.otherWorkspaceId,
      name: 'echo (prod)',
      workflow: { workflow: { id: SEED.workflows.echo } },
    });
    const run = await fetch(`${emu.url}/api/workflows/${id}/execute`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: '{"name":"prod","count":2}',
    });
    expect(((await run.json()) as { output: unknown }).output).toMatchObject({ result: { name: 'prod', doubled: 4 } });
  });

  it('without deploy: version is empty and the workflow is not live', async () => {
    const w = workspace();
    await runAction('export', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    const r = await runAction('import', {
      node: node24,
      workspace: w,
      inputs: { ...base(), file: 'sim-workflows/wf-echo.json', 'workspace-id': SEED.workspaceId },
    });
    expectFine(r);
    expect(r.outputs['version']).toBe('');
    expect(requests().filter((e) => e.path.endsWith('/deploy'))).toEqual([]);
  });

  it('a missing, unreadable or foreign file is refused before any request; a workspace the key cannot reach answers 403', async () => {
    const w = workspace();
    mkdirSync(join(w, 'flows'));
    writeFileSync(join(w, 'flows', 'broken.json'), '{"version": "1.0", "state": ');
    writeFileSync(join(w, 'flows', 'other.json'), '{"name": "not an export"}');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ file: 'flows/missing.json' }, /Input `file`: "flows\/missing.json" does not exist in the workspace/],
      [{ file: 'flows' }, /Input `file`: "flows" is not a file/],
      [{ file: 'flows/broken.json' }, /Input `file`: "flows\/broken.json" is not valid JSON/],
      [
        { file: 'flows/other.json' },
        /Input `file`: "flows\/other.json" is not an export Sim can import: .*no `state.blocks`/,
      ],
      [{ file: '../../etc/passwd' }, /Input `file`: "\.\.\/\.\.\/etc\/passwd" is outside the workspace/],
      [{ file: 'flows/other.json', 'workspace-id': '' }, /Input `workspace-id`: is required/],
      [{ file: 'flows/other.json', deploy: 'yes' }, /Input `deploy`: must be `true` or `false`/],
    ];
    const results = await Promise.all(
      cases.map(([inputs]) =>
        runAction('import', {
          node: node24,
          workspace: w,
          inputs: { ...base(), 'workspace-id': SEED.workspaceId, ...inputs },
        }),
      ),
    );
    results.forEach((r, i) => {
      expectRefused(r, cases[i]![1]);
      expect(r.outputs).toEqual({ 'workflow-id': '', version: '' });
    });
    expect(emu.journal()).toEqual([]);

    await runAction('export', {
      node: node24,
      workspace: w,
      inputs: { ...base(), 'workflow-id': SEED.workflows.echo },
    });
    const denied = await runAction('import', {
      node: node24,
      workspace: w,
      inputs: { ...base(), file: 'sim-workflows/wf-echo.json', 'workspace-id': 'ws-of-someone-else' },
    });
    expectRefused(denied, /Sim import failed: .*HTTP 403.*may not create workflows in workspace `ws-of-someone-else`/);
  });
});
