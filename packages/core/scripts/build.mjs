// Builds dist/: ESM + CJS bundles per entry (esbuild; dependencies stay external) and type
// declarations (tsc), with .d.cts copies for the `require` condition.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

const entries = [
  { name: 'index', platform: 'neutral' },
  { name: 'node', platform: 'node' },
];
for (const { name, platform } of entries) {
  for (const format of ['esm', 'cjs']) {
    await build({
      entryPoints: [join(root, 'src', `${name}.ts`)],
      outfile: join(dist, `${name}.${format === 'esm' ? 'js' : 'cjs'}`),
      bundle: true,
      packages: 'external',
      platform,
      format,
      target: 'es2022',
      mainFields: ['module', 'main'],
      sourcemap: true,
      // node.ts re-exports the root entry: keep it a separate module so both entries share one set of classes.
      plugins:
        name === 'node'
          ? [
              {
                name: 'external-root-entry',
                setup(b) {
                  b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({
                    path: format === 'esm' ? './index.js' : './index.cjs',
                    external: true,
                  }));
                },
              },
            ]
          : [],
      logLevel: 'warning',
    });
  }
}

const require = createRequire(import.meta.url);
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });

// .d.ts → .d.cts (same declarations; imports inside point at .js files which resolve to the .d.ts set).
function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.d.ts')) {
      // Relative imports point at the .cjs twins so `require` consumers stay in CommonJS declarations.
      const text = readFileSync(p, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]+)\.js\2/g, '$1$2$3.cjs$2');
      writeFileSync(p.slice(0, -5) + '.d.cts', text);
    }
  }
}
walk(dist);
console.log('built packages/core/dist');
