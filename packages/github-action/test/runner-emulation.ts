// A small, strict emulation of the GitHub runner for one job of a workflow file: steps in order, `if:` conditions
// (an implicit `success() &&` unless a status function is named), `continue-on-error`, `${{ }}` expressions of the
// contexts `secrets`, `vars`, `env`, `github` and `steps`, `env:` per step, our actions (`sim-integrations/
// sim-integrations[/<folder>]@v1`) run through the harness (entry from their action.yml, in a copy of the repository,
// `INPUT_*` with the action.yml defaults, file commands), `run:` steps through bash as the runner does
// (`bash --noprofile --norc -eo pipefail`), and the post steps of actions that have one after the last step.
// Anything else (another expression, a third-party action that is not listed as skipped) is an error, not a guess.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionMetadata, isolatedRepo, parseFileCommands, runAction, type StepResult } from './harness.js';

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string | boolean;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
}

export interface Job {
  steps: Step[];
  env?: Record<string, string>;
}

export interface Emulation {
  node: string;
  secrets: Record<string, string>;
  vars: Record<string, string>;
  github?: Record<string, string>;
  /** Where our actions send requests: set as `base-url` on steps that do not set it (no test talks to the internet). */
  baseUrl: string;
  /** `uses:` prefixes of third-party actions that are not run (e.g. `actions/checkout@`): reported as skipped. */
  skip: string[];
}

export interface StepRecord {
  label: string;
  /** `skipped`: its condition was false; `not run`: a listed third-party action whose condition was true. */
  status: 'ran' | 'skipped' | 'not run';
  outcome?: 'success' | 'failure';
  conclusion?: 'success' | 'failure';
  outputs: Record<string, string>;
  result?: StepResult;
  log?: string;
}

const OURS = /^sim-integrations\/sim-integrations(?:\/([\w-]+))?@v1$/;

// ---- expressions ---------------------------------------------------------------------------------

type Value = string | boolean | null;
interface Ctx {
  lookup(path: string): Value;
  status: { failed: boolean };
}

function tokens(expr: string): string[] {
  const out: string[] = [];
  const re = /\s*('(?:[^']|'')*'|==|!=|&&|\|\||!|\(|\)|[A-Za-z_][\w.-]*(?:\(\))?|\d+)\s*/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < expr.length && (m = re.exec(expr))) {
    out.push(m[1] as string);
    at = re.lastIndex;
  }
  if (at < expr.trimEnd().length) throw new Error(`expression not supported by this runner emulation: ${expr}`);
  return out;
}

function evaluate(expr: string, ctx: Ctx): Value {
  const t = tokens(expr);
  let i = 0;
  const peek = () => t[i];
  const primary = (): Value => {
    const tok = t[i++];
    if (tok === undefined) throw new Error(`incomplete expression: ${expr}`);
    if (tok === '(') {
      const v = or();
      if (t[i++] !== ')') throw new Error(`missing ) in ${expr}`);
      return v;
    }
    if (tok === '!') return !truthy(primary());
    if (tok.startsWith("'")) return tok.slice(1, -1).replace(/''/g, "'");
    if (tok === 'true' || tok === 'false') return tok === 'true';
    if (tok === 'success()') return !ctx.status.failed;
    if (tok === 'failure()') return ctx.status.failed;
    if (tok === 'always()') return true;
    if (tok === 'cancelled()') return false;
    if (/^\d+$/.test(tok)) return tok;
    return ctx.lookup(tok);
  };
  const comparison = (): Value => {
    const left = primary();
    const op = peek();
    if (op === '==' || op === '!=') {
      i++;
      const right = primary();
      const equal = String(left ?? '').toLowerCase() === String(right ?? '').toLowerCase();
      return op === '==' ? equal : !equal;
    }
    return left;
  };
  const and = (): Value => {
    let v = comparison();
    while (peek() === '&&') {
      i++;
      const r = comparison();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  const or = (): Value => {
    let v = and();
    while (peek() === '||') {
      i++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  const v = or();
  if (i !== t.length) throw new Error(`expression not supported by this runner emulation: ${expr}`);
  return v;
}

const truthy = (v: Value): boolean => v !== null && v !== false && v !== '' && v !== '0';

/** Replaces every `${{ … }}` in a string. */
export function expand(value: unknown, ctx: Ctx): string {
  return String(value).replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    const v = evaluate(expr, ctx);
    return v === null ? '' : String(v);
  });
}

function condition(raw: string | boolean | undefined, ctx: Ctx): boolean {
  if (raw === undefined) return !ctx.status.failed;
  if (typeof raw === 'boolean') return raw && !ctx.status.failed;
  const expr = raw.trim().replace(/^\$\{\{\s*([\s\S]*?)\s*\}\}$/, '$1');
  const withStatus = /\b(success|failure|always|cancelled)\(\)/.test(expr) ? expr : `success() && (${expr})`;
  return truthy(evaluate(withStatus, ctx));
}

// ---- the job -------------------------------------------------------------------------------------

function bash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const t = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(t);
      resolve({ code, out });
    });
  });
}

