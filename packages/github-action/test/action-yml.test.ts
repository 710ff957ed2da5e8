// action.yml (repository root) and the sub-actions' action.yml files agree with the code: input names and defaults,
// outputs, runtime, entry points.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../src/inputs.js';
import { formatOutputs } from '../src/outputs.js';
import { deployStep } from '../src/manage/deploy.js';
import { exportStep } from '../src/manage/export.js';
import { importStep } from '../src/manage/import.js';
import { rollbackStep } from '../src/manage/rollback.js';
import { actionMetadata, repoRoot } from './harness.js';

const text = readFileSync(join(repoRoot, 'action.yml'), 'utf8');

/** The keys of a top-level mapping (`inputs:` / `outputs:` / `runs:`) with their indented `key: value` fields. */
function section(name: string): Map<string, Record<string, string>> {
  const lines = text.split('\n');
  const start = lines.indexOf(`${name}:`);
  expect(start, `action.yml has a top-level \`${name}:\``).toBeGreaterThanOrEqual(0);
  const out = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const key = /^ {2}([\w-]+):\s*(.*)$/.exec(line);
    if (key) {
      current = {};
      out.set(key[1] as string, current);
      if (key[2]) current[''] = unquote(key[2]);
      continue;
    }
    const field = /^ {4}([\w-]+):\s*(.*)$/.exec(line);
    if (field && current) current[field[1] as string] = unquote(field[2] as string);
  }
  return out;
}

function unquote(v: string): string {
  const t = v.trim();
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.startsWith('"') && t.endsWith('"')) return JSON.parse(t) as string;
  return t;
}

describe('action.yml', () => {
  it('declares exactly the documented inputs, with their documented defaults', () => {
    const inputs = section('inputs');
    expect([...inputs.keys()]).toEqual([
      'api-key',
      'base-url',
      'workflow-id',
      'input',
      'mode',
      'wait',
      'timeout-seconds',
      'cancel-on-timeout',
      'selected-outputs',
      'fail-on-error',
      'include-github-context',
      'comment-on-pr',
      'github-token',
      'resume-execution-id',
      'resume-context-id',
    ]);
    for (const [name, def] of Object.entries(DEFAULTS)) expect(inputs.get(name)?.['default'], name).toBe(def);
    expect(inputs.get('api-key')?.['required']).toBe('true');
    expect(inputs.get('workflow-id')?.['required']).toBe('true');
    expect(inputs.get('github-token')?.['default']).toBe('${{ github.token }}');
    for (const [name, fields] of inputs) expect(fields['description'], `${name} has a description`).toMatch(/\S{3}/);
  });

  it('declares exactly the outputs the code sets', () => {
    const outputs = section('outputs');
    expect([...outputs.keys()].sort()).toEqual(Object.keys(formatOutputs({ status: 'completed' }).values).sort());
    for (const [name, fields] of outputs) expect(fields['description'], `${name} has a description`).toMatch(/\S{3}/);
  });

  it('runs the committed bundles on node24, post step always', () => {
    const runs = new Map(
      text
        .split('\n')
        .slice(text.split('\n').indexOf('runs:') + 1)
        .map((l) => /^ {2}([\w-]+):\s*(.*)$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [m[1], unquote(m[2] as string)]),
    );
    expect(runs.get('using')).toBe('node24');
    expect(runs.get('main')).toBe('packages/github-action/dist/main.js');
    expect(runs.get('post')).toBe('packages/github-action/dist/post.js');
    expect(runs.get('post-if')).toBe('always()');
    expect(existsSync(join(repoRoot, runs.get('main') as string))).toBe(true);
    expect(existsSync(join(repoRoot, runs.get('post') as string))).toBe(true);
    expect(text).toMatch(/^branding:\n {2}icon: '\S+'\n {2}color: '\S+'/m);
  });
});

describe('the sub-actions deploy/, rollback/, export/, import/ (their action.yml agrees with the code)', () => {
  const steps = { deploy: deployStep, rollback: rollbackStep, export: exportStep, import: importStep } as const;

  it.each(Object.entries(steps))(
    '%s/action.yml: exactly the inputs the code reads, with its defaults; the outputs it sets',
    (name, step) => {
      const meta = actionMetadata(name);
      expect(Object.keys(meta.inputs)).toEqual(Object.keys(step.inputs));
      for (const [input, spec] of Object.entries(step.inputs)) {
        const declared = meta.inputs[input]!;
        expect(declared.description, `${name}: ${input} has a description`).toMatch(/\S{3}/);
        expect(declared.required === true, `${name}: ${input} required`).toBe(spec.required === true);
        if (!spec.required) expect(String(declared.default), `${name}: ${input} default`).toBe(spec.default);
      }
      expect(Object.keys(meta.outputs)).toEqual([...step.outputs]);
      for (const [output, def] of Object.entries(meta.outputs))
        expect(def.description, `${name}: ${output}`).toMatch(/\S{3}/);
      expect(meta.inputs['api-key']?.description).toContain('Masked');
      expect(meta.name).toMatch(/Sim/);
    },
  );

  it.each(Object.keys(steps))(
    '%s/action.yml runs its committed bundle on node24, beside the run action (../packages/github-action/dist)',
    (name) => {
      const meta = actionMetadata(name);
      expect(meta.runs).toEqual({ using: 'node24', main: `../packages/github-action/dist/${name}.js` });
      expect(existsSync(join(repoRoot, name, meta.runs.main))).toBe(true);
      expect(readFileSync(join(repoRoot, name, 'action.yml'), 'utf8')).toMatch(
        /^branding:\n {2}icon: '\S+'\n {2}color: 'purple'/m,
      );
    },
  );
});
