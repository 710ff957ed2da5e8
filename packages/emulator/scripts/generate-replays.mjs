#!/usr/bin/env node
/**
 * Generates the emulator's replay fixtures from the recorded exchanges kept in `packages/emulator/recordings/`:
 *
 *   recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §A to §G, §X → test/paused-recordings.ts
 *   recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H          → test/deploy-recordings.ts
 *   recordings/2026-12-03-v2-workflow-management.md                                → test/v2-management-recordings.ts
 *   recordings/2026-12-03-v2-personal-key-deploy.md §A to §D                      → test/personal-key-recordings.ts
 *   recordings/sim-server-facts.md  every JSON value quoted in it                   → test/facts-quotes.ts
 *
 * `node scripts/generate-replays.mjs` writes them; `--check` only compares and exits 1 when a fixture is out of date
 * (test/generated-fixtures.test.ts runs the same comparison). Nothing here edits a recording.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REC = join(ROOT, 'recordings');
const CUT = /^… \[(\d+) more characters cut in this report; full body in the raw log\]$/;

/** Splits a markdown document into its lines, keeping the heading each line is under. */
function lines(file) {
  return readFileSync(join(REC, file), 'utf8').replace(/\r\n/g, '\n').split('\n');
}

/** A fenced block starting at `i` (the ``` line): its language, its lines, and the index after it. */
function fence(ls, i) {
  const lang = ls[i].slice(3).trim();
  const body = [];
  let j = i + 1;
  while (j < ls.length && ls[j] !== '```') body.push(ls[j++]);
  if (j >= ls.length) throw new Error(`unclosed code block at line ${i + 1}`);
  return { lang, body, next: j + 1 };
}

/**
 * A body cut at N characters: the complete lines before the cut, with the open objects and arrays closed, so that
 * what was recorded can still be compared (`cut: true` marks it).
 */
function partialJson(text) {
  const kept = text.split('\n');
  kept.pop(); // the line the cut went through
  let src = kept.join('\n').replace(/,\s*$/, '');
  const stack = [];
  let inString = false;
  for (let k = 0; k < src.length; k++) {
    const c = src[k];
    if (inString) {
      if (c === '\\') k++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') stack.pop();
  }
  src = src.replace(/:\s*$/, ': null');
  while (stack.length) src += `\n${stack.pop()}`;
  return JSON.parse(src);
}

function jsonBody(body) {
  const last = body[body.length - 1] ?? '';
  if (CUT.test(last)) return { body: partialJson(body.slice(0, -1).join('\n')), cut: true };
  return { body: JSON.parse(body.join('\n')) };
}

/**
 * The exchanges of the 2026-12-01 recording: `#### title`, an ```http request block (request line, headers, a blank
 * line, the body), `→ **status**`, a ``` block of response headers, then a ```json or ```text body.
 */
function parseBlockRecording(file) {
  const ls = lines(file);
  const out = [];
  let section = null;
  let i = ls.findIndex((l) => l.startsWith('## Exchanges'));
  for (; i < ls.length; i++) {
    const l = ls[i];
    const sec = /^### ([A-Z])\. /.exec(l);
    if (sec) section = sec[1];
    if (!l.startsWith('#### ')) continue;
    const ex = { section, title: l.slice(5).trim(), line: i + 1 };
    let j = i + 1;
    for (; j < ls.length && !ls[j].startsWith('#### ') && !ls[j].startsWith('### '); j++) {
      if (ls[j].startsWith('```http')) {
        const f = fence(ls, j);
        ex.request = f.body[0];
        const blank = f.body.indexOf('');
        const headers = f.body.slice(1, blank < 0 ? undefined : blank);
        ex.key = /\(personal\)/.test(headers.join('\n')) ? 'personal' : 'workspace';
        if (
          blank >= 0 &&
          f.body
            .slice(blank + 1)
            .join('\n')
            .trim() !== ''
        )
          ex.requestBody = JSON.parse(f.body.slice(blank + 1).join('\n'));
        j = f.next - 1;
        continue;
      }
      const st = /^→ \*\*(\d{3})\*\*/.exec(ls[j]);
      if (st) {
        ex.status = Number(st[1]);
        let k = j + 1;
        if (ls[k] === '```') {
          const f = fence(ls, k);
          ex.headers = Object.fromEntries(
            f.body.map((h) => [h.slice(0, h.indexOf(':')).trim().toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]),
          );
          k = f.next;
        }
        if (ls[k]?.startsWith('```json')) {
          const f = fence(ls, k);
          Object.assign(ex, jsonBody(f.body));
          k = f.next;
        } else if (ls[k]?.startsWith('```text')) {
          const f = fence(ls, k);
          ex.sse = f.body.join('\n');
          k = f.next;
        }
        j = k - 1;
      }
    }
    if (ex.status !== undefined) out.push(ex);
    i = j - 1;
  }
  return out;
}

/**
 * The exchanges of the 2026-12-03 recording: `#### title`, a request line `` `METHOD PATH` `` (maybe ` body `{…}``),
 * `→ **status** (ms) name: value · name: value`, then a ```json body.
 */
function parseLineRecording(file) {
  const ls = lines(file);
  const out = [];
  for (let i = 0; i < ls.length; i++) {
    if (!ls[i].startsWith('#### ')) continue;
    const ex = { title: ls[i].slice(5).trim(), line: i + 1 };
    let j = i + 1;
    for (; j < ls.length && !ls[j].startsWith('#### '); j++) {
      const req = /^`([A-Z]+ [^`]+)`(?: body `(.*)`)?$/.exec(ls[j]);
      if (req) {
        ex.request = req[1];
        if (req[2] !== undefined) {
          try {
            ex.requestBody = JSON.parse(req[2]);
          } catch {
            ex.requestBodyPrefix = req[2]; // the recording cut a long request body
          }
        }
        continue;
      }
      const st = /^→ \*\*(\d{3})\*\* \(\d+ ms\)(.*)$/.exec(ls[j]);
      if (st) {
        ex.status = Number(st[1]);
        ex.headers = Object.fromEntries(
          st[2]
            .split('·')
            .map((h) => h.trim())
            .filter(Boolean)
            .map((h) => [h.slice(0, h.indexOf(':')).trim().toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]),
        );
        continue;
      }
      if (ls[j].startsWith('```json')) {
        const f = fence(ls, j);
        Object.assign(ex, jsonBody(f.body));
        j = f.next - 1;
      }
    }
    out.push(ex);
    i = j - 1;
  }
  return out;
}

