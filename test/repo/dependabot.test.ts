// .github/dependabot.yml: both ecosystems, and every exact pin the project relies on is either grouped with the
// packages it must move with or ignored, by names that really exist in the workspace's package.json files.
import { describe, expect, it } from 'vitest';
import { PUBLISHED, parseYaml, read } from './helpers.js';

interface Update {
  'package-ecosystem': string;
  directory: string;
  schedule: { interval: string };
  ignore?: Array<{ 'dependency-name': string; 'update-types'?: string[] }>;
  groups?: Record<
    string,
    { patterns?: string[]; 'exclude-patterns'?: string[]; 'dependency-type'?: string; 'update-types'?: string[] }
  >;
}
const config = parseYaml(read('.github/dependabot.yml')) as { version: number; updates: Update[] };
const npm = config.updates.find((u) => u['package-ecosystem'] === 'npm') as Update;

/** Every dependency name → the versions it is declared with, across the root and the workspaces. */
const declared = new Map<string, string[]>();
for (const file of [
  'package.json',
  'test/package.json',
  ...[...PUBLISHED, 'github-action', 'zapier-app'].map((d) => `packages/${d}/package.json`),
]) {
  const pkg = JSON.parse(read(file));
  for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies]) {
    for (const [name, range] of Object.entries<string>(deps ?? {}))
      declared.set(name, [...(declared.get(name) ?? []), range]);
  }
}

const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const groupOf = (name: string) =>
  Object.entries(npm.groups ?? {}).find(
    ([, g]) => g.patterns?.some((p) => glob(p).test(name)) && !g['exclude-patterns']?.some((p) => glob(p).test(name)),
  )?.[0];
const ignored = (name: string) => npm.ignore?.find((i) => i['dependency-name'] === name);

describe('dependabot.yml', () => {
  it('updates npm and github-actions weekly (version 2)', () => {
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => [u['package-ecosystem'], u.directory, u.schedule.interval])).toEqual([
      ['npm', '/', 'weekly'],
      ['github-actions', '/', 'weekly'],
    ]);
  });

  it('the exact pins the project relies on are still exact', () => {
    expect(declared.get('zapier-platform-core')).toEqual(['19.1.0']);
    expect(declared.get('vitest')).toEqual(['4.1.12']);
    expect(declared.get('vite')).toEqual(['8.3.8']);
    expect(declared.get('n8n-workflow')).toEqual(expect.arrayContaining(['1.120.0']));
  });

  it('zapier-platform-* move together and never across a major by Dependabot', () => {
    for (const name of ['zapier-platform-core', 'zapier-platform-cli', 'zapier-platform-schema']) {
      expect(declared.has(name), name).toBe(true);
      expect(groupOf(name), name).toBe('zapier-platform');
      expect(ignored(name)?.['update-types'], name).toEqual(['version-update:semver-major']);
    }
  });

  it('vitest and vite move together', () => {
    expect(groupOf('vitest')).toBe('vitest-vite');
    expect(groupOf('vite')).toBe('vitest-vite');
  });

  it('n8n-workflow (the 1.x API the node builds against) is ignored entirely', () => {
    expect(ignored('n8n-workflow')).toEqual({ 'dependency-name': 'n8n-workflow' });
    expect(JSON.parse(read('package.json')).overrides['@n8n/eslint-plugin-community-nodes']['n8n-workflow']).toBe(
      '1.120.0',
    );
  });

  it('every ignored or grouped name exists in a package.json (no stale entries)', () => {
    for (const i of npm.ignore ?? []) expect(declared.has(i['dependency-name']), i['dependency-name']).toBe(true);
    for (const [group, g] of Object.entries(npm.groups ?? {})) {
      for (const p of g.patterns ?? [])
        expect(
          [...declared.keys()].some((n) => glob(p).test(n)),
          `${group}: ${p}`,
        ).toBe(true);
    }
  });

  it('the file explains each decision', () => {
    const text = read('.github/dependabot.yml');
    for (const word of ['zapier-platform-core 19.1.0', 'vitest 4.1.12 and vite 8.3.8', 'n8n-workflow 1.120.0'])
      expect(text).toContain(word);
  });
});
