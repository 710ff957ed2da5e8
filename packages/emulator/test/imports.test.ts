/** No import cycles in the emulator's sources (type-only imports count too, as for madge --circular). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of readdirSync(SRC).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(SRC, f), 'utf8');
    const deps = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*from\s+'\.\/([\w-]+)\.js'/g)].map(
      (m) => `${m[1]}.ts`,
    );
    g.set(f, [...new Set(deps)]);
  }
  return g;
}

function cycles(g: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): void => {
    state.set(n, 'active');
    stack.push(n);
    for (const d of g.get(n) ?? []) {
      if (state.get(d) === 'active') found.push([...stack.slice(stack.indexOf(d)), d]);
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of g.keys()) if (!state.has(n)) visit(n);
  return found;
}

describe('imports', () => {
  it('have no cycles', () => {
    const g = graph();
    expect(g.size).toBeGreaterThan(20);
    expect(g.get('execute.ts')).toContain('pause.ts'); // the graph is read (a known edge)
    expect(cycles(g).map((c) => c.join(' > '))).toEqual([]);
  });

  it('the cycle finder finds a cycle', () => {
    expect(
      cycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['a.ts']],
        ]),
      ),
    ).toEqual([['a.ts', 'b.ts', 'a.ts']]);
  });
});