/**
 * The exchanges of the 2026-12-03 personal-key recording, under `## X. …` sections: `#### X1. title`, a request line
 * `` `METHOD PATH` · `X-API-Key: sk-sim-…` (personal key) · body `{…}`  (sent <ISO>) `` (or `· no body`),
 * `→ **200 OK** (N ms)`, an ```http block (status line, then the response headers), then a ```json body.
 */
function parseHttpRecording(file) {
  const ls = lines(file);
  const out = [];
  let section = null;
  for (let i = 0; i < ls.length; i++) {
    const sec = /^## ([A-Z])\. /.exec(ls[i]);
    if (sec) section = sec[1];
    const head = /^#### (([A-Z])\d+(?:\.\d+)?)\. (.*)$/.exec(ls[i]);
    if (!head) continue;
    if (head[2] !== section)
      throw new Error(`${file}:${i + 1}: exchange ${head[1]} is not under its section ${head[2]}`);
    const ex = { id: head[1], section, title: head[3].trim(), line: i + 1 };
    let j = i + 1;
    for (; j < ls.length && !ls[j].startsWith('#'); j++) {
      const req =
        /^`([A-Z]+ [^`]+)` · `X-API-Key: [^`]*` \((personal|workspace) key\) · (?:no body|body `(.*)`)  \(sent ([^)]+)\)$/.exec(
          ls[j],
        );
      if (req) {
        ex.request = req[1];
        ex.key = req[2];
        if (req[3] !== undefined) ex.requestBody = JSON.parse(req[3]);
        ex.sentAt = req[4];
        continue;
      }
      const st = /^→ \*\*(\d{3}) [^*]+\*\* \((\d+) ms\)$/.exec(ls[j]);
      if (st) {
        ex.status = Number(st[1]);
        ex.ms = Number(st[2]);
        continue;
      }
      if (ls[j].startsWith('```http')) {
        const f = fence(ls, j);
        if (Number(/^HTTP\/1\.1 (\d{3}) /.exec(f.body[0])?.[1]) !== ex.status)
          throw new Error(`${file}:${j + 2}: the status line is not the exchange's status`);
        ex.headers = Object.fromEntries(
          f.body
            .slice(1)
            .map((h) => [h.slice(0, h.indexOf(':')).trim().toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]),
        );
        j = f.next - 1;
        continue;
      }
      if (ls[j].startsWith('```json')) {
        const f = fence(ls, j);
        Object.assign(ex, jsonBody(f.body));
        j = f.next - 1;
      }
    }
    for (const field of ['request', 'key', 'sentAt', 'status', 'headers', 'body']) {
      if (ex[field] === undefined) throw new Error(`${file}:${ex.line}: exchange ${ex.id} has no ${field}`);
    }
    out.push(ex);
    i = j - 1;
  }
  return out;
}

