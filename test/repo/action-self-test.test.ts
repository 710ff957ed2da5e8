// .github/workflows/action-self-test.yml runs the Action (`uses: ./`) on a real runner against the emulator.
// No runner is reachable from here, so this test
//  1. checks the workflow against action.yml: every `steps.<id>.outputs.<name>` it reads is an output the Action
//     declares, every `with:` key is a declared input, and every mode of the Action is exercised;
//  2. runs the job the way the runner would: the emulator start step (in the background, as written), each
//     `uses: ./` step through the committed bundle (`INPUT_*` variables, GITHUB_OUTPUT file), and each assertion
//     step through bash with its `${{ … }}` expressions resolved from the earlier steps' outputs and outcomes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { actionMetadata, parseYaml, read, root, type ActionMetadata } from './helpers.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}
interface Job {
  env: Record<string, string>;
  steps: Step[];
  strategy: { matrix: { profile: string[] } };
}

const WORKFLOW = '.github/workflows/action-self-test.yml';
const workflowText = read(WORKFLOW);
const job = (parseYaml(workflowText) as { jobs: { 'self-test': Job } }).jobs['self-test'];
const localSteps = job.steps.filter((s) => s.uses === './');
const action = actionMetadata();

/** Problems of the self-test workflow against the Action's metadata ([] when it agrees). */
export function checkAgainstAction(text: string, action: ActionMetadata): string[] {
  const problems: string[] = [];
  const steps = (parseYaml(text) as { jobs: { 'self-test': Job } }).jobs['self-test'].steps;
  const actionIds = new Set(steps.filter((s) => s.uses === './').map((s) => s.id));
  const declared = new Set(Object.keys(action.outputs ?? {}));
  const read = [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)];
  if (read.length === 0) problems.push('the workflow reads no step outputs');
  for (const [, id, name] of read) {
    if (!actionIds.has(id)) problems.push(`steps.${id}: not a \`uses: ./\` step`);
    if (!declared.has(name as string))
      problems.push(`steps.${id}.outputs.${name}: action.yml declares no output \`${name}\``);
  }
  for (const name of declared) {
    if (!read.some((m) => m[2] === name)) problems.push(`output \`${name}\` (action.yml) is never asserted`);
  }
  for (const s of steps.filter((x) => x.uses === './')) {
    for (const key of Object.keys(s.with ?? {})) {
      if (!(key in (action.inputs ?? {})))
        problems.push(`steps.${s.id}: input \`${key}\` is not declared in action.yml`);
    }
    for (const [key, def] of Object.entries(action.inputs ?? {})) {
      if (def.required && !(key in (s.with ?? {}))) problems.push(`steps.${s.id}: required input \`${key}\` missing`);
    }
  }
  return problems;
}

describe('action-self-test.yml against action.yml', () => {
  it('reads only declared outputs, asserts all of them and passes only declared inputs', () => {
    expect(checkAgainstAction(workflowText, actionMetadata())).toEqual([]);
  });

  it('renaming an output in action.yml breaks this check', () => {
    const renamed = read('action.yml').replace(/^ {2}execution-id:$/m, '  run-id:');
    expect(renamed).not.toBe(read('action.yml'));
    expect(checkAgainstAction(workflowText, actionMetadata(renamed))).toContain(
      'steps.async.outputs.execution-id: action.yml declares no output `execution-id`',
    );
  });

  it('covers every mode: async with wait, sync, stream, wait false, a failing workflow with fail-on-error false, an invalid input', () => {
    const withOf = (id: string) => localSteps.find((s) => s.id === id)?.with ?? {};
    expect(withOf('async')).toMatchObject({ mode: 'async' });
    expect(withOf('async')).not.toHaveProperty('wait');
    expect(withOf('sync')).toMatchObject({ mode: 'sync' });
    expect(withOf('stream')).toMatchObject({ mode: 'stream' });
    expect(String(withOf('nowait').wait)).toBe('false');
    expect(withOf('failing')).toMatchObject({ 'workflow-id': 'wf-fail' });
    expect(String(withOf('failing')['fail-on-error'])).toBe('false');
    const invalid = localSteps.find((s) => s.id === 'invalid');
    expect(invalid?.['continue-on-error']).toBe(true);
    expect(() => JSON.parse(String(invalid?.with?.input))).not.toThrow();
    expect(Array.isArray(JSON.parse(String(invalid?.with?.input)))).toBe(true);
    expect(workflowText).toContain('test "$OUTCOME" = failure');
  });

  it('starts the emulator in an earlier step with npx sim-emulator and waits until it answers', () => {
    const start = job.steps.findIndex((s) => s.run?.includes('npx sim-emulator --port'));
    expect(start).toBeGreaterThan(-1);
    expect(job.steps[start]?.run).toMatch(/&\n/);
    expect(job.steps[start]?.run).toContain('curl -fsS "$SIM_BASE_URL/__emulator"');
    expect(start).toBeLessThan(job.steps.indexOf(localSteps[0] as Step));
  });
});

