// The README promises a two-command quick start and CI promises to run the README's test command.
// Keep the three in step: README → commands, .ci/run → the test command, package.json → the scripts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (p: string) => readFileSync(root + p, 'utf8');

describe('quick start', () => {
  const readme = read('README.md');
  const quick = readme.split('## Quick start')[1]?.split('\n## ')[0] ?? '';
  const commands = quick.split('\n').filter((l) => l.startsWith('npm '));

  it('README shows exactly the demo command and the test command', () => {
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
  });

  it('.ci/run runs the README test command', () => {
    expect(read('.ci/run')).toMatch(/^npm ci && npm test( |$)/m);
  });

  it('the root package.json has the scripts the README names', () => {
    const pkg = JSON.parse(read('package.json'));
    for (const s of ['demo', 'test', 'bench', 'test:n8n', 'check-dist']) expect(pkg.scripts[s], s).toBeTruthy();
  });
});
