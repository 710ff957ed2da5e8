#!/usr/bin/env node
// Runs the Zapier CLI on build/ (run `npm run build` first). The CLI refuses Node 20, so under an
// older Node this uses a Node 22 binary from scripts/ensure-node.mjs (the npm package for this platform).
//
//   node scripts/zapier-cli.mjs validate --without-style
//   node scripts/zapier-cli.mjs invoke create execute_workflow -i '{"workflowId":"…"}'
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode } from '../../../scripts/ensure-node.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build');
if (!existsSync(join(buildDir, 'index.js'))) {
  console.error(`${buildDir}/index.js is missing: run \`npm run build\` in packages/zapier-app first.`);
  process.exit(1);
}
const require = createRequire(import.meta.url);
// The `zapier-platform` bin of zapier-platform-cli.
const cli = join(dirname(require.resolve('zapier-platform-cli/package.json')), 'src', 'bin', 'run');
const major = Number(process.versions.node.split('.')[0]);
const node = major >= 22 ? process.execPath : ensureNode(22);
const result = spawnSync(node, [cli, ...process.argv.slice(2)], {
  cwd: buildDir,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
