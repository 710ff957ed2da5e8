// scripts/ci-summary.mjs closes `.ci/run` with what a reader needs first: the failed tests, then one line per
// package, then the totals. Checked on a log in the shape `npm test` prints (turbo's prefixes, vitest's colours).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { root } from './helpers.js';
// @ts-expect-error: plain .mjs script without type declarations
import { summarize } from '../../scripts/ci-summary.mjs';

const exec = promisify(execFile);
const dim = (s: string) => `\x1b[2m${s}\x1b[22m`;

const passing = [
  '@sim-integrations/emulator:test: cache bypass, force executing 1ee9b39b808b411b',
  '@sim-integrations/emulator:test:  ✓ test/api.test.ts (28 tests) 3232ms',
  `@sim-integrations/emulator:test: ${dim(' Test Files ')} \x1b[1m\x1b[32m8 passed\x1b[39m\x1b[22m\x1b[90m (8)\x1b[39m`,
  `@sim-integrations/emulator:test: ${dim('      Tests ')} \x1b[1m\x1b[32m192 passed\x1b[39m\x1b[22m\x1b[90m (192)\x1b[39m`,
  `@sim-integrations/emulator:test: ${dim('   Duration ')} 17.51s${dim(' (transform 1.25s, setup 0ms, import 2.32s, tests 11.70s, environment 1ms)')}`,
  '@sim-integrations/core:test:       Tests  188 passed | 1 skipped (189)',
  '@sim-integrations/core:test:  Test Files  19 passed (19)',
  '@sim-integrations/core:test:    Duration  140.49s (transform 1.99s, setup 0ms)',
];
const failing = [
  '@sim-integrations/github-action:test:  ❯ test/units.test.ts (31 tests | 1 failed) 44ms',
  '@sim-integrations/github-action:test:      × never echoes the api key 3ms',
  '@sim-integrations/github-action:test: ⎯⎯⎯⎯⎯⎯⎯ Failed Tests 1 ⎯⎯⎯⎯⎯⎯⎯',
  '@sim-integrations/github-action:test:  FAIL  test/units.test.ts > readInputs > never echoes the api key',
  '@sim-integrations/github-action:test: AssertionError: expected the call to throw, but it returned',
  '@sim-integrations/github-action:test:  Test Files  1 failed | 6 passed (7)',
  '@sim-integrations/github-action:test:       Tests  1 failed | 106 passed (107)',
  '@sim-integrations/github-action:test:    Duration  48.79s (transform 1.30s)',
];

describe('ci-summary', () => {
  it('a passing run: one line per package, then the totals', () => {
    expect(summarize(passing.join('\n'))).toEqual([
      '@sim-integrations/emulator  192 passed; files 8 passed; 17.51s',
      '@sim-integrations/core      188 passed, 1 skipped; files 19 passed; 140.49s',
      '380 passed, 0 failed, 1 skipped',
    ]);
  });

  it('a failing run: the failed tests come first', () => {
    const lines = summarize([...passing, ...failing].join('\n')) as string[];
    expect(lines.slice(0, 2)).toEqual([
      'Failed:',
      '  @sim-integrations/github-action: test/units.test.ts > readInputs > never echoes the api key',
    ]);
    expect(lines).toContain('@sim-integrations/github-action  106 passed, 1 failed; files 1 failed | 6 passed; 48.79s');
    expect(lines.at(-1)).toBe('486 passed, 1 failed, 1 skipped');
  });

  it('prints the summary of a log file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-ci-summary-'));
    try {
      writeFileSync(join(dir, 'ci-test.log'), passing.join('\n'));
      const { stdout } = await exec(process.execPath, [
        join(root, 'scripts', 'ci-summary.mjs'),
        join(dir, 'ci-test.log'),
      ]);
      expect(stdout.trim().split('\n').at(-1)).toBe('380 passed, 0 failed, 1 skipped');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
