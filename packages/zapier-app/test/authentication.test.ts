import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { serverSuffix } from '../src/authentication.js';
import { SERVERS, appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

describe.each(SERVERS)('authentication (%s server)', (server) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(server);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('tests the connection with GET /api/users/me/usage-limits and labels it with the plan and workspace', async () => {
    emu.clearJournal();
    const result = (await appTester(App.authentication!.test as never, bundleFor(emu) as never)) as Record<
      string,
      unknown
    >;
    expect(result['plan']).toBe('pro');
    expect(result['workspaceId']).toBe(emu.seed.workspaceId);
    const calls = emu.journal();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/users/me/usage-limits']);
    expect(calls[0]!.headers['x-api-key']).toBe(emu.seed.apiKey);

    const label = renderLabel(App.authentication!.connectionLabel as string, { ...bundleFor(emu), inputData: result });
    expect(label).toBe(`Sim pro plan · workspace ${emu.seed.workspaceId} @ ${new URL(emu.url).host}`);
    expect(label).not.toContain(emu.seed.apiKey);
  });

  it('turns a rejected key (401) into ExpiredAuthError with a clear message and no key', async () => {
    const badKey = 'sk-sim-wrong-key-123456';
    const err = await errorOf(
      appTester(App.authentication!.test as never, bundleFor(emu, {}, {}, { apiKey: badKey }) as never),
    );
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/HTTP 401/);
    expect(err.message).toMatch(/Reconnect with a valid key/);
    expect(err.message).not.toContain(badKey);
  });

  it('refuses a Sim URL that is not http(s)', async () => {
    const err = await errorOf(
      appTester(
        App.authentication!.test as never,
        bundleFor(emu, {}, {}, { baseUrl: 'ftp://sim.example.com' }) as never,
      ),
    );
    expect(err.message).toMatch(/must start with http:\/\/ or https:\/\//);
  });

  it("refuses a Sim URL with credentials or a query (the core's rules), in the connection's words, before any request", async () => {
    emu.clearJournal();
    const withPassword = await errorOf(
      appTester(
        App.authentication!.test as never,
        bundleFor(emu, {}, {}, { baseUrl: 'https://admin:hunter2@sim.example.com' }) as never,
      ),
    );
    expect(withPassword.message).toMatch(
      /The Sim URL .* in this connection is not valid\. .*must not contain credentials/,
    );
    expect(withPassword.message).not.toContain('hunter2');
    const withQuery = await errorOf(
      appTester(
        App.authentication!.test as never,
        bundleFor(emu, {}, {}, { baseUrl: 'https://sim.example.com/?x=1' }) as never,
      ),
    );
    expect(withQuery.message).toMatch(/remove the query string/);
    expect(emu.journal()).toEqual([]);
  });
});

describe('connection label', () => {
  it('is a template of the plan and the workspace id; no host for Sim cloud', () => {
    const bundle = {
      authData: { apiKey: 'sk-sim-secret', workspaceId: 'ws-1', baseUrl: 'https://www.sim.ai' },
      inputData: { plan: 'team', server: serverSuffix('https://www.sim.ai/') },
    };
    expect(renderLabel(App.authentication!.connectionLabel as string, bundle)).toBe('Sim team plan · workspace ws-1');
    expect(serverSuffix('https://sim.example.com:8443/')).toBe(' @ sim.example.com:8443');
  });
});

/** Renders a connection label template the way Zapier does ({{bundle.authData.x}}, {{bundle.inputData.x}}). */
function renderLabel(template: string, bundle: Record<string, unknown>): string {
  return template.replace(/{{\s*bundle\.(authData|inputData)\.([\w]+)\s*}}/g, (_m, group: string, key: string) =>
    String(((bundle[group] as Record<string, unknown>) ?? {})[key] ?? ''),
  );
}
