// Every citation of the real server's recordings, anywhere in the repository (packages' sources, tests, scripts and
// READMEs, test/, scripts/, bench/, docs/, the root documents, the workflow files), names a file of
// packages/emulator/recordings/ and a section of it that exists, in the form its place asks for; no older form and no
// path outside the repository is left. The forms: packages/emulator/recordings/README.md, "Citations".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Citation,
  citationsIn,
  citingFiles,
  FACTS,
  OLD_FORMS,
  problem,
  QUOTING_RECORDINGS,
  resolves,
} from './citations.js';
import { root } from './helpers.js';

/** This check and its resolver show the forms they look for. */
const SELF = new Set(['test/repo/citations.ts', 'test/repo/citations.test.ts']);
const files = citingFiles().filter((f) => !SELF.has(f));
const text = (f: string): string => readFileSync(join(root, f), 'utf8');

function oldForms(path: string, body: string): string[] {
  const out: string[] = [];
  body.split('\n').forEach((line, i) => {
    if (OLD_FORMS.some((re) => re.test(line))) out.push(`${path}:${i + 1}: ${line.trim()}`);
  });
  return out;
}

const problems = (all: Citation[]): string[] =>
  all.flatMap((c) => {
    const p = problem(c);
    return p ? [`${c.where}: ${p}`] : [];
  });

describe('citations of the recordings', () => {
  it('reads the whole repository: every package, test/, scripts/, bench/, docs/, the root documents, the workflows', () => {
    for (const f of [
      'packages/core/src/runs/pause.ts',
      'packages/emulator/src/server.ts',
      'packages/emulator/README.md',
      'packages/emulator/recordings/README.md',
      'packages/github-action/test/paused.test.ts',
      'packages/n8n-nodes-sim/nodes/Sim/Sim.node.ts',
      'packages/n8n-nodes-sim/scripts/test-real-n8n.mjs',
      'packages/zapier-app/src/creates/resumeRun.ts',
      'test/live/README.md',
      'scripts/live-bootstrap.mjs',
      'bench/index.mjs',
      'docs/sim-server-versions.md',
      'README.md',
      'CONTRIBUTING.md',
      'SECURITY.md',
      'action.yml',
      '.github/workflows/ci.yml',
      '.ci/run',
    ])
      expect(files, f).toContain(f);
    expect(files.some((f) => f.includes('/node_modules/') || f.startsWith('packages/emulator/recordings/2026-'))).toBe(
      false,
    );
  });

  it('every cited recordings file exists and every cited section resolves, with the path from the repository root outside the emulator', () => {
    const all = files.flatMap((f) => citationsIn(f, text(f)));
    expect(all.filter((c) => c.where.startsWith('packages/emulator/')).length).toBeGreaterThan(150);
    expect(all.filter((c) => !c.where.startsWith('packages/emulator/')).length).toBeGreaterThan(50);
    expect(problems(all)).toEqual([]);
  });

  it('no older citation form is left (facts G 18, 2026-12-03 M7, sim-server-facts.md outside recordings/, /work/shared, ../shared)', () => {
    const stale = files.filter((f) => !QUOTING_RECORDINGS.has(f)).flatMap((f) => oldForms(f, text(f)));
    expect(stale).toEqual([]);
  });

  it('the resolver: known sections resolve, made-up ones do not', () => {
    const known = ['5', '5.2', 'G', 'G.18', 'M7', 'D', 'D1', 'O2', 'March', 'raw-429s', 'v2-management', 'A', 'top'];
    expect(known.filter((id) => resolves(FACTS, id))).toEqual(known);
    expect(['5.99', 'G.99', 'M99', 'O99', 'D9', 'Z', 'nothing'].filter((id) => resolves(FACTS, id))).toEqual([]);
    expect(resolves('2026-12-03-v2-workflow-management.md', '"v2 export"')).toBe(true);
    expect(resolves('2026-12-01-paused-runs-selected-outputs-deploy.md', 'H')).toBe(true);
    expect(resolves('2026-12-01-paused-runs-selected-outputs-deploy.md', '"no such exchange"')).toBe(false);
    const personal = '2026-12-03-v2-personal-key-deploy.md';
    const exchanges = ['A', 'D', 'A9', 'A16', 'C10', 'D3.1', 'findings'];
    expect(exchanges.filter((id) => resolves(personal, id))).toEqual(exchanges);
    expect(['A99', 'D3.9', 'E1'].filter((id) => resolves(personal, id))).toEqual([]);
    expect(resolves('no-such-recording.md', 'A')).toBe(false);
  });

  it('fails on a bad citation: a missing section, a missing file, a path from the wrong place, an older form', () => {
    const good = [
      '// packages/emulator/recordings/sim-server-facts.md §G.18 to §G.21, §M7',
      '// packages/emulator/recordings/2026-12-03-v2-personal-key-deploy.md §A9, §findings',
      '// see §D1 (a § alone is a section of sim-server-facts.md)',
    ].join('\n');
    expect(problems(citationsIn('packages/core/src/x.ts', good))).toEqual([]);
    expect(
      problems(
        citationsIn(
          'docs/x.md',
          '[legend](../packages/emulator/recordings/README.md); packages/emulator/recordings/sim-server-facts.md §5.2',
        ),
      ),
    ).toEqual([]);
    expect(problems(citationsIn('packages/emulator/src/x.ts', '// recordings/sim-server-facts.md §G.18'))).toEqual([]);

    const bad = (path: string, line: string): string[] => problems(citationsIn(path, line));
    expect(bad('packages/core/src/x.ts', '// packages/emulator/recordings/sim-server-facts.md §G.99')).toEqual([
      'packages/core/src/x.ts:1: packages/emulator/recordings/sim-server-facts.md §G.99: no such section',
    ]);
    expect(bad('packages/core/src/x.ts', '// §Q')).toEqual([
      'packages/core/src/x.ts:1: recordings/sim-server-facts.md §Q: no such section',
    ]);
    expect(bad('test/x.ts', '// packages/emulator/recordings/2026-12-09-nothing.md')).toHaveLength(1);
    expect(bad('packages/zapier-app/src/x.ts', '// recordings/sim-server-facts.md §G.18')[0]).toMatch(
      /from the repository root/,
    );
    expect(bad('packages/emulator/src/x.ts', '// packages/emulator/recordings/sim-server-facts.md §G')[0]).toMatch(
      /relative to packages\/emulator/,
    );
    expect(
      bad('scripts/x.mjs', '// ../shared/recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H'),
    ).toHaveLength(2);

    for (const line of [
      '// facts G 18',
      '// (facts G, point 5)',
      '// (facts 5.9)',
      '// (facts)',
      '// sim-server-facts.md, section G',
      '// recordings: sim-server-facts.md 2026-12-01 A',
      '// recorded 2026-12-03 M4',
      '// "Recorded 2026-12-03" D2 / 2026-12-03 D2',
      '// Recording A (sim-server-facts.md)',
      '// /work/shared/sim-server-facts.md',
      '// ../shared/recordings/',
    ])
      expect(oldForms('x.ts', line), line).toHaveLength(1);
    expect(oldForms('x.ts', '// packages/emulator/recordings/sim-server-facts.md §A; the facts of the case')).toEqual(
      [],
    );
  });
});