export async function runJob(
  job: Job,
  emulation: Emulation,
): Promise<{ steps: StepRecord[]; failed: boolean; workspace: string }> {
  const workspace = mkdtempSync(join(tmpdir(), 'sim-readme-job-'));
  const scratch = mkdtempSync(join(tmpdir(), 'sim-readme-scratch-'));
  const records: StepRecord[] = [];
  const byId = new Map<string, StepRecord>();
  const status = { failed: false };
  const github: Record<string, string> = {
    repository: 'octo-org/octo-repo',
    sha: '0123456789abcdef0123456789abcdef01234567',
    ref: 'refs/heads/main',
    ref_name: 'main',
    workspace,
    ...emulation.github,
  };
  const posts: Array<{
    action: string;
    inputs: Record<string, string>;
    state: Record<string, string>;
    env: Record<string, string>;
    label: string;
  }> = [];
  try {
    for (const [index, step] of job.steps.entries()) {
      const label = step.id ?? step.name ?? step.uses ?? `step ${index + 1}`;
      const envOf = (): Record<string, string> => ({ ...(job.env ?? {}) });
      const ctx: Ctx = {
        status,
        lookup: (path) => {
          const [root, ...rest] = path.split('.');
          const key = rest.join('.');
          if (root === 'secrets') return emulation.secrets[key] ?? '';
          if (root === 'vars') return emulation.vars[key] ?? '';
          if (root === 'env') return envOf()[key] ?? '';
          if (root === 'github') {
            if (!(key in github)) throw new Error(`github.${key} is not known to this runner emulation`);
            return github[key] as string;
          }
          if (root === 'steps') {
            const [id, what, name] = rest as [string, string, string | undefined];
            const rec = byId.get(id);
            if (what === 'outputs' && name) return rec?.outputs[name] ?? '';
            if (what === 'outcome' || what === 'conclusion') return rec?.[what] ?? '';
          }
          throw new Error(`context ${path} is not supported by this runner emulation`);
        },
      };
      const record: StepRecord = { label, status: 'skipped', outputs: {} };
      records.push(record);
      if (step.id) byId.set(step.id, record);
      if (!condition(step.if, ctx)) continue;
      const env: Record<string, string> = { ...envOf() };
      for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, ctx);

      let code: number | null;
      if (step.uses !== undefined) {
        const ours = OURS.exec(step.uses);
        if (!ours) {
          if (!emulation.skip.some((p) => step.uses?.startsWith(p)))
            throw new Error(`step ${label}: ${step.uses} is neither ours nor listed as skipped`);
          record.status = 'not run';
          continue;
        }
        const action = ours[1] ?? '.';
        const inputs: Record<string, string> = { 'base-url': emulation.baseUrl };
        for (const [k, v] of Object.entries(step.with ?? {})) inputs[k] = expand(v, ctx);
        const result = await runAction(action, {
          node: emulation.node,
          workspace,
          inputs,
          env: {
            ...env,
            GITHUB_SHA: github['sha'] as string,
            GITHUB_REF: github['ref'] as string,
            GITHUB_REF_NAME: github['ref_name'] as string,
          },
        });
        record.result = result;
        record.outputs = result.outputs;
        code = result.code;
        if (actionMetadata(action, isolatedRepo()).runs.post)
          posts.push({ action, inputs, state: result.state, env, label });
      } else if (step.run !== undefined) {
        const script = join(scratch, `step-${index}.sh`);
        const output = join(scratch, `step-${index}.output`);
        writeFileSync(script, expand(step.run, ctx));
        writeFileSync(output, '');
        const r = await bash(
          script,
          {
            PATH: process.env['PATH'] ?? '/usr/bin:/bin',
            HOME: scratch,
            GITHUB_WORKSPACE: workspace,
            GITHUB_OUTPUT: output,
            ...env,
          },
          workspace,
        );
        code = r.code;
        record.log = r.out;
        record.outputs = parseFileCommands(readFileSync(output, 'utf8'));
      } else {
        throw new Error(`step ${label}: neither \`uses\` nor \`run\``);
      }
      record.status = 'ran';
      record.outcome = code === 0 ? 'success' : 'failure';
      record.conclusion = step['continue-on-error'] ? 'success' : record.outcome;
      if (record.conclusion === 'failure') status.failed = true;
    }
    // post steps (post-if: always()), last first
    for (const post of posts.reverse()) {
      const r = await runAction(post.action, {
        node: emulation.node,
        workspace,
        inputs: post.inputs,
        state: post.state,
        env: post.env,
        phase: 'post',
      });
      records.push({
        label: `Post ${post.label}`,
        status: 'ran',
        outcome: r.code === 0 ? 'success' : 'failure',
        conclusion: r.code === 0 ? 'success' : 'failure',
        outputs: {},
        result: r,
      });
    }
    return { steps: records, failed: status.failed, workspace };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
