#!/usr/bin/env node
// Builds the n8n package into dist/: one CommonJS file per node and credential (esbuild; the core
// client bundled in, n8n-workflow left to n8n), plus the icons and the .node.json codex files.
// Then checks that the bundle holds nothing n8n Cloud forbids (timers, process, globalThis, fetch…).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const entryPoints = [
  'credentials/SimApi.credentials.ts',
  'nodes/Sim/Sim.node.ts',
  'nodes/SimTrigger/SimTrigger.node.ts',
];

// eventsource-parser (bundled with the core) names two local functions processField/processLines:
// renamed so that no text in dist/ even looks like the `process` global to a plain-text scan.
const renameProcessHelpers = {
  name: 'rename-process-helpers',
  setup(b) {
    b.onLoad({ filter: /eventsource-parser[\\/].*\.(c|m)?js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bprocess(Field|Lines)\b/g, 'handle$1'),
      loader: 'js',
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
await build({
  plugins: [renameProcessHelpers],
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  outbase: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['n8n-workflow'],
  // The core's ESM build (its package root: no Node built-ins, no timers, no fetch).
  conditions: ['import'],
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
});

// Icons and codex files next to the code that references them.
function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}
for (const top of ['nodes', 'credentials']) {
  for (const file of walk(join(root, top))) {
    if (!/\.(svg|png|node\.json)$/.test(file)) continue;
    const target = join(dist, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
}

// n8n Cloud rules, checked on the output (the tests check it too).
const forbidden = [/undici/, /fetch\(/, /setTimeout/, /setInterval/, /\bprocess\b/, /globalThis/];
const problems = [];
for (const file of walk(dist).filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(file, 'utf8');
  for (const pattern of forbidden) if (pattern.test(text)) problems.push(`${relative(root, file)}: ${pattern}`);
}
if (problems.length) {
  console.error(`dist contains code n8n Cloud does not allow:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`n8n-nodes-sim: built ${entryPoints.length} entries into dist/`);
