// "The examples in the README run as written." Every YAML example of this package's README and the root README:
//  1. passes GitHub's workflow schema (@action-validator/cli, offline, as test/repo does; a fragment without `on:` or
//     without `jobs:` is wrapped in the smallest workflow around it);
//  2. uses only actions of this repository that exist (`sim-integrations/sim-integrations[/<folder>]@v1` names a
//     folder with an action.yml), passes only inputs they declare and every required one, and reads only outputs
//     they declare (`steps.<id>.outputs.<name>`);
//  3. the release example (deploy → smoke run → roll back), the export and the promotion examples run, as written,
//     through a runner emulation (test/runner-emulation.ts) against the emulator. The one change: our actions get
//     the emulator as `base-url`, because no test talks to the internet.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '@sim-integrations/emulator';
import { actionMetadata, isolatedRepo, nodeBinaries, parseYaml, repoRoot } from './harness.js';
import { runJob, type Emulation, type Job, type StepRecord } from './runner-emulation.js';

interface Example {
  file: string;
  heading: string;
  line: number;
  text: string;
}

/** The ```yaml blocks of a Markdown file, with the heading above each. */
function yamlExamples(file: string): Example[] {
  const lines = readFileSync(join(repoRoot, file), 'utf8').split('\n');
  const out: Example[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^#{1,6} /.test(line)) heading = line.replace(/^#+ /, '');
    if (line.trim() !== '```yaml') continue;
    const start = i + 1;
    while (i + 1 < lines.length && (lines[i + 1] as string).trim() !== '```') i++;
    out.push({ file, heading, line: start + 1, text: lines.slice(start, i + 1).join('\n') + '\n' });
    i++;
  }
  return out;
}

/** The example as a whole workflow: steps get a job, a job list without a trigger gets `on: workflow_dispatch`. */
function asWorkflow(text: string): string {
  if (/^- /m.test(text) && !/^jobs:/m.test(text)) {
    const indented = text
      .split('\n')
      .map((l) => (l ? `      ${l}` : l))
      .join('\n');
    return `on: workflow_dispatch\njobs:\n  example:\n    runs-on: ubuntu-latest\n    steps:\n${indented}`;
  }
  return /^on:/m.test(text) ? text : `on: workflow_dispatch\n${text}`;
}

const OURS = /^sim-integrations\/sim-integrations(?:\/([\w-]+))?@(\S+)$/;

interface WorkflowDoc {
  jobs: Record<
    string,
    { outputs?: Record<string, string>; steps: Array<{ id?: string; uses?: string; with?: Record<string, unknown> }> }
  >;
}

/** What is wrong with an example's use of our actions ([] when nothing is). */
export function checkExample(text: string): string[] {
  const problems: string[] = [];
  const doc = parseYaml(asWorkflow(text)) as WorkflowDoc;
  for (const [jobName, job] of Object.entries(doc.jobs)) {
    const ours = new Map<string, string>();
    for (const step of job.steps) {
      const m = step.uses ? OURS.exec(step.uses) : null;
      if (!m) continue;
      const folder = m[1] ?? '.';
      if (m[2] !== 'v1') problems.push(`${jobName}: ${step.uses}: use the major tag @v1`);
      if (!existsSync(join(repoRoot, folder, 'action.yml'))) {
        problems.push(`${jobName}: ${step.uses}: there is no ${folder}/action.yml`);
        continue;
      }
      const meta = actionMetadata(folder);
      for (const key of Object.keys(step.with ?? {}))
        if (!(key in meta.inputs)) problems.push(`${jobName}: ${step.uses}: input \`${key}\` is not declared`);
      for (const [key, def] of Object.entries(meta.inputs))
        if (def.required && !(key in (step.with ?? {})))
          problems.push(`${jobName}: ${step.uses}: required input \`${key}\` missing`);
      if (step.id) ours.set(step.id, folder);
    }
    const jobText = JSON.stringify(job);
    for (const [, id, name] of jobText.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const folder = ours.get(id as string);
      if (folder === undefined) {
        if (!job.steps.some((s) => s.id === id && s.uses === undefined))
          problems.push(`${jobName}: steps.${id}: no step of ours with that id`);
        continue;
      }
      if (!(name! in actionMetadata(folder).outputs))
        problems.push(`${jobName}: steps.${id}.outputs.${name}: ${folder}/action.yml declares no output \`${name}\``);
    }
  }
  return problems;
}

