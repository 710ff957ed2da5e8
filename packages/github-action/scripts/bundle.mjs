#!/usr/bin/env node
// Bundles the Action with esbuild into dist/: main.js and post.js (the action.yml entry points) and
// the chunks they share, so main + post stay small together. The bundles need no node_modules.
// Deterministic: same sources and dependencies → same bytes (no timestamps, no absolute paths).
//
//   node scripts/bundle.mjs            → packages/github-action/dist
//   node scripts/bundle.mjs <outdir>   → another directory (used by check-dist)
import { createRequire } from 'node:module';
import { mkdirSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * One undici for the whole bundle: the core's (v7). @actions/http-client and @actions/github use
 * only `fetch` and `ProxyAgent` from it, whose API is the same in v6 and v7; two copies would
 * add ~500 KB.
 */
function undiciDir() {
  const fromCore = createRequire(join(packageDir, 'package.json')).resolve('@sim-integrations/core/package.json');
  const coreRequire = createRequire(fromCore);
  return dirname(coreRequire.resolve('undici/package.json'));
}

export async function bundle(outdir = join(packageDir, 'dist')) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    absWorkingDir: packageDir,
    entryPoints: { main: 'src/entry/main.ts', post: 'src/entry/post.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    sourcemap: false,
    charset: 'utf8',
    chunkNames: 'chunks/[name]-[hash]',
    alias: { undici: undiciDir() },
    // CommonJS dependencies (undici, tunnel) call require() for Node built-ins.
    banner: { js: "import{createRequire as __simCreateRequire}from'node:module';const require=__simCreateRequire(import.meta.url);" },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    metafile: true,
  });
  // Node must read the bundles as ES modules even when copied away from this package.json.
  writeFileSync(join(outdir, 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2) + '\n');
  return result;
}

export function listFiles(dir, base = dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, base));
    else out.push(relative(base, full).split('\\').join('/'));
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const dir = outdir ?? join(packageDir, 'dist');
  await bundle(dir);
  let total = 0;
  for (const file of listFiles(dir)) {
    const size = statSync(join(dir, file)).size;
    total += size;
    console.log(`${file.padEnd(40)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
  }
  console.log(`${'total'.padEnd(40)} ${(total / 1024).toFixed(1).padStart(8)} KiB`);
}
