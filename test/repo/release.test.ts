// The release path, as far as it goes offline. `npm publish --provenance` needs a GitHub runner's OIDC token, so
// this checks what it relies on instead: the package.json fields, then the tarballs themselves. Each published
// package is packed with `npm pack`, installed into a scratch folder outside the repository (the tarball unpacked
// into node_modules/<name>, as npm does, with its runtime dependencies linked from this repository's install:
// no registry is contacted), and its public entry points are loaded there: ESM and CommonJS where both are
// declared, the n8n node and credential files, the emulator's bin, and the type declarations through tsc.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED, parseYaml, read, root } from './helpers.js';

const exec = promisify(execFile);
const REPO = 'https://github.com/sim-integrations/sim-integrations';
const pkgOf = (dir: string) => JSON.parse(read(`packages/${dir}/package.json`));

describe('package.json fields that npm publish --provenance needs', () => {
  it.each(PUBLISHED)('packages/%s', (dir) => {
    const pkg = pkgOf(dir);
    expect(pkg.private).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    // provenance is only accepted when `repository` names the repository the workflow runs in
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO}.git`, directory: `packages/${dir}` });
    expect(pkg.homepage).toBe(`${REPO}/tree/main/packages/${dir}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO}/issues` });
    expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
    // n8n-nodes-sim keeps `files: ["dist"]` (its own test holds it to n8n's community-node rules)
    expect(pkg.files).toEqual(expect.arrayContaining(['dist']));
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md'])
      expect(existsSync(join(root, 'packages', dir, f)), f).toBe(true);
  });

  it('the Action and the Zapier app are never published to npm', () => {
    expect(pkgOf('github-action').private).toBe(true);
    expect(pkgOf('zapier-app').private).toBe(true);
  });

  it('n8n-nodes-sim carries the community-node keyword n8n looks for', () => {
    expect(pkgOf('n8n-nodes-sim').keywords).toContain('n8n-community-node-package');
  });

  it('every package has a CHANGELOG that changesets can extend', () => {
    for (const dir of [...PUBLISHED, 'github-action', 'zapier-app']) {
      expect(read(`packages/${dir}/CHANGELOG.md`).startsWith(`# ${pkgOf(dir).name}\n`), dir).toBe(true);
    }
    const config = JSON.parse(read('.changeset/config.json'));
    expect(config).toMatchObject({
      access: 'public',
      baseBranch: 'main',
      privatePackages: { version: true, tag: false },
    });
  });

  it('every pending changeset bumps packages of this repository and says, for the CHANGELOG, what changed', () => {
    const names = new Set(
      ['core', 'emulator', 'github-action', 'n8n-nodes-sim', 'zapier-app'].map((dir) => pkgOf(dir).name as string),
    );
    const pending = readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pending.length).toBeGreaterThan(0);
    for (const file of pending) {
      const [, front, body] = read(`.changeset/${file}`).split(/^---$/m) as [string, string, string];
      const bumps = parseYaml(front) as Record<string, string>;
      expect(Object.keys(bumps).length, file).toBeGreaterThan(0);
      for (const [name, bump] of Object.entries(bumps)) {
        expect(names.has(name), `${file}: ${name}`).toBe(true);
        expect(['patch', 'minor', 'major'], `${file}: ${bump}`).toContain(bump);
      }
      expect(body.trim().length, file).toBeGreaterThan(40);
    }
  });

  it('the Action ships as sim-integrations/sim-integrations@v1: its version reaches 1.x at the first release', () => {
    const version = pkgOf('github-action').version as string;
    if (version.startsWith('0.')) {
      // a pending changeset takes it to 1.0.0
      const pending = read('.changeset/first-release-of-the-action.md');
      expect(parseYaml(pending.split('---')[1] as string)).toEqual({ '@sim-integrations/github-action': 'major' });
    } else {
      expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(1);
    }
  });
});

interface Packed {
  name: string;
  filename: string;
  files: Array<{ path: string }>;
}

const scratch = mkdtempSync(join(tmpdir(), 'sim-pack-'));
const modules = join(scratch, 'node_modules');
let packed: Packed[] = [];
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Links a package of this repository's install into the scratch node_modules (a dependency the registry would bring). */
function linkFromRepo(name: string): void {
  const target = join(modules, name);
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  symlinkSync(join(root, 'node_modules', name), target, 'dir');
}

const node = (file: string, cwd = scratch) =>
  exec(process.execPath, [file], { cwd, encoding: 'utf8', timeout: 60_000 });

