// Vitest global setup: builds dist/ from the current sources once, before any test file runs. The files that
// check the built package (package, scanner, workflow-exports) read it while other files run in parallel;
// each rebuilding it (dist/ is removed, then written) would pull it from under the others.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildDist(): void {
	const root = join(__dirname, '..');
	execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe', timeout: 120_000 });
}