// ---- a small, strict emulation of the runner for this one job ----

type Result = { outcome: 'success' | 'failure'; conclusion: 'success' | 'failure'; outputs: Record<string, string> };

/** Reads the runner's file-command format (`name<<delimiter` … `delimiter`, or `name=value`). */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] as string);
      out[heredoc[1] as string] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

/** Resolves `${{ … }}` in a string; only the few expressions this workflow uses, anything else is an error. */
function expand(
  value: unknown,
  ctx: { env: Record<string, string>; matrix: Record<string, string>; steps: Map<string, Result> },
): string {
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    let m = /^env\.(\w+)$/.exec(expr);
    if (m) return ctx.env[m[1] as string] ?? '';
    m = /^matrix\.(\w+)$/.exec(expr);
    if (m) return ctx.matrix[m[1] as string] ?? '';
    m = /^steps\.([\w-]+)\.(outcome|conclusion)$/.exec(expr);
    if (m) return ctx.steps.get(m[1] as string)?.[m[2] as 'outcome' | 'conclusion'] ?? '';
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (m) return ctx.steps.get(m[1] as string)?.outputs[m[2] as string] ?? '';
    throw new Error(`expression not supported by this runner emulation: \${{ ${expr} }}`);
  });
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });

/** Runs a child to completion (async, so the emulator in this process group keeps serving). */
function run(cmd: string, args: string[], opts: { env: Record<string, string>; cwd: string; timeoutMs: number }) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

