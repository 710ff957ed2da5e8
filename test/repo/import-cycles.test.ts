// No import cycles in the packages' sources (type-only imports included): a cycle means two modules that cannot be
// understood, tested or changed apart. Relative imports only; a module graph per package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sources(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every cycle's modules, found by a depth-first search over the relative imports. */
function importCycles(dir: string): string[][] {
  const files = new Set(sources(dir));
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'));
      if (files.has(target)) targets.push(target);
    }
    edges.set(file, targets);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open')
        cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(dir, f)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe.each(['core', 'emulator', 'github-action', 'zapier-app'])('packages/%s/src', (pkg) => {
  it('has no import cycles', () => {
    expect(importCycles(join(repo, 'packages', pkg, 'src'))).toEqual([]);
  });
});

describe('packages/n8n-nodes-sim', () => {
  it('has no import cycles', () => {
    expect(importCycles(join(repo, 'packages', 'n8n-nodes-sim', 'nodes'))).toEqual([]);
  });
});

it('the cycle finder finds a cycle (two modules that import each other)', () => {
  const dir = fileURLToPath(new URL('./fixtures/cycle', import.meta.url));
  expect(importCycles(dir)).toEqual([['a.ts', 'b.ts', 'a.ts']]);
});
