// The documents the repository promises: README's development section says how to release, the Action is
// referenced by its real name, CONTRIBUTING.md and SECURITY.md exist and say what they must.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { read, root } from './helpers.js';

describe('documents', () => {
  it('no README refers to the Action as OWNER/REPO any more', () => {
    const tracked = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    for (const file of tracked) expect(read(file), file).not.toContain('OWNER/REPO');
    expect(read('README.md')).toContain('uses: sim-integrations/sim-integrations@v1');
  });

  it("README's development section says how to release", () => {
    const dev = read('README.md').split('\n## Development')[1]?.split('\n## ')[0] ?? '';
    expect(dev).toContain('### Releasing');
    for (const word of ['npx changeset', 'release.yml', 'provenance', 'v1', 'zapier-platform push'])
      expect(dev).toContain(word);
  });

  it('CONTRIBUTING.md covers build, test, demo, benchmarks and releases; SECURITY.md reporting and API keys', () => {
    const contributing = read('CONTRIBUTING.md');
    for (const cmd of ['npm run build', 'npm test', 'npm run demo', 'npm run bench', 'npx changeset', '## Releasing'])
      expect(contributing).toContain(cmd);
    const security = read('SECURITY.md');
    expect(security).toContain('## Reporting a vulnerability');
    expect(security).toContain('## What the packages do with your Sim API key');
  });
});
