// The app definition must be valid for Zapier: checked with zapier-platform-schema in-process, and
// with the real CLI (`zapier-platform validate`, which needs Node 22+) on the built folder.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import zapier from 'zapier-platform-core';
import schema from 'zapier-platform-schema';
import App from '../src/index.js';
import { createAppHandler } from './helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function definition(): Promise<Record<string, unknown>> {
  const res = await createAppHandler(App)({ command: 'definition' }, {});
  return res.results as Record<string, unknown>;
}

describe('app definition', () => {
  it('passes zapier-platform-schema validation', async () => {
    const def = await definition();
    const result = schema.validateAppDefinition(def) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  it('passes zapier-platform-core validation (the checks `zapier-platform validate` runs locally)', async () => {
    const res = await createAppHandler(App)({ command: 'validate' }, {});
    expect(res.results).toEqual([]);
  });

  it('has the documented authentication fields, triggers, creates and searches, with sample and outputFields on every operation', async () => {
    const def = (await definition()) as {
      authentication: { type: string; fields: Array<{ key: string; required?: boolean; default?: string }> };
      triggers: Record<string, { operation: Record<string, unknown>; display: { hidden?: boolean; label: string } }>;
      creates: Record<string, { operation: Record<string, unknown> }>;
      searches: Record<string, { operation: Record<string, unknown> }>;
    };
    expect(def.authentication.type).toBe('custom');
    expect(def.authentication.fields.map((f) => f.key)).toEqual(['apiKey', 'workspaceId', 'baseUrl']);
    expect(def.authentication.fields.find((f) => f.key === 'baseUrl')).toMatchObject({
      required: false,
      default: 'https://www.sim.ai',
    });
    expect(Object.keys(def.creates).sort()).toEqual(['cancel_execution', 'execute_workflow', 'resume_run']);
    expect(Object.keys(def.searches).sort()).toEqual(['find_execution', 'find_workflow', 'get_job_status']);
    expect(def.triggers['new_execution_log']!.display.label).toBe('Workflow Run Finished');
    expect(def.triggers['workflow_list']!.display.hidden).toBe(true);
    expect(def.triggers['workflow_list']!.operation['canPaginate']).toBe(true);
    for (const group of [def.triggers, def.creates, def.searches]) {
      for (const [key, op] of Object.entries(group)) {
        expect(op.operation['sample'], `${key} sample`).toBeTruthy();
        expect((op.operation['outputFields'] as unknown[]).length, `${key} outputFields`).toBeGreaterThan(0);
      }
    }
  });

  it('pins zapier-platform-core to an exact version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies['zapier-platform-core']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(zapier.version).toBe(pkg.dependencies['zapier-platform-core']);
  });
});

describe('build/', () => {
  it('builds a self-contained folder whose index.js exports the app definition', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe', timeout: 60_000 });
    const pkg = JSON.parse(readFileSync(join(root, 'build', 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg['main']).toBe('index.js');
    expect(pkg['dependencies']).toEqual({ 'zapier-platform-core': '19.1.0' });
    const source = readFileSync(join(root, 'build', 'index.js'), 'utf8');
    // The core is bundled in; zapier-platform-core stays a runtime dependency.
    expect(source).not.toMatch(/require\(["']@sim-integrations\/core/);
    expect(source).toMatch(/require\(["']zapier-platform-core["']\)/);
    const built = execFileSync(
      process.execPath,
      ['-e', "const a=require('./build/index.js');console.log(JSON.stringify({v:a.version,c:Object.keys(a.creates)}))"],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(JSON.parse(built)).toEqual({ v: '0.1.0', c: ['execute_workflow', 'cancel_execution', 'resume_run'] });
    expect(existsSync(join(root, 'build', 'index.js'))).toBe(true);
  });
});