describe('npm pack → install into a scratch folder → load', () => {
  beforeAll(async () => {
    const args = [
      'pack',
      '--json',
      '--pack-destination',
      scratch,
      ...PUBLISHED.flatMap((d) => ['-w', `packages/${d}`]),
    ];
    const { stdout } = await exec('npm', args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
    packed = JSON.parse(stdout) as Packed[];
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    for (const p of packed) {
      const dir = join(modules, p.name);
      mkdirSync(dir, { recursive: true });
      await exec('tar', ['-xzf', join(scratch, p.filename), '-C', dir, '--strip-components=1']);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) linkFromRepo(dep);
    }
    linkFromRepo('@types/node');
  }, 180_000);

  it('packs the three published packages with only what users need', () => {
    expect(packed.map((p) => p.name).sort()).toEqual([
      '@sim-integrations/core',
      '@sim-integrations/emulator',
      'n8n-nodes-sim',
    ]);
    for (const p of packed) {
      const paths = p.files.map((f) => f.path);
      expect(paths, p.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
      const listed = JSON.parse(readFileSync(join(modules, p.name, 'package.json'), 'utf8')).files as string[];
      expect(paths.includes('CHANGELOG.md'), p.name).toBe(listed.includes('CHANGELOG.md'));
      expect(
        paths.filter((f) => /^(src|test|scripts)\//.test(f) || f.includes('tsconfig') || f.endsWith('.test.js')),
        p.name,
      ).toEqual([]);
    }
  });

  it('@sim-integrations/core: ESM and CommonJS entry points load and agree', async () => {
    writeFileSync(
      join(scratch, 'core-esm.mjs'),
      `import * as a from '@sim-integrations/core'; import * as b from '@sim-integrations/core/node';
       console.log(JSON.stringify({ root: Object.keys(a).sort(), node: Object.keys(b).sort(), client: typeof b.createSimClient({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9' }).runWorkflow }));`,
    );
    writeFileSync(
      join(scratch, 'core-cjs.cjs'),
      `const a = require('@sim-integrations/core'); const b = require('@sim-integrations/core/node');
       console.log(JSON.stringify({ root: Object.keys(a).sort(), node: Object.keys(b).sort(), client: typeof b.createSimClient({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9' }).runWorkflow }));`,
    );
    const esm = JSON.parse((await node('core-esm.mjs')).stdout);
    const cjs = JSON.parse((await node('core-cjs.cjs')).stdout);
    expect(esm.node).toContain('createSimClient');
    expect(esm.client).toBe('function');
    expect(cjs).toEqual(esm);
  });

  it('@sim-integrations/emulator: the ESM entry starts a server, the bin answers --help', async () => {
    writeFileSync(
      join(scratch, 'emulator.mjs'),
      `import { startEmulator, SEED } from '@sim-integrations/emulator';
       const emu = await startEmulator({ port: 0 });
       const res = await fetch(emu.url + '/api/workflows/' + SEED.workflows.echo + '/execute', { method: 'POST', headers: { 'x-api-key': SEED.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Ada', count: 2 }) });
       console.log(res.status); await emu.close();`,
    );
    expect((await node('emulator.mjs')).stdout.trim()).toBe('200');
    const manifest = JSON.parse(readFileSync(join(modules, '@sim-integrations/emulator/package.json'), 'utf8'));
    const bin = join(modules, '@sim-integrations/emulator', manifest.bin['sim-emulator']);
    const help = await exec(process.execPath, [bin, '--help'], { cwd: scratch, encoding: 'utf8' });
    expect(help.stdout).toContain('Usage: sim-emulator');
  });

  it('n8n-nodes-sim: every node and credential file that package.json lists loads (with the host n8n-workflow)', async () => {
    const dir = join(modules, 'n8n-nodes-sim');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files: string[] = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
    expect(files.length).toBeGreaterThanOrEqual(3);
    writeFileSync(
      join(scratch, 'n8n.cjs'),
      `const files = ${JSON.stringify(files)};
       const out = files.map((f) => { const m = require('n8n-nodes-sim/' + f); const C = Object.values(m)[0]; const i = new C(); return (i.description && i.description.name) || i.name; });
       console.log(JSON.stringify(out));`,
    );
    const names = JSON.parse((await node('n8n.cjs')).stdout);
    expect(names).toHaveLength(files.length);
    expect(names.every((n: unknown) => typeof n === 'string' && n !== '')).toBe(true);
  });

  it('the type declarations resolve for ESM and CommonJS consumers (tsc, NodeNext)', async () => {
    writeFileSync(
      join(scratch, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['types-esm.mts', 'types-cjs.cts'],
      }),
    );
    writeFileSync(
      join(scratch, 'types-esm.mts'),
      `import { createSimClient } from '@sim-integrations/core/node';
       import { startEmulator, SEED } from '@sim-integrations/emulator';
       const sim = createSimClient({ apiKey: 'sk-test' });
       const run: Promise<{ status: string }> = sim.runWorkflow(SEED.workflows.echo, { input: { name: 'Ada' } });
       export { run, startEmulator };`,
    );
    writeFileSync(
      join(scratch, 'types-cjs.cts'),
      `import core = require('@sim-integrations/core');
       import nodeEntry = require('@sim-integrations/core/node');
       export const client = nodeEntry.createSimClient({ apiKey: 'sk-test' });
       export type Err = core.SimError;`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' }).catch(
      (e) => e,
    );
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).toBe('');
  });
});
