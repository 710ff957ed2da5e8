// Every action.yml of the repository (the run action at the root, the sub-actions deploy/, rollback/, export/,
// import/) passes the action-metadata schema of @action-validator/cli 0.6.0, offline (in a network namespace of its
// own where the machine allows it, like workflows.test.ts). The validator's schema predates `runs.using: node24`, so
// each file is validated with that one value read as `node20`; that every file says `node24` is checked here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYaml, read, root } from './helpers.js';

const CLI = join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const offline: string[] = spawnSync('unshare', ['-rn', 'true']).status === 0 ? ['unshare', '-rn'] : [];

const actionFiles = [
  'action.yml',
  ...readdirSync(root, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() &&
        d.name !== 'node_modules' &&
        !d.name.startsWith('.') &&
        existsSync(join(root, d.name, 'action.yml')),
    )
    .map((d) => `${d.name}/action.yml`)
    .sort(),
];

const scratch = mkdtempSync(join(tmpdir(), 'sim-actions-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Validates action metadata text; the file name must be action.yml for the validator to pick the action schema. */
function validate(text: string, label: string): { code: number | null; text: string } {
  const dir = join(scratch, label.replace(/[^\w-]/g, '_'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'action.yml');
  writeFileSync(file, text);
  const [cmd, ...args] = [...offline, process.execPath, CLI, file];
  const r = spawnSync(cmd as string, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

describe('action.yml files', () => {
  it('are the run action and the four workflow-management sub-actions', () => {
    expect(actionFiles).toEqual([
      'action.yml',
      'deploy/action.yml',
      'export/action.yml',
      'import/action.yml',
      'rollback/action.yml',
    ]);
  });

  it.each(actionFiles)('%s runs on node24 and passes the action-metadata schema (offline)', (file) => {
    const text = read(file);
    expect((parseYaml(text) as { runs: { using: string } }).runs.using).toBe('node24');
    const asNode20 = text.replace(/^ {2}using: 'node24'$/m, "  using: 'node20'");
    expect(asNode20).not.toBe(text);
    const result = validate(asNode20, file);
    expect(result.text, `${file}:\n${result.text}`).toBe('');
    expect(result.code).toBe(0);
  });

  it('the validator fails on a broken action.yml (a misspelt key)', () => {
    const broken = read('deploy/action.yml')
      .replace("  using: 'node24'", "  using: 'node20'")
      .replace('\noutputs:\n', '\noutputz:\n');
    const result = validate(broken, 'broken');
    expect(result.code).toBe(1);
    expect(result.text).toContain("Additional property 'outputz' is not allowed");
  });
});
