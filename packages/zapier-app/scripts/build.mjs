#!/usr/bin/env node
// Builds the deployable Zapier app into build/: one CommonJS index.js (the app and the bundled
// @sim-integrations/core; zapier-platform-core stays external), a package.json that lists only
// zapier-platform-core, and .zapierapprc when there is one. Zapier's CLI loads index.js, which must
// export the app definition.
//
//   node scripts/build.mjs          → build/
//   node scripts/build.mjs <folder> → <folder> (a test's own copy, so that it does not race the build/ of others)
//   cd build && npm install && npx zapier-platform push
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'build');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const coreVersion = pkg.dependencies['zapier-platform-core'];
if (!/^\d+\.\d+\.\d+$/.test(coreVersion)) {
  throw new Error(
    `zapier-platform-core must be pinned to an exact version (zapier-platform validate rejects ranges), got "${coreVersion}"`,
  );
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  // The app module exports `default`; Zapier wants module.exports to be the definition itself.
  stdin: {
    contents: "module.exports = require('./src/index.ts').default;\n",
    resolveDir: root,
    sourcefile: 'zapier-entry.cjs',
    loader: 'js',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: join(out, 'index.js'),
  external: ['zapier-platform-core'],
  // The core's package root is environment-free; only its ESM/CJS entry matters here.
  conditions: ['require', 'default'],
  mainFields: ['main', 'module'],
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
});

writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: 'sim-zapier-app',
      version: pkg.version,
      description: pkg.description,
      private: true,
      license: pkg.license,
      main: 'index.js',
      engines: { node: '>=18' },
      dependencies: { 'zapier-platform-core': coreVersion },
    },
    null,
    2,
  ) + '\n',
);

for (const file of ['.zapierapprc']) {
  if (existsSync(join(root, file))) copyFileSync(join(root, file), join(out, file));
}

console.log(`Built the Zapier app ${pkg.version} into ${out} (zapier-platform-core ${coreVersion}).`);
