/**
 * v1 undeploy, `DELETE /api/v1/workflows/{id}/deploy` (current profile). The 400 on a workflow that is not deployed is
 * recorded (recordings/2026-12-03-v2-workflow-management.md, "v1 undeploy … on an undeployed workflow"); the 200 is
 * Sim's route code (v0.8.9), not a recording.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, SEED, type Emulator } from '../src/index.js';
import { call } from './helpers.js';

const ECHO = SEED.workflows.echo;

describe('v1 undeploy on the current profile', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0 });
  });
  afterAll(() => emu?.close());
  beforeEach(() => emu.reset());

  it('takes a deployed workflow offline: runs are refused, a second undeploy answers the recorded 400, a deploy adds a version', async () => {
    const off = await call(emu.url, 'DELETE', `/api/v1/workflows/${ECHO}/deploy`);
    expect(off.status).toBe(200);
    expect((off.json as { data: unknown }).data).toEqual({
      id: ECHO,
      isDeployed: false,
      deployedAt: null,
      warnings: [],
    });
    expect(off.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect((await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'x' } })).status).toBe(403);
    const detail = await call(emu.url, 'GET', `/api/v1/workflows/${ECHO}`);
    expect((detail.json as { data: { isDeployed: boolean } }).data.isDeployed).toBe(false);

    const again = await call(emu.url, 'DELETE', `/api/v1/workflows/${ECHO}/deploy`);
    expect([again.status, again.json]).toEqual([400, { error: 'Workflow is not deployed' }]);
    expect((await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}/rollback`)).status).toBe(400);

    const redeploy = await call(emu.url, 'POST', `/api/v1/workflows/${ECHO}/deploy`, { body: {} });
    expect((redeploy.json as { data: { version: number } }).data.version).toBe(2);
    expect((await call(emu.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'x' } })).status).toBe(200);
  });

  it('unknown workflow → 404, no key → 401, other methods on …/deploy → 405', async () => {
    expect(
      await call(emu.url, 'DELETE', '/api/v1/workflows/not-a-workflow/deploy').then((r) => [r.status, r.json]),
    ).toEqual([404, { error: 'Workflow not found' }]);
    expect((await call(emu.url, 'DELETE', `/api/v1/workflows/${ECHO}/deploy`, { key: 'none' })).status).toBe(401);
    expect((await call(emu.url, 'PUT', `/api/v1/workflows/${ECHO}/deploy`)).status).toBe(405);
  });

  it('the March profile has no undeploy route', async () => {
    const march = await startEmulator({ port: 0, profile: '2026-03' });
    try {
      expect((await call(march.url, 'DELETE', `/api/v1/workflows/${ECHO}/deploy`)).status).toBe(405);
      expect((await call(march.url, 'POST', `/api/workflows/${ECHO}/execute`, { body: { name: 'x' } })).status).toBe(
        200,
      );
    } finally {
      await march.close();
    }
  });
});
