// The built package: both formats load, share classes, ship declarations, and the root entry stays
// environment-free (the n8n bundle is linted for these identifiers).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (f: string) => `${root}dist/${f}`;

describe('dist', () => {
  it('has every file package.json exports point at', () => {
    for (const f of [
      'index.js',
      'index.cjs',
      'node.js',
      'node.cjs',
      'index.d.ts',
      'index.d.cts',
      'node.d.ts',
      'node.d.cts',
    ]) {
      expect(existsSync(dist(f)), f).toBe(true);
    }
  });
  it('root entry references no runtime-specific globals or Node built-ins', () => {
    const banned = /\b(fetch|setTimeout|setInterval|clearTimeout|process|globalThis|Buffer|__dirname)\b|["']node:/;
    for (const f of ['index.js', 'index.cjs']) {
      const code = readFileSync(dist(f), 'utf8');
      const hits = code.split('\n').filter((line) => banned.test(line));
      expect(hits, f).toEqual([]);
    }
    expect(readFileSync(dist('index.js'), 'utf8')).not.toMatch(/\brequire\b/);
    const requires = readFileSync(dist('index.cjs'), 'utf8').match(/\brequire\([^)]*\)/g) ?? [];
    expect(requires).toEqual(['require("eventsource-parser")']);
  });
  it('loads as CommonJS and as ESM, sharing one set of classes with the node entry', async () => {
    const require = createRequire(import.meta.url);
    const cjsRoot = require(dist('index.cjs'));
    const cjsNode = require(dist('node.cjs'));
    expect(typeof cjsRoot.SimClient).toBe('function');
    expect(cjsNode.SimError).toBe(cjsRoot.SimError);
    const esmRoot = await import(dist('index.js'));
    const esmNode = await import(dist('node.js'));
    expect(esmNode.SimClient).toBe(esmRoot.SimClient);
    const client = esmNode.createSimClient({ apiKey: 'sk-sim-x-123', baseUrl: 'http://127.0.0.1:9/' });
    expect(client.baseUrl).toBe('http://127.0.0.1:9');
    expect(cjsNode.createSimClient({ apiKey: 'sk-sim-x-123' }).baseUrl).toBe('https://www.sim.ai');
  });
  it('CommonJS declarations point at CommonJS declarations', () => {
    const dcts = readFileSync(dist('index.d.cts'), 'utf8');
    expect(dcts).toMatch(/from '\.\/client\.cjs'/);
    expect(dcts).not.toMatch(/from '\.\/[^']+\.js'/);
  });
});
