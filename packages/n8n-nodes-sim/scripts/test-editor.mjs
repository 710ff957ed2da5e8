#!/usr/bin/env node
// Browser test of the n8n editor with n8n-nodes-sim installed: real n8n (2.40.7 on Node 24, 1.123.0 on
// Node 20), the package installed from its `npm pack` tarball as Settings → Community Nodes does, the Sim
// emulator, and Debian's Chromium driven by playwright-core (no browser download: SIM_CHROMIUM, default
// /usr/bin/chromium, from `apt-get install chromium`). What a new user does, step by step:
//   sign in · "What triggers this workflow?": search Sim and its aliases, open the app's Node details
//   (its description, its trigger and its actions, as many as the node's operations) · add Sim Trigger, create the credential in its
//   form, whose Test fails with a wrong key and passes with the right one · Fetch Test Event · the +
//   panel and its AI panel: search again · add Sim → Execute a workflow, pick the workflow from the
//   list, map its workflow inputs, Execute step and read the output · the AI Agent's tool picker: find
//   Sim Tool · no console errors from the editor on the way.
// Screenshots of every step go to .tmp/editor-screenshots/<line>/ (CI uploads them); with --docs the
// README's screenshots (packages/n8n-nodes-sim/docs/*.png) are written from the first line's run.
//
//   npm run test:editor                    both lines side by side (installs n8n into ~/.cache/sim-integrations on first use)
//   node scripts/test-editor.mjs 2.x       one line (1.x or 2.x); SIM_N8N_LINES=1.x,2.x does the same
//   node scripts/test-editor.mjs 2.x --docs
// Exits non-zero on failure.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '@sim-integrations/emulator';
import { chromium, selectors } from 'playwright-core';

import { createN8nInstance, ensureBuilt, ensureN8n, N8N_LINES, OWNER, PACKAGE_DIR, packPackage } from './real-n8n.mjs';

const CHROMIUM = process.env.SIM_CHROMIUM || '/usr/bin/chromium';
/**
 * Chromium's own background connections off (a closed network refuses them), and no sandbox (CI runs as
 * root). Playwright adds --headless, and --user-data-dir for the fresh profile folder of each run.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SHOTS_ROOT = process.env.SIM_EDITOR_SCREENSHOTS || join(PACKAGE_DIR, '..', '..', '.tmp', 'editor-screenshots');
const DOCS_DIR = join(PACKAGE_DIR, 'docs');

/** The Sim node's actions as n8n's Node details counts them: its operations, from the built node's description. */
function actionCount() {
  const { Sim } = createRequire(import.meta.url)(join(PACKAGE_DIR, 'dist', 'nodes', 'Sim', 'Sim.node.js'));
  return new Sim().description.properties
    .filter((p) => p.name === 'operation')
    .reduce((n, p) => n + p.options.length, 0);
}
const OVERALL_TIMEOUT_MS = 20 * 60_000;
/** Every wait on the page (a selector, a response) gives up after this. */
const STEP_TIMEOUT_MS = 45_000;

const args = process.argv.slice(2);
const writeDocs = args.includes('--docs');
const requested = (args.find((a) => !a.startsWith('--')) ?? process.env.SIM_N8N_LINES ?? '2.x,1.x')
  .split(',')
  .map((l) => l.trim())
  .filter(Boolean);
const lines = requested.map((name) => {
  const line = N8N_LINES[name];
  if (!line) throw new Error(`Unknown n8n line "${name}" (use ${Object.keys(N8N_LINES).join(' or ')}).`);
  return line;
});

