// The one resolver of the repository's citations of the real server's recordings (packages/emulator/recordings/,
// legend in its README.md). A citation is `recordings/<file>.md §<section>`: inside packages/emulator the path is
// relative to the package (`recordings/sim-server-facts.md §G.18`), everywhere else it is the path from the repository
// root (`packages/emulator/recordings/sim-server-facts.md §G.18`). A `§` with no file before it on its line is a
// section of sim-server-facts.md. test/repo/citations.test.ts checks every file of the repository through it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { root } from './helpers.js';

export const RECORDINGS = 'packages/emulator/recordings';
export const FACTS = 'sim-server-facts.md';

/** Section ids that name a heading rather than its number or letter (recordings/README.md, "Citations"). */
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
  ['rate-limit-lag', /^2026-12-03 When an execute's token leaves the count/],
  ['other', /^2026-12-03 Other observations/],
  ['summary', /^Summary: what an API client must know/],
  ['findings', /^Key findings/],
];

interface Doc {
  lines: string[];
  /** Heading line indexes by section id. */
  keys: Map<string, number>;
  /** `####` exchange titles (the verbatim recordings). */
  titles: Set<string>;
}

const docs = new Map<string, Doc | null>();

/** A recordings file (`sim-server-facts.md`) with its sections, or null when packages/emulator/recordings/ has none. */
export function recording(name: string): Doc | null {
  if (docs.has(name)) return docs.get(name)!;
  const path = join(root, RECORDINGS, name);
  let d: Doc | null = null;
  if (existsSync(path)) {
    const lines = readFileSync(path, 'utf8').split('\n');
    const keys = new Map<string, number>();
    const titles = new Set<string>();
    lines.forEach((l, i) => {
      const h = /^(#{1,6}) (.*)$/.exec(l);
      if (!h) return;
      const text = h[2]!.trim();
      if (h[1] === '####') titles.add(text);
      const key =
        /^(\d+\.\d+) /.exec(text)?.[1] ?? /^([A-HX])\. /.exec(text)?.[1] ?? /^2026-12-03 (D\d+)\. /.exec(text)?.[1];
      if (key && !keys.has(key)) keys.set(key, i);
      // a numbered exchange of a verbatim recording (`#### A9. …` → §A9, `#### D3.1. …` → §D3.1)
      const exchange = h[1] === '####' ? /^([A-Z]\d+(?:\.\d+)?)\. /.exec(text)?.[1] : undefined;
      if (exchange && !keys.has(exchange)) keys.set(exchange, i);
      for (const [alias, re] of ALIASES) if (re.test(text) && !keys.has(alias)) keys.set(alias, i);
    });
    d = { lines, keys, titles };
  }
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

/** Whether `§<id>` names a section (or point, row, observation, exchange) of the recordings file `name`. */
export function resolves(name: string, id: string): boolean {
  const d = recording(name);
  if (!d) return false;
  if (id.startsWith('"')) return d.titles.has(id.slice(1, -1));
  if (d.keys.has(id)) return true;
  const point = /^([A-G]|summary)\.(\d+)$/.exec(id);
  if (point && d.keys.has(point[1]!))
    return section(d, d.keys.get(point[1]!)!).some((l) => new RegExp(`^\\s*${point[2]}\\. `).test(l));
  const row = /^M(\d+)$/.exec(id);
  if (row) return d.lines.some((l) => l.startsWith(`| M${row[1]} |`));
  const obs = /^O(\d+)$/.exec(id);
  if (obs) return d.lines.some((l) => l.includes(`**O${obs[1]}**`));
  return false;
}

export interface Citation {
  /** `path:line` of the citing text. */
  where: string;
  /** The cited file, by its name in packages/emulator/recordings/. */
  file: string;
  /** The cited section without its `§` (a quoted exchange title keeps its quotes), or null for the file alone. */
  id: string | null;
  /** The path as written before `recordings/`, or null for a `§` with no file before it on its line. */
  prefix: string | null;
}

/** The citations in one file's text; `path` is the file's path from the repository root. */
export function citationsIn(path: string, text: string): Citation[] {
  const out: Citation[] = [];
  text.split('\n').forEach((line, i) => {
    const where = `${path}:${i + 1}`;
    let current: { file: string; prefix: string | null } = { file: FACTS, prefix: null };
    for (const m of line.matchAll(/([\w./-]*?)recordings\/([\w.-]+\.md)|§("[^"]+"|[A-Za-z0-9][\w.-]*)/g)) {
      if (m[2]) {
        current = { file: m[2], prefix: m[1]! };
        if (m[2] !== 'README.md') out.push({ where, file: m[2], id: null, prefix: m[1]! });
      } else out.push({ where, ...current, id: m[3]!.replace(/\.$/, '') });
    }
  });
  return out;
}

/**
 * Whether the path before `recordings/` is the one its place asks for: relative to packages/emulator inside it, from
 * the repository root everywhere else; a Markdown link's relative path to packages/emulator/ is right anywhere.
 */
function rightPath(path: string, prefix: string): boolean {
  if (prefix === (path.startsWith('packages/emulator/') ? '' : 'packages/emulator/')) return true;
  // the legend shows both forms
  if (path === `${RECORDINGS}/README.md` && prefix === 'packages/emulator/') return true;
  return prefix.startsWith('../') && posix.normalize(posix.join(posix.dirname(path), prefix)) === 'packages/emulator/';
}

/** What is wrong with a citation, or null when it resolves and is written in the form its place asks for. */
export function problem(c: Citation): string | null {
  const path = c.where.replace(/:\d+$/, '');
  const cited = `${c.prefix ?? ''}recordings/${c.file}${c.id ? ` §${c.id}` : ''}`;
  if (c.prefix !== null && !rightPath(path, c.prefix))
    return `${cited}: write the path ${path.startsWith('packages/emulator/') ? 'relative to packages/emulator (recordings/…)' : 'from the repository root (packages/emulator/recordings/…)'}`;
  if (c.id === null ? !recording(c.file) : !resolves(c.file, c.id))
    return `${cited}: no such ${c.id ? 'section' : 'file'}`;
  return null;
}

/**
 * Older citation forms (before the recordings were in the repository): `facts G 18`, `sim-server-facts.md, section G`,
 * `2026-12-01 A`, `2026-12-03 M7`, `Recording A`, and any path to the recordings outside the repository.
 */
export const OLD_FORMS: RegExp[] = [
  /\bfacts (?:[A-G0-9]\b|G, points?|intro\b|March\b|2026-|")|\(facts\)/,
  /(?:^|[\s(`,'"])sim-server-facts\.md/,
  /\/work\/shared|\.\.\/shared\//,
  /\b2026-12-0[13] (?:[A-H]|[DMO]\d+)\b/,
  /\bsections? (?:[A-H]\b|\d+\.\d+)/,
  /"(?:Recorded (?:2026|responses|differences)|Bootstrapping a fresh Sim|Workflow management on v2|Raw 429s)/,
  /\bRecording [A-H]\b/,
];

/** The files whose citations are checked: every text file of the repository but the generated and verbatim ones. */
export function citingFiles(): string[] {
  const skipDirs = new Set(['.git', 'node_modules', 'dist', 'build', '.turbo', 'coverage', '.tmp']);
  const skipPaths = new Set([
    'package-lock.json',
    'packages/core/src/generated',
    'packages/core/openapi',
    // the recordings themselves (their README, the legend, is checked)
    ...['sim-server-facts.md', 'real-sim.md'].map((f) => `${RECORDINGS}/${f}`),
  ]);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (skipPaths.has(rel) || (rel.startsWith(`${RECORDINGS}/2026-`) && rel.endsWith('.md'))) continue;
      if (e.isDirectory()) {
        if (!skipDirs.has(e.name)) walk(rel);
      } else if (/\.(ts|mts|cts|js|mjs|cjs|md|yml|yaml|json|jsonc)$/.test(e.name) || dir === '.ci') out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/**
 * Files that quote the recordings' own headings and titles (generated from them, or the legend naming the files), so
 * may show the older forms.
 */
export const QUOTING_RECORDINGS = new Set([
  'packages/emulator/recordings/README.md',
  'packages/emulator/test/facts-quotes.ts',
  'packages/emulator/test/paused-recordings.ts',
  'packages/emulator/test/deploy-recordings.ts',
  'packages/emulator/test/v2-management-recordings.ts',
  'packages/emulator/test/personal-key-recordings.ts',
  'packages/emulator/scripts/generate-replays.mjs',
]);
