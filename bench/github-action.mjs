// GitHub Action benchmark: bundle sizes, and the cold start of the bundled main step (spawn →
// its first request reaching the emulator) against a minimal esbuild-bundled @actions/core
// "hello world" that makes one HTTP request. Runs are interleaved (action, hello, action, …) and
// the medians compared. Measurements only, never assertions.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { startEmulator } from '@sim-integrations/emulator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const actionDir = join(root, 'packages', 'github-action');
const dist = join(actionDir, 'dist');
const RUNS = Number(process.env.BENCH_ACTION_RUNS || 10);
const SIZE_LIMIT = 1_000_000;

/** Files a bundle entry loads: itself plus the chunks it imports (statically), recursively. */
function closure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g))
    closure(join(dirname(file), m[1]), seen);
  return seen;
}

function allJs(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.js'))
    .map((f) => join(dir, String(f)));
}

function sizes() {
  const main = closure(join(dist, 'main.js'));
  const post = closure(join(dist, 'post.js'));
  const all = allJs(dist);
  const sum = (files) => [...files].reduce((n, f) => n + statSync(f).size, 0);
  // Lazily imported chunks (Octokit for PR comments and the GitHub context) count only in the total.
  return { main: sum(main), post: sum(post), total: sum(all) };
}

async function buildHello(dir) {
  const src = join(dir, 'hello.mjs');
  writeFileSync(
    src,
    `import * as core from '@actions/core';
import { request } from 'node:http';
const url = new URL(core.getInput('url'));
const body = JSON.stringify({ nonce: core.getInput('nonce') });
const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': core.getInput('api-key') } }, (res) => {
  res.resume();
  res.on('end', () => core.setOutput('status', String(res.statusCode)));
});
req.end(body);
`,
  );
  const out = join(dir, 'hello.js');
  await esbuild.build({
    entryPoints: [src],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    nodePaths: [join(root, 'node_modules')],
    banner: { js: "import{createRequire as __r}from'node:module';const require=__r(import.meta.url);" },
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return out;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Spawns `script` and resolves with ms from spawn to the first journal entry carrying `nonce`. */
async function coldStart(emu, script, env, nonce, dir) {
  const outputFile = join(dir, `out-${nonce}`);
  writeFileSync(outputFile, '');
  const t0 = Date.now();
  const child = spawn(process.execPath, [script], {
    cwd: dir,
    env: { PATH: process.env.PATH, GITHUB_OUTPUT: outputFile, GITHUB_STATE: outputFile, ...env },
    stdio: 'ignore',
  });
  const deadline = t0 + 20_000;
  try {
    for (;;) {
      const hit = emu.journal().find((e) => e.body.includes(nonce));
      if (hit) return hit.at - t0;
      if (Date.now() > deadline) throw new Error(`no request from ${script} within 20 s`);
      await new Promise((r) => setTimeout(r, 2));
    }
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('close', r)));
  }
}

export async function run({ log = console.log } = {}) {
  const s = sizes();
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  log(`bundle: main ${kb(s.main)} loaded at start, post ${kb(s.post)}, all files ${kb(s.total)} (limit 1 MB)`);

  const dir = mkdtempSync(join(tmpdir(), 'sim-action-bench-'));
  const emu = await startEmulator({ port: 0 });
  try {
    const hello = await buildHello(dir);
    const helloSize = statSync(hello).size;
    const action = [];
    const baseline = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const n1 = randomUUID();
      const a = await coldStart(
        emu,
        join(dist, 'main.js'),
        {
          'INPUT_API-KEY': emu.seed.apiKey,
          'INPUT_BASE-URL': emu.url,
          'INPUT_WORKFLOW-ID': emu.seed.workflows.echo,
          INPUT_MODE: 'sync',
          INPUT_INPUT: JSON.stringify({ nonce: n1 }),
        },
        n1,
        dir,
      );
      const n2 = randomUUID();
      const b = await coldStart(
        emu,
        hello,
        {
          INPUT_URL: `${emu.url}/api/workflows/${emu.seed.workflows.echo}/execute`,
          INPUT_NONCE: n2,
          'INPUT_API-KEY': emu.seed.apiKey,
        },
        n2,
        dir,
      );
      if (i === 0) continue; // warm-up pair (file cache)
      action.push(a);
      baseline.push(b);
      log(`run ${i}: action ${a} ms, hello-world ${b} ms`);
    }
    const ma = median(action);
    const mb = median(baseline);
    const ratio = ma / mb;
    log(`median cold start: action ${ma} ms, hello-world ${mb} ms, ratio ${ratio.toFixed(2)}× (target ≤ 1.5×)`);
    return [
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| \`dist/main.js\` + chunks it loads at start | ${kb(s.main)} | |`,
      `| \`dist/post.js\` + chunks it loads | ${kb(s.post)} | |`,
      `| main + post together: every file in \`dist/\` (shared chunks once, Octokit chunk loaded only for PR comments / GitHub context) | ${kb(s.total)} (${s.total.toLocaleString('en-US')} bytes) | ≤ 1 MB ${s.total <= SIZE_LIMIT ? '✅' : '❌'} |`,
      `| hello-world bundle (\`@actions/core\` + one request) | ${kb(helloSize)} | |`,
      `| cold start to first request: action (median of ${RUNS}) | ${ma} ms | |`,
      `| cold start to first request: hello-world (median of ${RUNS}) | ${mb} ms | |`,
      `| ratio action / hello-world | ${ratio.toFixed(2)}× | ≤ 1.5× ${ratio <= 1.5 ? '✅' : '❌'} |`,
      '',
      `Both run with \`${process.version}\`, spawned in alternation against the in-process emulator; the time is from \`spawn\` to the emulator receiving the request (journal timestamp).`,
    ].join('\n');
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await run());
}