const overall = setTimeout(() => {
  console.error(`✗ the editor test took longer than ${OVERALL_TIMEOUT_MS / 60_000} minutes: giving up`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();

// n8n marks its elements with data-test-id
selectors.setTestIdAttribute('data-test-id');

/** What people type to find the node: its name, the product's domain, and the codex aliases. */
const SEARCH_TERMS = ['Sim', 'sim.ai', 'Sim Studio', 'AI workflow'];
/** A search no node matches. */
const NO_MATCH = 'zq-no-node-is-called-this';
const WORKFLOW = { id: 'wf-echo', name: 'echo' };
const INPUTS = { name: 'Ada', count: 21 };
/** The app entry's description in the node creator: the trigger's (n8n merges a trigger into its app). */
const APP_DESCRIPTION = 'Run Sim AI workflows and manage their runs, or start a workflow when a Sim run finishes';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const isLoopback = (url) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/**
 * Console errors that come from n8n itself whatever nodes are installed, each with why it is not ours.
 * Everything else the editor logs as an error fails the test.
 */
const N8N_OWN_CONSOLE_ERRORS = [
  // the test blocks every request that would leave the machine (n8n asks registry.npmjs.org about the
  // package for Node details); Chromium logs each as a failed resource
  { test: (m) => m.url && !isLoopback(m.url), why: 'a blocked request to the internet' },
  // the editor (both lines) asks for a JSON schema of a node's output (/schemas/<node>/<version>/…, the
  // "schema preview" n8n's own nodes ship in __schema__/); this package ships none, so n8n answers 404
  {
    test: (m) => /status of 404/.test(m.text) && /\/schemas\/n8n-nodes-sim\./.test(m.url),
    why: 'n8n asking for output schemas the package does not ship',
  },
  // n8n 1.x's version-notification store reads its settings before they are loaded, at times, while the
  // editor starts after signing in (versions.store: `versionNotificationSettings.value.enabled`)
  {
    test: (m) => m.step === 'sign in' && /reading 'enabled'/.test(m.text) && /versions\.store/.test(m.text),
    why: "n8n 1.x's version notifications read before its settings load",
  },
  // n8n 1.x asks for AI assistant sessions, which its community edition is not licensed for
  {
    test: (m) =>
      /sessions metadata: ResponseError: Plan lacks license/.test(m.text) ||
      (/status of 403/.test(m.text) && /\/rest\/ai\//.test(m.url)),
    why: "n8n 1.x's AI assistant (not licensed)",
  },
];

// ------------------------------------------------------------------------------------------- the flow
/** One line: its own emulator, n8n and Chromium. */
async function runLine(line, tarball, { docs }) {
  const label = `n8n ${line.version} (Node ${line.nodeMajor})`;
  const log = (...a) => console.log(`[${line.name}]`, ...a);
  const shots = join(SHOTS_ROOT, line.name);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  if (docs) mkdirSync(DOCS_DIR, { recursive: true });
  log(
    `── ${label}: package installed from ${tarball.split('/').at(-1)} as a community package; screenshots in ${shots}`,
  );

  let emulator;
  let instance;
  let context;
  const profileDir = mkdtempSync(join(tmpdir(), 'sim-chromium-'));
  const consoleErrors = [];
  const ignoredConsole = new Map();
  let shotIndex = 0;
  const started = Date.now();
  try {
    emulator = await startEmulator({ port: 0 });
    instance = await createN8nInstance({
      line,
      install: 'tarball',
      tarball,
      baseUrl: emulator.url,
      apiKey: emulator.seed.apiKey,
      workspaceId: emulator.seed.workspaceId,
      importCredentials: false,
      log,
    });
    const server = await instance.startServer();
    log(`n8n started, owner set up through the REST API (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    await context.route(
      (url) => !isLoopback(url.href),
      (route) => route.abort('blockedbyclient'),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    let signedIn = false;
    let currentStep = '';
    function record(entry) {
      const known = N8N_OWN_CONSOLE_ERRORS.find((k) => k.test(entry));
      if (known) ignoredConsole.set(known.why, (ignoredConsole.get(known.why) ?? 0) + 1);
      else consoleErrors.push(entry);
    }
    page.on('console', (message) => {
      if (message.type() !== 'error' || !signedIn) return; // before signing in, n8n's session check answers 401
      record({ text: message.text(), url: message.location()?.url ?? '', step: currentStep });
    });
    page.on('pageerror', (error) =>
      record({
        text: `uncaught ${error.stack?.split('\n').slice(0, 4).join(' ← ') ?? error.message}`,
        url: '',
        step: currentStep,
      }),
    );

    /** A screenshot for the CI artifact; with `docs`, also the README's copy of it. */
    async function shot(name, { target = page, doc } = {}) {
      const file = join(shots, `${String(++shotIndex).padStart(2, '0')}-${name}.png`);
      await target.screenshot({ path: file, animations: 'disabled' });
      if (docs && doc) await target.screenshot({ path: join(DOCS_DIR, doc), animations: 'disabled' });
    }
    async function step(name, fn) {
      const t = Date.now();
      currentStep = name;
      try {
        const note = await fn();
        log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)${note ? `: ${note}` : ''}`);
      } catch (error) {
        await page.screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
        error.message = `${name}: ${error.message}`;
        throw error;
      }
    }

    const creator = page.getByTestId('node-creator');
    const searchBar = page.getByTestId('node-creator-search-bar');
    const ndv = page.getByTestId('ndv');
    const itemNamed = (name) =>
      creator
        .getByTestId('node-creator-item-name')
        .filter({ hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })
        .first();

    /**
     * Types `term` into the node creator's search and waits for `name` among the results. Returns its
     * rank among the panel's own results (1 = first); fails when it is listed only under "Results in
     * other categories" (where the node creator puts what the panel filtered out).
     */
    async function searchFinds(term, name) {
      // first a search that lists nothing, so that what is read next is the answer to `term`
      await searchBar.fill(NO_MATCH);
      await itemNamed(name).waitFor({ state: 'detached' });
      await searchBar.fill(term);
      await itemNamed(name).waitFor();
      const listed = await creator
        .locator('[data-test-id="node-creator-item-name"], [data-test-id="node-creator-category-item"]')
        .allInnerTexts();
      const others = listed.findIndex((t) => /other categories/i.test(t));
      const own = (others === -1 ? listed : listed.slice(0, others)).map((t) => t.trim());
      const rank = own.indexOf(name) + 1;
      if (process.env.SIM_E2E_DEBUG) log(term, JSON.stringify(listed));
      assert(
        rank > 0,
        `searching "${term}" lists ${name} only under "Results in other categories" (${listed.map((t) => t.trim()).join(', ')})`,
      );
      return rank;
    }
    /** Searches every term; returns "term #rank" notes. */
    async function searchAll(name, terms = SEARCH_TERMS) {
      const notes = [];
      for (const term of terms) notes.push(`"${term}" #${await searchFinds(term, name)}`);
      return notes.join(', ');
    }
    /** Waits until the open node's credential select shows `name`. */
    async function credentialSelected(name) {
      await page.waitForFunction(
        (wanted) =>
          [...document.querySelectorAll('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input')].some(
            (input) => input.value === wanted,
          ),
        name,
      );
    }
    async function closeNdv() {
      await page.getByTestId('ndv-close-button').or(page.getByTestId('back-to-canvas')).first().click();
      await ndv.waitFor({ state: 'hidden' });
    }
    /** The output panel's JSON (its JSON view, parsed). */
    async function outputJson() {
      const output = ndv.getByTestId('output-panel');
      await output
        .getByText(/^\s*\d+ items?\s*$/)
        .first()
        .waitFor();
      await output.getByTestId('radio-button-json').click();
      const json = await page.waitForFunction(() => {
        const view = document.querySelector(
          '[data-test-id="ndv"] [data-test-id="output-panel"] [data-test-id="ndv-data-container"]',
        );
        try {
          const items = JSON.parse((view?.textContent ?? '').replace(/\u00a0/g, ' ')); // indented with no-break spaces
          return Array.isArray(items) && items.length > 0 ? items : undefined;
        } catch {
          return undefined; // still rendering (the JSON view's text is its JSON; innerText would wrap long strings)
        }
      });
      return json.jsonValue();
    }

    await step('sign in', async () => {
      await page.goto(`${server.url}/signin`);
      await page.locator('input[name="emailOrLdapLoginId"], input[name="email"]').first().fill(OWNER.email);
      await page.locator('input[name="password"]').fill(OWNER.password);
      await page.getByTestId('form-submit-button').click();
      await page.waitForURL((url) => !url.pathname.includes('/signin'));
      signedIn = true;
      await page.goto(`${server.url}/workflow/new`);
      await page.getByTestId('canvas-add-button').waitFor();
    });

    await step('trigger panel: search finds Sim', async () => {
      await page.getByTestId('canvas-add-button').click();
      await creator.waitFor();
      const notes = await searchAll('Sim');
      await searchFinds('Sim', 'Sim');
      await shot('trigger-panel-search', { target: creator, doc: 'search-trigger-panel.png' });
      return notes;
    });

    await step(`Node details: the app's description, its trigger and its ${actionCount()} actions`, async () => {
      await itemNamed('Sim').click();
      await creator.getByTestId('nodes-list-header').filter({ hasText: 'Node details' }).waitFor();
      await creator.getByText(APP_DESCRIPTION).first().waitFor();
      await creator.getByTestId('node-creator-category-item').filter({ hasText: 'Triggers (1)' }).waitFor();
      await creator
        .getByTestId('node-creator-category-item')
        .filter({ hasText: `Actions (${actionCount()})` })
        .waitFor();
      await itemNamed('On new execution log').waitFor();
      await shot('node-details-trigger-panel', { target: creator });
    });

    await step(
      'Sim Trigger: create the credential in its form; its Test fails with a wrong key, passes with the right one',
      async () => {
        await itemNamed('On new execution log').click();
        await ndv.waitFor();
        // 2.x: a "Connect to Sim" button; 1.x: the credential select's "Create new credential"
        const connect = ndv.getByTestId('node-credentials-empty-state').getByRole('button');
        const select = ndv.getByTestId('node-credentials-select');
        await connect.or(select).first().waitFor();
        if (await connect.count()) await connect.first().click();
        else {
          await select.click();
          await page.getByTestId('node-credentials-select-item-new').click();
        }
        const modal = page.getByTestId('editCredential-modal');
        await modal.waitFor();
        const field = (name) => modal.getByTestId(`parameter-input-${name}`).locator('input');
        await field('apiKey').fill('sk-sim-wrong-key-for-the-editor-test');
        await field('baseUrl').fill(emulator.url);
        await field('workspaceId').fill(emulator.seed.workspaceId);
        await shot('credential-form');
        const testOf = () =>
          page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test') && r.request().method() === 'POST');
        let tested = testOf();
        await modal.getByTestId('credential-save-button').click();
        let answer = (await (await tested).json()).data;
        assert(answer?.status === 'Error', `the Test with a wrong key answered ${JSON.stringify(answer)}`);
        await modal.getByText(/Couldn.t connect with these settings/).waitFor();
        await shot('credential-test-failed');
        await field('apiKey').fill(emulator.seed.apiKey);
        tested = testOf();
        await modal.getByTestId('credential-save-button').click();
        answer = (await (await tested).json()).data;
        assert(answer?.status === 'OK', `the Test with the right key answered ${JSON.stringify(answer)}`);
        // 1.x shows "Connection tested successfully" in the form; 2.x closes the form once the Test passes
        await page.waitForFunction(() => {
          const form = document.querySelector('[data-test-id="editCredential-modal"]');
          // biome-ignore lint/performance/useDomNodeTextContent: the text the user sees, not hidden elements' text
          return !form?.checkVisibility() || /Connection tested successfully/.test(form.innerText);
        });
        if (await modal.isVisible()) {
          await shot('credential-test-passed', { target: modal });
          await modal.locator('.el-dialog__headerbtn, button[aria-label*="lose"]').first().click();
          await modal.waitFor({ state: 'hidden' });
        }
        await credentialSelected('Sim account');
        const tests = emulator
          .journal()
          .filter((e) => e.path === '/api/users/me/usage-limits')
          .map((e) => e.status);
        // (n8n 2.x tests a credential again when it is saved: one wrong-key Test may reach Sim twice)
        assert(/^(401,)+200$/.test(tests.join(',')), `the credential Test reached Sim with answers ${tests}`);
        return `Test: Sim answered ${tests.join(', ')}`;
      },
    );

    await step('Sim Trigger: Fetch Test Event shows the newest run', async () => {
      await ndv.getByTestId('node-execute-button').click();
      const [event] = await outputJson();
      assert(event?.executionId && event.workflowId && event.level, `the test event is ${JSON.stringify(event)}`);
      await shot('trigger-test-event', { doc: 'trigger-test-event.png' });
      await closeNdv();
      return `execution ${event.executionId} of ${event.workflowId}`;
    });

    await step('+ panel: search finds Sim', async () => {
      await page.locator('[data-handleid="outputs/main/0"] [data-test-id="canvas-handle-plus"]').first().click();
      await creator.waitFor();
      const notes = await searchAll('Sim');
      await searchFinds('Sim', 'Sim');
      await shot('plus-panel-search', { target: creator });
      return notes;
    });

    await step('+ panel → AI: search finds Sim among the AI nodes', async () => {
      await searchBar.fill('');
      await itemNamed('AI').click();
      await itemNamed('AI Agent').waitFor();
      const notes = await searchAll('Sim');
      await searchFinds('Sim', 'Sim');
      await shot('ai-panel-search', { target: creator });
      await page.keyboard.press('Escape');
      await creator.waitFor({ state: 'hidden' });
      return notes;
    });

    let output;
    await step('add Sim → Execute a workflow; pick the workflow from the list; map its workflow inputs', async () => {
      await page.locator('[data-handleid="outputs/main/0"] [data-test-id="canvas-handle-plus"]').first().click();
      await searchBar.fill('Sim');
      await itemNamed('Sim').click();
      await itemNamed('Execute a workflow').waitFor();
      await shot('node-details-plus-panel', { target: creator, doc: 'node-details.png' });
      await itemNamed('Execute a workflow').click();
      await ndv.waitFor();
      await credentialSelected('Sim account');
      await ndv.getByTestId('parameter-input-workflowId').click();
      await page
        .getByTestId('rlc-item')
        .filter({ hasText: new RegExp(`^\\s*${WORKFLOW.name}\\s*$`) })
        .click();
      await ndv.getByTestId('parameter-input-inputMode').click();
      await page.getByRole('option', { name: 'Map Each Field' }).click();
      const fields = ndv.getByTestId('mapping-fields-container');
      await fields.getByText('Workflow Inputs').waitFor();
      const remove = await fields.getByTestId('remove-field-button-name').getAttribute('title');
      assert(remove === 'Remove workflow input', `the field's remove button says "${remove}"`);
      for (const [name, value] of Object.entries(INPUTS)) {
        await ndv.locator(`[data-parameter-path='parameters.inputFields.value["${name}"]'] input`).fill(String(value));
      }
      await shot('sim-node-mapped');
    });

    await step("Execute step: the run's output", async () => {
      const from = emulator.journal().length;
      await ndv.getByTestId('node-execute-button').click();
      [output] = await outputJson();
      assert(output?.status === 'completed', `the output is ${JSON.stringify(output)}`);
      assert(
        output.output?.result?.doubled === INPUTS.count * 2 && output.output.result.name === INPUTS.name,
        `the workflow output is ${JSON.stringify(output.output)}`,
      );
      const run = emulator
        .journal()
        .slice(from)
        .find((e) => e.method === 'POST' && e.path === `/api/workflows/${WORKFLOW.id}/execute`);
      assert(
        run && JSON.parse(run.body).name === INPUTS.name && JSON.parse(run.body).count === INPUTS.count,
        `Sim received ${run?.body}`,
      );
      await shot('sim-node-output', { doc: 'execute-step.png' });
      await closeNdv();
      return `status ${output.status}, output ${JSON.stringify(output.output)}`;
    });

    await step("AI Agent's tool picker: search finds Sim Tool", async () => {
      await page.getByTestId('node-creator-plus-button').click();
      await searchBar.fill('AI Agent');
      await itemNamed('AI Agent').click();
      await ndv.waitFor();
      await closeNdv();
      await page.locator('[data-handleid="inputs/ai_tool/0"] [data-test-id="canvas-handle-plus"]').first().click();
      await creator.waitFor();
      const notes = [`"Sim" #${await searchFinds('Sim', 'Sim Tool')}`];
      // n8n 1.x builds the tool variant's codex without the node's aliases (LoadNodesAndCredentials
      // .convertNodeToAiTool), so there only the display name is searched; 2.x keeps them (setToolCodex)
      if (line.name === '1.x') {
        for (const term of SEARCH_TERMS.slice(1)) {
          await searchBar.fill('Sim');
          await itemNamed('Sim Tool').waitFor();
          await searchBar.fill(term);
          // the list is rendered on the frame after the input event: wait two frames, then read it
          await page.evaluate(
            () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
          );
          assert(
            !(await itemNamed('Sim Tool').count()),
            `n8n 1.x now finds Sim Tool by "${term}": update README.md (search terms)`,
          );
        }
        notes.push('aliases: not searched by n8n 1.x for tools');
      } else {
        for (const term of SEARCH_TERMS.slice(1)) notes.push(`"${term}" #${await searchFinds(term, 'Sim Tool')}`);
      }
      await searchFinds('Sim', 'Sim Tool');
      await shot('tool-picker-search', { target: creator });
      await page.keyboard.press('Escape');
      await shot('canvas');
      return notes.join(', ');
    });

    await step('no console errors', async () => {
      assert(
        consoleErrors.length === 0,
        `the editor logged: ${consoleErrors.map((e) => `${e.text} (${e.url || 'no url'}; during "${e.step}")`).join(' | ')}`,
      );
      return [...ignoredConsole].map(([why, n]) => `${n}× ${why}`).join(', ') || 'none at all';
    });
    return { label, ok: true, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    log(`✗ FAIL  ${error.message.split('\n').slice(0, 12).join('\n')}`);
    if (process.env.SIM_E2E_DEBUG && instance) log(instance.root);
    return { label, ok: false, seconds: (Date.now() - started) / 1000 };
  } finally {
    await context?.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
    await instance?.cleanup();
    await emulator?.close();
  }
}

// ------------------------------------------------------------------------------------------------ run
const startedAt = Date.now();
const packDir = mkdtempSync(join(tmpdir(), 'sim-n8n-pack-'));
let results = [];
try {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `no Chromium at ${CHROMIUM}: apt-get install chromium (Debian's), or set SIM_CHROMIUM to a Chromium or Chrome binary`,
    );
  await ensureBuilt();
  await Promise.all(lines.map((line) => ensureN8n({ line })));
  const tarball = await packPackage(packDir);
  // the lines side by side (each its own emulator, n8n and Chromium); SIM_N8N_SERIAL=1 runs them one after the other
  if (process.env.SIM_N8N_SERIAL === '1')
    for (const [i, line] of lines.entries()) results.push(await runLine(line, tarball, { docs: writeDocs && i === 0 }));
  else results = await Promise.all(lines.map((line, i) => runLine(line, tarball, { docs: writeDocs && i === 0 })));
} catch (error) {
  results.push({ label: 'setup', ok: false });
  console.error(`✗ FAIL  setup: ${error.message}`);
} finally {
  rmSync(packDir, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok);
console.log(
  `\nn8n editor in Chromium: ${results.map((r) => `${r.label} ${r.ok ? 'passed' : 'FAILED'}${r.seconds ? ` (${r.seconds.toFixed(0)} s)` : ''}`).join('; ')}; screenshots in ${SHOTS_ROOT}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all`,
);
process.exit(failed.length ? 1 : 0);
