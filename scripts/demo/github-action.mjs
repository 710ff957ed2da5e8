// Demo section: runs the GitHub Action's committed bundle the way the runner does (a child process
// with INPUT_* variables and GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, then the post
// step with the saved state) against the emulator, and shows the log, the outputs and the job summary.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'github-action', 'dist');

/** The runner's file-command format: `name<<delimiter` … `delimiter`. */
function parseFileCommands(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    out[m[1]] = value.join('\n');
  }
  return out;
}

async function step(script, inputs, { state = {}, dir }) {
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(state)) env[`STATE_${k}`] = v;
  const child = spawn(process.execPath, [join(dist, `${script}.js`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return {
    code,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

/** The log as the runner would show it: commands it consumes (add-mask, debug) are hidden. */
function visibleLog(stdout) {
  return stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::') && !l.startsWith('::debug::'))
    .map((l) => `    │ ${l}`)
    .join('\n');
}

export async function run({ url, seed, log = console.log }) {
  const dir = mkdtempSync(join(tmpdir(), 'sim-action-demo-'));
  try {
    const runs = [
      ['async + wait on wf-echo', { 'workflow-id': seed.workflows.echo, input: '{"name":"Ada","count":21}' }],
      [
        'stream on wf-stream',
        {
          'workflow-id': seed.workflows.stream,
          mode: 'stream',
          input: '{"chunks":6,"chunkSize":12,"chunkDelayMs":50}',
        },
      ],
    ];
    for (const [title, inputs] of runs) {
      log(`\n▶ uses: ./ (Run Sim workflow) — ${title}`);
      const main = await step('main', { 'api-key': seed.apiKey, 'base-url': url, ...inputs }, { dir });
      log(visibleLog(main.stdout.trimEnd()));
      if (main.stderr.trim()) log(`    stderr: ${main.stderr.trim()}`);
      log(`  exit code: ${main.code}`);
      log('  outputs:');
      for (const [k, v] of Object.entries(main.outputs))
        log(`    ${k} = ${v.length > 160 ? `${v.slice(0, 160)}…` : v}`);
      log('  job summary (GITHUB_STEP_SUMMARY):');
      log(
        main.summary
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      );
      const post = await step(
        'post',
        { 'api-key': seed.apiKey, 'base-url': url, ...inputs },
        { state: main.state, dir },
      );
      log(
        `  post step: exit code ${post.code} (state: ${Object.entries(main.state)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`,
      );
      if (main.code !== 0 || main.outputs.status !== 'completed')
        throw new Error(
          `the ${title} step ended with exit code ${main.code}, status ${main.outputs.status}: ${main.outputs.error}`,
        );
      const shown = main.stdout
        .split('\n')
        .filter((l) => l !== `::add-mask::${seed.apiKey}`)
        .join('\n');
      if (
        [shown, main.stderr, main.summary, JSON.stringify(main.outputs), JSON.stringify(main.state)].some((t) =>
          t.includes(seed.apiKey),
        )
      )
        throw new Error('the API key appeared in the log, outputs, summary or state');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
