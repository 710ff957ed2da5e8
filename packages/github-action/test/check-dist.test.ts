// The committed bundle must be what the sources build to (same check as `npm run check-dist`).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain .mjs script without type declarations
import { checkDist } from '../scripts/check-dist.mjs';
// @ts-expect-error: plain .mjs script without type declarations
import { listFiles } from '../scripts/bundle.mjs';
import { packageDir } from './harness.js';

describe('dist', () => {
  it('matches a fresh build of the sources', async () => {
    expect(await (checkDist as () => Promise<string[]>)()).toEqual([]);
  });

  it("main, post and the sub-actions' entries (with their shared chunks) stay under 1 MB together", () => {
    const dist = join(packageDir, 'dist');
    const files = (listFiles as (d: string) => string[])(dist).filter((f) => f.endsWith('.js'));
    const total = files.reduce((n, f) => n + statSync(join(dist, f)).size, 0);
    for (const entry of ['main', 'post', 'deploy', 'rollback', 'export', 'import'])
      expect(files).toContain(`${entry}.js`);
    expect(total).toBeLessThanOrEqual(1_000_000);
  });
});