const CLI = join(repoRoot, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const offline: string[] = spawnSync('unshare', ['-rn', 'true']).status === 0 ? ['unshare', '-rn'] : [];
const scratch = mkdtempSync(join(tmpdir(), 'sim-readme-examples-'));

function validate(text: string, name: string): Promise<{ code: number | null; text: string }> {
  const file = join(scratch, `${name}.yml`);
  writeFileSync(file, text);
  const [cmd, ...args] = [...offline, process.execPath, CLI, file];
  return new Promise((resolve) => {
    const child = spawn(cmd as string, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, text: out }));
  });
}

const examples = [...yamlExamples('packages/github-action/README.md'), ...yamlExamples('README.md')];
const label = (e: Example) => `${e.file}:${e.line} (${e.heading})`;
const example = (heading: string): Example => {
  const found = examples.find((e) => e.heading === heading);
  if (!found) throw new Error(`no example under "${heading}"`);
  return found;
};

describe('the YAML examples of the READMEs', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('are all found (the run action, the sub-actions, the root README)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const h of [
      'Deploy, smoke-test, roll back when the smoke run fails',
      'A nightly export that opens a pull request when a workflow changed',
      'Promote a workflow into another workspace',
    ])
      expect(
        examples.some((e) => e.heading === h),
        h,
      ).toBe(true);
    expect(examples.some((e) => e.file === 'README.md')).toBe(true);
  });

  it('pass the workflow schema (action-validator, offline)', async () => {
    const results = await Promise.all(examples.map((e, i) => validate(asWorkflow(e.text), `example-${i}`)));
    results.forEach((r, i) => {
      expect(r.text, `${label(examples[i]!)}:\n${r.text}`).toBe('');
      expect(r.code).toBe(0);
    });
  });

  it.each(examples.map((e) => [label(e), e] as const))('%s uses our actions as they are declared', (_name, e) => {
    expect(checkExample(e.text)).toEqual([]);
  });

  it('the checks catch a misspelt input, a missing required input, an unknown output and an unknown folder', () => {
    const text = example('Deploy, smoke-test, roll back when the smoke run fails').text;
    expect(checkExample(text.replace('version: ${{', 'versions: ${{'))).toContain(
      'release: sim-integrations/sim-integrations/rollback@v1: input `versions` is not declared',
    );
    expect(
      checkExample(
        text.replace('steps.deploy.outputs.previous-version }}\n', 'steps.deploy.outputs.prior-version }}\n'),
      ),
    ).toContain('release: steps.deploy.outputs.prior-version: deploy/action.yml declares no output `prior-version`');
    expect(
      checkExample(
        text.replace('sim-integrations/sim-integrations/rollback@v1', 'sim-integrations/sim-integrations/revert@v1'),
      ),
    ).toContain('release: sim-integrations/sim-integrations/revert@v1: there is no revert/action.yml');
    expect(checkExample(text.replace(/ {10}workflow-id: \$\{\{ vars\.SIM_WORKFLOW_ID \}\}\n/, ''))).toContain(
      'release: sim-integrations/sim-integrations/deploy@v1: required input `workflow-id` missing',
    );
  });
});

