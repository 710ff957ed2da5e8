import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import App from '../src/index.js';
import { PROFILES, appTester, bundleFor, errorOf, startEmu, type Emulator } from './helpers.js';

describe.each(PROFILES)('authentication (%s profile)', (profile) => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmu(profile);
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('tests the connection with GET /api/users/me/usage-limits and labels it with the plan and workspace', async () => {
    emu.clearJournal();
    const result = (await appTester(App.authentication!.test as never, bundleFor(emu) as never)) as Record<string, unknown>;
    expect(result['plan']).toBe('pro');
    expect(result['workspaceId']).toBe(emu.seed.workspaceId);
    const calls = emu.journal();
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/users/me/usage-limits']);
    expect(calls[0]!.headers['x-api-key']).toBe(emu.seed.apiKey);

    const label = await appTester(App.authentication!.connectionLabel as never, { ...bundleFor(emu), inputData: result } as never);
    expect(label).toBe(`Sim pro plan · workspace ${emu.seed.workspaceId} @ ${new URL(emu.url).host}`);
    expect(String(label)).not.toContain(emu.seed.apiKey);
  });

  it('turns a rejected key (401) into ExpiredAuthError with a clear message and no key', async () => {
    const badKey = 'sk-sim-wrong-key-123456';
    const err = await errorOf(appTester(App.authentication!.test as never, bundleFor(emu, {}, {}, { apiKey: badKey }) as never));
    expect(err.name).toBe('ExpiredAuthError');
    expect(err.message).toMatch(/HTTP 401/);
    expect(err.message).toMatch(/Reconnect with a valid key/);
    expect(err.message).not.toContain(badKey);
  });

  it('refuses a Sim URL that is not http(s)', async () => {
    const err = await errorOf(appTester(App.authentication!.test as never, bundleFor(emu, {}, {}, { baseUrl: 'ftp://sim.example.com' }) as never));
    expect(err.message).toMatch(/must start with http:\/\/ or https:\/\//);
  });
});

describe('connection label', () => {
  it('leaves out the host for Sim cloud and never shows the key', async () => {
    const bundle = { authData: { apiKey: 'sk-sim-secret', workspaceId: 'ws-1', baseUrl: 'https://www.sim.ai' }, inputData: { plan: 'team' } };
    const label = await appTester(App.authentication!.connectionLabel as never, bundle as never);
    expect(label).toBe('Sim team plan · workspace ws-1');
  });
});