const SKIPPED = ['actions/checkout', 'actions/setup-node', 'Build the emulator'];
const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the self-test job, run like the runner would', () => {
  // the matrix's profiles run side by side, each with its own emulator on its own port
  it.concurrent.for(job.strategy.matrix.profile)(
    'profile %s: every step succeeds and every assertion holds',
    async (profile, { expect }) => {
      const temp = mkdtempSync(join(tmpdir(), 'sim-self-test-'));
      scratchDirs.push(temp);
      const port = String(await freePort());
      const matrix = { profile };
      const steps = new Map<string, Result>();
      // The job's env, with the emulator moved to a free port (other tests share this machine).
      const jobEnv: Record<string, string> = {};
      for (const [k, v] of Object.entries(job.env)) jobEnv[k] = expand(v, { env: {}, matrix, steps });
      expect(jobEnv.SIM_BASE_URL).toBe(`http://127.0.0.1:${jobEnv.SIM_EMULATOR_PORT}`);
      jobEnv.SIM_EMULATOR_PORT = port;
      jobEnv.SIM_BASE_URL = `http://127.0.0.1:${port}`;
      const base = {
        PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? temp,
        RUNNER_TEMP: temp,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_WORKSPACE: root,
        GITHUB_REPOSITORY: 'sim-integrations/sim-integrations',
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_API_URL: 'http://127.0.0.1:9',
        ...jobEnv,
      };
      let jobFailed = false;
      const ran: string[] = [];
      const skipped: string[] = [];
      let emulatorGroup: number | undefined;
      try {
        for (const [index, step] of job.steps.entries()) {
          const label = step.id ?? step.name ?? step.uses ?? `step ${index}`;
          if (SKIPPED.some((s) => step.uses?.startsWith(`${s}@`) || step.name === s)) {
            skipped.push(label);
            continue;
          }
          const cond = step.if ?? 'success()';
          if (!['success()', 'always()', 'failure()'].includes(cond)) throw new Error(`if: ${cond} not supported here`);
          if ((cond === 'success()' && jobFailed) || (cond === 'failure()' && !jobFailed)) continue;
          const ctx = { env: base, matrix, steps };
          const env: Record<string, string> = { ...base };
          for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, ctx);
          let code: number | null;
          let out: string;
          let outputs: Record<string, string> = {};
          if (step.uses === './') {
            const outFile = join(temp, `${label}.output`);
            writeFileSync(outFile, '');
            Object.assign(env, {
              GITHUB_OUTPUT: outFile,
              GITHUB_STATE: join(temp, `${label}.state`),
              GITHUB_STEP_SUMMARY: join(temp, `${label}.summary`),
            });
            for (const f of [env.GITHUB_STATE, env.GITHUB_STEP_SUMMARY]) writeFileSync(f as string, '');
            // like the runner: every input with a default in action.yml is set, then the step's own `with:`
            for (const [k, def] of Object.entries(action.inputs)) {
              if (def.default !== undefined)
                env[`INPUT_${k.toUpperCase()}`] = String(def.default).replace(
                  '${{ github.token }}',
                  'ghs_not-a-real-token',
                );
            }
            for (const [k, v] of Object.entries(step.with ?? {})) env[`INPUT_${k.toUpperCase()}`] = expand(v, ctx);
            ({ code, out } = await run(process.execPath, [join(root, 'packages/github-action/dist/main.js')], {
              env,
              cwd: root,
              timeoutMs: 60_000,
            }));
            outputs = parseFileCommands(readFileSync(outFile, 'utf8'));
          } else if (step.run !== undefined) {
            const script = join(temp, `step-${index}.sh`);
            writeFileSync(script, expand(step.run, ctx));
            if (step.run.includes('npx sim-emulator')) {
              // The step leaves the emulator running in the background; its process group is ended after the job.
              const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
                cwd: root,
                env,
                detached: true,
                stdio: ['ignore', 'pipe', 'pipe'],
              });
              emulatorGroup = child.pid;
              let text = '';
              child.stdout.on('data', (d) => (text += d));
              child.stderr.on('data', (d) => (text += d));
              code = await new Promise<number | null>((resolve) => child.on('close', resolve));
              out = text;
            } else {
              ({ code, out } = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
                env,
                cwd: root,
                timeoutMs: 60_000,
              }));
            }
          } else {
            throw new Error(`step ${label}: neither \`uses: ./\` nor \`run\`, and not in the skipped list`);
          }
          const outcome = code === 0 ? 'success' : 'failure';
          const conclusion = step['continue-on-error'] ? 'success' : outcome;
          if (step.id) steps.set(step.id, { outcome, conclusion, outputs });
          ran.push(label);
          if (conclusion === 'failure') {
            jobFailed = true;
            expect.fail(`step "${label}" failed (exit ${code}):\n${out}`);
          }
        }
      } finally {
        if (emulatorGroup !== undefined) {
          try {
            process.kill(-emulatorGroup, 'SIGTERM');
          } catch {
            // already gone
          }
        }
      }
      // the background emulator really stopped with the job
      let stillUp = true;
      for (let i = 0; i < 50 && stillUp; i++) {
        stillUp = await fetch(`${jobEnv.SIM_BASE_URL}/__emulator`).then(
          () => true,
          () => false,
        );
        if (stillUp) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stillUp).toBe(false);
      expect(skipped).toEqual(['actions/checkout@v5', 'actions/setup-node@v5', 'Build the emulator']);
      expect(ran.filter((l) => localSteps.some((s) => s.id === l))).toEqual([
        'async',
        'sync',
        'stream',
        'nowait',
        'failing',
        'invalid',
      ]);
      expect(steps.get('invalid')).toMatchObject({ outcome: 'failure', conclusion: 'success' });
      expect(ran.filter((l) => l.startsWith('Assert'))).toHaveLength(6);
    },
  );
});