/**
 * Every JSON object or array quoted in the facts document, in order, with the heading it is under: fenced blocks that
 * are JSON, and inline code spans (or the JSON after `→ NNN ` / `→ NNN header · …` inside raw exchanges) that parse.
 * Keyed `<heading> #<n>` (n counts the heading's quotes from 1).
 */
function parseFacts(file) {
  const ls = lines(file);
  const quotes = [];
  let heading = '(top)';
  const counts = new Map();
  const add = (value, line) => {
    const n = (counts.get(heading) ?? 0) + 1;
    counts.set(heading, n);
    quotes.push({ key: `${heading} #${n}`, line, value });
  };
  const tryJson = (text, line) => {
    const t = text.trim();
    if (!/^[{[]/.test(t)) return false;
    try {
      const v = JSON.parse(t);
      if (v && typeof v === 'object') {
        add(v, line);
        return true;
      }
    } catch {
      // not JSON: prose with ellipses, a shape sketch
    }
    return false;
  };
  /** The JSON values in one line: inline code spans, else the first `{…}` of a raw exchange line. */
  const scanLine = (l, line) => {
    let found = false;
    for (const m of l.matchAll(/`([^`]+)`/g)) found = tryJson(m[1], line) || found;
    if (found) return;
    const at = l.indexOf('{');
    if (at >= 0) {
      // the longest prefix from the first `{` that parses (a raw line may end with a note after the body)
      for (let end = l.length; end > at; end = l.lastIndexOf('}', end - 1)) {
        if (end < 0) break;
        if (tryJson(l.slice(at, end + (l[end] === '}' ? 1 : 0)), line)) return;
      }
    }
  };
  for (let i = 0; i < ls.length; i++) {
    const l = ls[i];
    if (/^#{1,6} /.test(l)) {
      heading = l.replace(/^#+\s*/, '').trim();
      continue;
    }
    if (l.startsWith('```')) {
      const f = fence(ls, i);
      const whole = f.body.join('\n');
      if (!tryJson(whole, i + 2)) f.body.forEach((bl, k) => scanLine(bl, i + 2 + k));
      i = f.next - 1;
      continue;
    }
    scanLine(l, i + 1);
  }
  return quotes;
}

// ---------------------------------------------------------------------------------------------- rendering

const HEADER = (source, what) =>
  `// GENERATED by scripts/generate-replays.mjs from ${source}: do not edit; run \`npm run generate:replays -w @sim-integrations/emulator\`.\n/**\n${what}\n */\n`;

function byTitle(exchanges, shape) {
  const map = {};
  for (const ex of exchanges) {
    let key = ex.title;
    if (key in map) key = `${ex.title} [section ${ex.section}]`;
    map[key] = shape(ex);
  }
  return JSON.stringify(map, null, 1);
}

function pausedFixture(exchanges) {
  const shape = (ex) => {
    const o = { section: ex.section, request: ex.request ?? null, status: ex.status };
    if (ex.requestBody !== undefined) o.requestBody = ex.requestBody;
    if (ex.headers) o.headers = Object.keys(ex.headers);
    if (ex.body !== undefined) o.body = ex.body;
    if (ex.cut) o.cut = true;
    if (ex.sse !== undefined) o.sse = ex.sse;
    return o;
  };
  return (
    HEADER(
      'recordings/2026-12-01-paused-runs-selected-outputs-deploy.md',
      ` * Verbatim exchanges recorded on the real server (Sim v0.8.9, 2026-12-01), sections A–G and X of
 * recordings/2026-12-01-paused-runs-selected-outputs-deploy.md: paused runs (human in the loop and time pauses),
 * resume, cancel of paused runs, selectedOutputs. Keyed by the exchange title (a title seen again in a later section
 * gets " [section X]"). \`headers\` lists the recorded response header names; \`cut: true\` marks a body the recording
 * cut short: \`body\` then holds what was recorded before the cut.`,
    ) +
    `export interface PausedExchange {
  section: string;
  request: string | null;
  requestBody?: unknown;
  status: number;
  headers?: string[];
  body?: unknown;
  cut?: true;
  sse?: string;
}

export const PAUSED_RECORDINGS: Record<string, PausedExchange> = ${byTitle(exchanges, shape)};
`
  );
}

function deployFixture(exchanges) {
  const shape = (ex) => {
    const o = { request: ex.request };
    if (ex.requestBody !== undefined) o.requestBody = ex.requestBody;
    Object.assign(o, { key: ex.key, status: ex.status, headers: ex.headers, body: ex.body });
    if (ex.cut) o.cut = true;
    return o;
  };
  return (
    HEADER(
      'recordings/2026-12-01-paused-runs-selected-outputs-deploy.md',
      ` * Verbatim exchanges of the v1 deploy / export / import / rollback routes, recorded on the real server (Sim v0.8.9)
 * on 2026-12-01: recordings/2026-12-01-paused-runs-selected-outputs-deploy.md §H (recordings/sim-server-facts.md §G.18 to §G.22). Keyed by
 * the exchange title; \`requestBody\` is absent where none was sent; \`key\` is the kind of API key sent.`,
    ) +
    `export interface DeployExchange {
  request: string;
  requestBody?: unknown;
  key: 'workspace' | 'personal';
  status: number;
  headers: Record<string, string>;
  body: unknown;
  cut?: true;
}

export const DEPLOY_RECORDINGS: Record<string, DeployExchange> = ${byTitle(exchanges, shape)};
`
  );
}

function v2ManagementFixture(exchanges) {
  const shape = (ex) => {
    const o = { request: ex.request };
    if (ex.requestBody !== undefined) o.requestBody = ex.requestBody;
    if (ex.requestBodyPrefix !== undefined) o.requestBodyPrefix = ex.requestBodyPrefix;
    Object.assign(o, { status: ex.status, headers: ex.headers, body: ex.body });
    if (ex.cut) o.cut = true;
    return o;
  };
  return (
    HEADER(
      'recordings/2026-12-03-v2-workflow-management.md',
      ` * Verbatim exchanges of v2 workflow management with a workspace API key, recorded on the real server (Sim v0.8.9,
 * \`V2_API=true\`) on 2026-12-03: recordings/2026-12-03-v2-workflow-management.md. Keyed by the exchange title; ids are
 * the recording's placeholders (\`<echo>\`, \`<workspace>\`); \`requestBodyPrefix\` is a request body the recording cut.`,
    ) +
    `export interface V2ManagementExchange {
  request: string;
  requestBody?: unknown;
  requestBodyPrefix?: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  cut?: true;
}

export const V2_MANAGEMENT_RECORDINGS: Record<string, V2ManagementExchange> = ${byTitle(exchanges, shape)};
`
  );
}

function personalKeyFixture(exchanges) {
  const map = {};
  for (const ex of exchanges) {
    if (ex.id in map) throw new Error(`exchange ${ex.id} appears twice`);
    const o = { section: ex.section, title: ex.title, request: ex.request };
    if (ex.requestBody !== undefined) o.requestBody = ex.requestBody;
    Object.assign(o, {
      key: ex.key,
      sentAt: ex.sentAt,
      ms: ex.ms,
      status: ex.status,
      headers: ex.headers,
      body: ex.body,
    });
    map[ex.id] = o;
  }
  return (
    HEADER(
      'recordings/2026-12-03-v2-personal-key-deploy.md',
      ` * Verbatim exchanges recorded on the real server (Sim v0.8.9 \`0b232eb876\`, \`V2_API=true\`, Redis) on 2026-12-03:
 * recordings/2026-12-03-v2-personal-key-deploy.md §A (v2 deploy, rollback, undeploy with a personal key), §B (the same
 * with a workspace key), §C (v1 deploy, read, rollback, export), §D (usage-limits around 3 sync executes). Keyed by
 * the exchange id (\`A1\`, \`D3.1\`); \`key\` is the kind of API key sent, \`requestBody\` is absent where none was
 * sent, \`sentAt\` is when the request left and \`ms\` how long the answer took; the ids are the recording's.`,
    ) +
    `export interface PersonalKeyExchange {
  section: 'A' | 'B' | 'C' | 'D';
  title: string;
  request: string;
  requestBody?: unknown;
  key: 'personal' | 'workspace';
  sentAt: string;
  ms: number;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const PERSONAL_KEY_RECORDINGS: Record<string, PersonalKeyExchange> = ${JSON.stringify(map, null, 1)};
`
  );
}

/** Section ids of the facts' headings, as citations name them (`§5.2`, `§A`, `§D1`, `§March`; recordings/README.md). */
const SECTION_ALIASES = [
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
];

function sectionIds(file) {
  const ids = {};
  for (const l of lines(file)) {
    const h = /^#{1,6} (.*)$/.exec(l);
    if (!h) continue;
    const text = h[1].trim();
    const key =
      /^(\d+\.\d+) /.exec(text)?.[1] ?? /^([A-HX])\. /.exec(text)?.[1] ?? /^2026-12-03 (D\d+)\. /.exec(text)?.[1];
    if (key && !(key in ids)) ids[key] = text;
    for (const [alias, re] of SECTION_ALIASES) if (re.test(text) && !(alias in ids)) ids[alias] = text;
  }
  return ids;
}

function factsFixture(quotes, sections) {
  const map = {};
  for (const q of quotes) map[q.key] = q.value;
  return (
    HEADER(
      'recordings/sim-server-facts.md',
      ` * Every JSON value quoted in recordings/sim-server-facts.md (fenced blocks, inline code, the bodies of raw exchange
 * lines), keyed \`<heading> #<n>\`: the n-th quote under that heading. The tests take recorded bodies from here
 * through \`quote('§5.2', n)\`, so they are the document's own text.`,
    ) +
    `export const FACTS_QUOTES: Record<string, unknown> = ${JSON.stringify(map, null, 1)};

/** The headings of recordings/sim-server-facts.md by the section id citations use (\`5.2\`, \`A\`, \`D1\`, \`March\`, …). */
export const FACTS_SECTIONS: Record<string, string> = ${JSON.stringify(sections, null, 1)};

/**
 * The n-th JSON quote under a heading of recordings/sim-server-facts.md, named by its section id (\`§5.2\`) or its
 * heading text (throws when there is none, so a citation cannot dangle).
 */
export function quote<T = unknown>(section: string, n: number): T {
  const heading = section.startsWith('§') ? FACTS_SECTIONS[section.slice(1)] : section;
  if (heading === undefined) throw new Error(\`recordings/sim-server-facts.md has no section \${section}\`);
  const key = \`\${heading} #\${n}\`;
  if (!(key in FACTS_QUOTES)) throw new Error(\`recordings/sim-server-facts.md has no JSON quote "\${key}"\`);
  return structuredClone(FACTS_QUOTES[key]) as T;
}
`
  );
}

/** The fixtures, as file path → content. */
export function generate() {
  const dec01 = parseBlockRecording('2026-12-01-paused-runs-selected-outputs-deploy.md');
  return {
    'test/paused-recordings.ts': pausedFixture(dec01.filter((ex) => ex.section !== 'H')),
    'test/deploy-recordings.ts': deployFixture(dec01.filter((ex) => ex.section === 'H')),
    'test/v2-management-recordings.ts': v2ManagementFixture(parseLineRecording('2026-12-03-v2-workflow-management.md')),
    'test/personal-key-recordings.ts': personalKeyFixture(parseHttpRecording('2026-12-03-v2-personal-key-deploy.md')),
    'test/facts-quotes.ts': factsFixture(parseFacts('sim-server-facts.md'), sectionIds('sim-server-facts.md')),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, content] of Object.entries(generate())) {
    const file = join(ROOT, path);
    let old = null;
    try {
      old = readFileSync(file, 'utf8');
    } catch {
      // a new fixture
    }
    if (old === content) continue;
    if (check) {
      stale++;
      process.stderr.write(
        `${relative(process.cwd(), file)} is out of date: run npm run generate:replays -w @sim-integrations/emulator\n`,
      );
    } else {
      writeFileSync(file, content);
      process.stdout.write(`wrote ${relative(process.cwd(), file)}\n`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}