describe('the examples run as written (runner emulation, emulator)', () => {
  let emu: Emulator;
  const workspaces: string[] = [];
  const node = nodeBinaries()[1]!.bin; // the runner's Node 24
  beforeAll(async () => {
    isolatedRepo();
    emu = await startEmulator({ port: 0, jobDurationMs: 100 });
  });
  afterAll(async () => {
    await emu?.close();
    for (const w of workspaces) rmSync(w, { recursive: true, force: true });
  });
  beforeEach(() => emu.reset());

  const jobOf = (heading: string, name: string): Job =>
    (parseYaml(example(heading).text) as { jobs: Record<string, Job> }).jobs[name] as Job;
  const emulation = (
    vars: Record<string, string>,
    secrets: Record<string, string> = { SIM_API_KEY: SEED.apiKey },
  ): Emulation => ({
    node,
    secrets,
    vars,
    baseUrl: emu.url,
    skip: ['actions/checkout@', 'peter-evans/create-pull-request@'],
  });
  const summary = (steps: StepRecord[]) =>
    steps.map((s) => `${s.label}: ${s.status}${s.outcome ? ` ${s.outcome}` : ''}`);
  const run = async (job: Job, e: Emulation) => {
    const r = await runJob(job, e);
    workspaces.push(r.workspace);
    return r;
  };

  it('release: the smoke run passes, so nothing is rolled back', async () => {
    const r = await run(
      jobOf('Deploy, smoke-test, roll back when the smoke run fails', 'release'),
      emulation({ SIM_WORKFLOW_ID: SEED.workflows.echo }),
    );
    expect(summary(r.steps)).toEqual([
      'deploy: ran success',
      'smoke: ran success',
      'Roll back: skipped',
      'Fail the release: skipped',
      'Post smoke: ran success',
    ]);
    expect(r.failed).toBe(false);
    expect(r.steps[0]!.outputs).toEqual({ version: '2', 'previous-version': '1' });
    expect(emu.journal().filter((e) => e.path.endsWith('/rollback'))).toEqual([]);
  });

  it('release: the smoke run fails, the previous version is made live again and the job fails', async () => {
    const r = await run(
      jobOf('Deploy, smoke-test, roll back when the smoke run fails', 'release'),
      emulation({ SIM_WORKFLOW_ID: SEED.workflows.fail }),
    );
    expect(summary(r.steps)).toEqual([
      'deploy: ran success',
      'smoke: ran failure',
      'Roll back: ran success',
      'Fail the release: ran failure',
      'Post smoke: ran success',
    ]);
    expect(r.failed).toBe(true);
    expect(r.steps[1]!.conclusion).toBe('success'); // continue-on-error
    expect(r.steps[2]!.outputs).toEqual({ version: '1' });
    expect(r.steps[3]!.log).toContain('::error::The smoke run of version 2 failed; version 1 is live again.');
    const rollbacks = emu.journal().filter((e) => e.path === `/api/v1/workflows/${SEED.workflows.fail}/rollback`);
    expect(rollbacks.map((e) => [e.status, JSON.parse(e.body)])).toEqual([[200, { version: 1 }]]);
  });

  it('export: the workspace is written to sim-workflows, and the pull request step is reached when it changed', async () => {
    const r = await run(
      jobOf('A nightly export that opens a pull request when a workflow changed', 'export'),
      emulation({ SIM_WORKSPACE_ID: SEED.otherWorkspaceId }),
    );
    expect(summary(r.steps)).toEqual([
      'actions/checkout@v5: not run',
      'export: ran success',
      'peter-evans/create-pull-request@v7: not run',
    ]);
    expect(r.steps[1]!.outputs).toEqual({
      changed: 'true',
      files: 'sim-workflows/wf-other-1.json\nsim-workflows/wf-other-2.json',
    });
    expect(existsSync(join(r.workspace, 'sim-workflows', 'wf-other-1.json'))).toBe(true);
  });

  it('promote: export with one key, import and deploy with another; a new workflow id in the other workspace', async () => {
    const r = await run(
      jobOf('Promote a workflow into another workspace', 'promote'),
      emulation(
        { SIM_STAGING_WORKFLOW_ID: SEED.workflows.echo, SIM_PRODUCTION_WORKSPACE_ID: SEED.otherWorkspaceId },
        { SIM_STAGING_API_KEY: SEED.apiKey, SIM_PRODUCTION_API_KEY: SEED.enterpriseApiKey },
      ),
    );
    expect(summary(r.steps)).toEqual(['export: ran success', 'import: ran success', 'step 3: ran success']);
    const id = r.steps[1]!.outputs['workflow-id']!;
    expect(id).not.toBe(SEED.workflows.echo);
    expect(r.steps[1]!.outputs['version']).toBe('1');
    expect(r.steps[2]!.log).toContain(`The production workflow ${id} is live at version 1.`);
    const imported = emu.journal().find((e) => e.path === '/api/v1/workflows/import')!;
    expect(imported.headers['x-api-key']).toBe(SEED.enterpriseApiKey);
    expect(JSON.parse(imported.body)).toMatchObject({ workspaceId: SEED.otherWorkspaceId, name: 'Support bot' });
    const listed = await fetch(`${emu.url}/api/v1/workflows?workspaceId=${SEED.otherWorkspaceId}`, {
      headers: { 'x-api-key': SEED.apiKey },
    });
    expect(((await listed.json()) as { data: Array<{ id: string; isDeployed: boolean }> }).data).toContainEqual(
      expect.objectContaining({ id, isDeployed: true }),
    );
  });
});
