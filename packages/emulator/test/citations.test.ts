/**
 * Every citation in the emulator (sources, tests, CLI, READMEs) names a file in packages/emulator/recordings/ and a
 * section of it that exists (the citation forms are listed in recordings/README.md), and no older citation form is left.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FACTS = 'sim-server-facts.md';

function files(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (/\.(ts|js|mjs|md)$/.test(e.name)) out.push(rel);
    }
  };
  for (const d of ['src', 'test', 'bin', 'scripts']) walk(d);
  out.push('README.md', 'recordings/README.md');
  return out.filter((f) => f !== 'test/citations.test.ts');
}

interface Doc {
  lines: string[];
  /** Heading line indexes by section key. */
  keys: Map<string, number>;
  /** `####` exchange titles (the verbatim recordings). */
  titles: Set<string>;
}

const ALIASES: [string, RegExp][] = [
  ['top', /^How the real Sim server answers/],
  ['5', /^Recorded responses of the current server/],
  ['March', /^Recorded differences of the March 2026 server/],
  ['2026-12-01', /^Recorded 2026-12-01/],
  ['2026-12-03', /^Recorded 2026-12-03/],
  ['bootstrap', /^Bootstrapping a fresh Sim server/],
  ['differences', /^2026-12-03 Emulator vs real server/],
  ['raw-429s', /^2026-12-03 Raw 429s/],
  ['v2-management', /^2026-12-03 Workflow management on v2/],
  ['other', /^2026-12-03 Other observations/],
  ['summary', /^Summary: what an API client must know/],
  ['findings', /^Key findings/],
];

const docs = new Map<string, Doc>();
function doc(name: string): Doc | null {
  if (docs.has(name)) return docs.get(name)!;
  const path = join(ROOT, 'recordings', name);
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').split('\n');
  const keys = new Map<string, number>();
  const titles = new Set<string>();
  lines.forEach((l, i) => {
    const h = /^(#{1,6}) (.*)$/.exec(l);
    if (!h) return;
    const text = h[2]!.trim();
    if (h[1] === '####') titles.add(text);
    const key = /^(\d+\.\d+) /.exec(text)?.[1] ?? /^([A-HX])\. /.exec(text)?.[1] ?? /^2026-12-03 (D\d+)\. /.exec(text)?.[1];
    if (key && !keys.has(key)) keys.set(key, i);
    // a numbered exchange of a verbatim recording (`#### A9. …` → §A9, `#### D3.1. …` → §D3.1)
    const exchange = h[1] === '####' ? /^([A-Z]\d+(?:\.\d+)?)\. /.exec(text)?.[1] : undefined;
    if (exchange && !keys.has(exchange)) keys.set(exchange, i);
    for (const [alias, re] of ALIASES) if (re.test(text) && !keys.has(alias)) keys.set(alias, i);
  });
  const d = { lines, keys, titles };
  docs.set(name, d);
  return d;
}

/** The lines of the section starting at heading line `at` (up to the next heading of the same or a higher level). */
function section(d: Doc, at: number): string[] {
  const level = /^#+/.exec(d.lines[at]!)![0].length;
  const out: string[] = [];
  for (let i = at + 1; i < d.lines.length; i++) {
    const h = /^(#+) /.exec(d.lines[i]!);
    if (h && h[1]!.length <= level) break;
    out.push(d.lines[i]!);
  }
  return out;
}

function resolves(name: string, id: string): boolean {
  const d = doc(name);
  if (!d) return false;
  if (id.startsWith('"')) return d.titles.has(id.slice(1, -1));
  if (d.keys.has(id)) return true;
  const point = /^([A-G]|summary)\.(\d+)$/.exec(id);
  if (point && d.keys.has(point[1]!)) return section(d, d.keys.get(point[1]!)!).some((l) => new RegExp(`^\\s*${point[2]}\\. `).test(l));
  const row = /^M(\d+)$/.exec(id);
  if (row) return d.lines.some((l) => l.startsWith(`| M${row[1]} |`));
  const obs = /^O(\d+)$/.exec(id);
  if (obs) return d.lines.some((l) => l.includes(`**O${obs[1]}**`));
  return false;
}

interface Citation {
  where: string;
  file: string;
  id: string | null;
}

function citations(): Citation[] {
  const out: Citation[] = [];
  for (const f of files()) {
    readFileSync(join(ROOT, f), 'utf8').split('\n').forEach((line, i) => {
      const where = `${f}:${i + 1}`;
      let current = FACTS;
      for (const m of line.matchAll(/recordings\/([\w.-]+\.md)|§("[^"]+"|[A-Za-z0-9][\w.-]*)/g)) {
        if (m[1]) {
          current = m[1];
          if (m[1] !== 'README.md') out.push({ where, file: m[1], id: null });
        } else out.push({ where, file: current, id: m[2]!.replace(/\.$/, '') });
      }
    });
  }
  return out;
}

describe('citations', () => {
  it('every cited recordings file exists and every cited section resolves', () => {
    const all = citations();
    expect(all.length).toBeGreaterThan(150);
    const broken = all.filter((c) => (c.id === null ? !doc(c.file) : !resolves(c.file, c.id))).map((c) => `${c.where}: recordings/${c.file}${c.id ? ` §${c.id}` : ''}`);
    expect(broken).toEqual([]);
  });

  it('no older citation form is left (facts G 18, 2026-12-03 M7, sim-server-facts.md outside recordings/, /work/shared)', () => {
    const stale: string[] = [];
    for (const f of files()) {
      // the recordings (and their README, the legend), and the fixtures generated from them, quote the recorded headings and titles
      if (f.startsWith('recordings/') || f === 'test/facts-quotes.ts' || f === 'test/paused-recordings.ts') continue;
      readFileSync(join(ROOT, f), 'utf8').split('\n').forEach((line, i) => {
        if (/\bfacts [A-G0-9]\b|\bfacts G, point|(^|[\s(`,])sim-server-facts\.md|\/work\/shared|2026-12-0[13] [DMO]\d|\bsection [A-H]\b/.test(line)) stale.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(stale).toEqual([]);
  });

  it('the resolver itself: known sections resolve, made-up ones do not', () => {
    expect(['5.2', 'G.18', 'M7', 'D1', 'O2', 'March', 'raw-429s', 'A']).toEqual(['5.2', 'G.18', 'M7', 'D1', 'O2', 'March', 'raw-429s', 'A'].filter((id) => resolves(FACTS, id)));
    expect(['5.99', 'G.99', 'M99', 'Z', 'nothing'].filter((id) => resolves(FACTS, id))).toEqual([]);
    expect(resolves('2026-12-03-v2-workflow-management.md', '"v2 export"')).toBe(true);
    expect(resolves('2026-12-01-paused-runs-selected-outputs-deploy.md', 'H')).toBe(true);
    expect(resolves('2026-12-01-paused-runs-selected-outputs-deploy.md', '"no such exchange"')).toBe(false);
    const personal = '2026-12-03-v2-personal-key-deploy.md';
    expect(['A', 'D', 'A9', 'C10', 'D3.1', 'findings'].filter((id) => resolves(personal, id))).toEqual(['A', 'D', 'A9', 'C10', 'D3.1', 'findings']);
    expect(['A99', 'D3.9', 'E1'].filter((id) => resolves(personal, id))).toEqual([]);
  });
});
