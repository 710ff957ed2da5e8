/** The replay fixtures are generated from the recordings kept in packages/emulator/recordings/ and must be up to date. */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('generated replay fixtures', () => {
  it('match what scripts/generate-replays.mjs makes from recordings/ (run npm run generate:replays after editing a recording)', () => {
    let out = '';
    let code = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/generate-replays.mjs'), '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (err) {
      code = (err as { status?: number }).status ?? 1;
      out = String((err as { stderr?: string }).stderr ?? '');
    }
    expect(out).toBe('');
    expect(code).toBe(0);
  });
});
