/**
 * Replays recordings/2026-12-03-v2-personal-key-deploy.md (generated into personal-key-recordings.ts) against one
 * emulator, in the recorded order and at the recorded times (on a virtual clock): §A v2 deploy, rollback and undeploy
 * with a personal key, §B the same refused to a workspace key, §C v1 deploy, read, rollback and export, §D usage-limits
 * around 3 sync executes.
 *
 * The recorded workflows map to seeded ones: `<wfA>` (deployed at version 1) → `wf-typed`, `<wfC>` (never deployed) →
 * `wf-undeployed`, the live suite's echo → `wf-echo`. Ids, times and the user's name are the server's own, so where
 * they matter the test checks the RELATIONS between exchanges that the recording shows, first on the recorded bodies
 * (so a misreading of the recording fails here too), then on the emulator's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../src/index.js';
import { call, orderDiff, shapeDiff, startVirtual, type CallResult, type VirtualEmulator } from './helpers.js';
import { PERSONAL_KEY_RECORDINGS, type PersonalKeyExchange } from './personal-key-recordings.js';

type Json = any;

function rec(id: string): PersonalKeyExchange {
  const r = PERSONAL_KEY_RECORDINGS[id];
  if (!r) throw new Error(`recordings/2026-12-03-v2-personal-key-deploy.md has no exchange ${id}`);
  return r;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const workflowOf = (id: string): string => UUID.exec(rec(id).request)![0];

/** Recorded workflow id → the seeded workflow standing in for it. */
const WORKFLOWS = new Map([
  [workflowOf('A1'), SEED.workflows.typed],
  [workflowOf('C1'), SEED.workflows.undeployed],
  [workflowOf('D3.1'), SEED.workflows.echo],
]);
const WF_A = SEED.workflows.typed;
const WF_C = SEED.workflows.undeployed;

/** The recorded texts the emulator must answer verbatim. */
const ACTIVATED = (rec('A2').body as Json).data.warnings[0] as string;
const HISTORICAL = (rec('A12').body as Json).data.warnings[0] as string;

const bodyOf = (id: string): Json => rec(id).body;
const dataOf = (id: string): Json => bodyOf(id).data;
const without = (o: Record<string, unknown>, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const versionRows = (list: Json[]): unknown[][] =>
  list.map((v) => [v.id, v.version, v.name, v.description, v.isActive, v.latestOperationStatus]);

describe('recordings/2026-12-03-v2-personal-key-deploy.md, replayed', () => {
  let emu: VirtualEmulator;
  let t0 = 0;
  const origin = Date.parse(rec('A1').sentAt);
  /** The emulator's answers by exchange id. */
  const got = new Map<string, CallResult>();

  beforeAll(async () => {
    emu = await startVirtual({ v2: true });
    t0 = emu.clock.now();
  });
  afterAll(async () => emu.close());

  /** Sends the recorded request at its recorded time (relative to A1), to the stand-in workflow, with the same kind of key. */
  async function replay(id: string): Promise<CallResult> {
    const r = rec(id);
    const due = t0 + (Date.parse(r.sentAt) - origin);
    if (due > emu.clock.now()) await emu.clock.sleep(due - emu.clock.now());
    const [method, path] = r.request.split(' ') as [string, string];
    const local = path.replace(UUID, (m) => WORKFLOWS.get(m) ?? m);
    const res = await call(emu.url, method, local, {
      key: r.key === 'personal' ? 'personal' : 'valid',
      ...(r.requestBody === undefined ? {} : { body: r.requestBody as object }),
    });
    got.set(id, res);
    return res;
  }

  /** The recorded status, body shape and field order, and the recorded cache and rate headers' presence. */
  function expectLike(res: CallResult, id: string, loose: string[] = []): void {
    const r = rec(id);
    expect(res.status, `${id}: ${res.text.slice(0, 300)}`).toBe(r.status);
    expect(shapeDiff(res.json, r.body, new Set(loose)), id).toEqual([]);
    expect(orderDiff(res.json, r.body, new Set(loose)), id).toEqual([]);
    for (const h of ['cache-control', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      if (r.headers[h] === undefined) expect(res.headers.get(h), `${id}: ${h} was not recorded`).toBeNull();
      else if (h === 'cache-control' || h === 'x-ratelimit-limit')
        expect(res.headers.get(h), `${id}: ${h}`).toBe(r.headers[h]);
      else expect(res.headers.get(h), `${id}: ${h}`).not.toBeNull();
    }
  }

  /** Replays an exchange whose answer carries no server-made value: the emulator answers the recorded body verbatim. */
  async function replayVerbatim(id: string): Promise<void> {
    const res = await replay(id);
    expectLike(res, id);
    expect(res.json, id).toEqual(rec(id).body);
  }

  const emulated = (id: string): Json => (got.get(id)!.json as Json).data;

  /**
   * §A's relations, as the recording shows them (`d` gives an exchange's `data`: the recorded one or the emulator's).
   * recordings/2026-12-03-v2-personal-key-deploy.md §A1 to §A16.
   */
  function sectionA(d: (id: string) => Json, wf: string): void {
    const v1 = d('A1').activeDeployment.deploymentVersionId;
    expect(d('A1')).toMatchObject({
      id: wf,
      isDeployed: true,
      warnings: [],
      needsRedeployment: false,
      activeDeployment: { version: 1 },
      latestDeploymentAttempt: {
        deploymentVersionId: v1,
        version: 1,
        action: 'deploy',
        status: 'active',
        isCurrent: true,
        error: null,
      },
    });
    // A2: deploy {name, description} makes version 2, live at once, with the activation warning; `version` last (checked by orderDiff)
    const v2 = d('A2').activeDeployment.deploymentVersionId;
    expect(v2).not.toBe(v1);
    expect(d('A2')).toMatchObject({
      id: wf,
      isDeployed: true,
      version: 2,
      warnings: [ACTIVATED],
      activeDeployment: { version: 2 },
      latestDeploymentAttempt: {
        deploymentVersionId: v2,
        version: 2,
        action: 'deploy',
        status: 'active',
        isCurrent: true,
      },
    });
    expect([d('A2').activeDeployment.deployedAt, d('A2').latestDeploymentAttempt.activatedAt]).toEqual([
      d('A2').deployedAt,
      d('A2').deployedAt,
    ]);
    // A3: the deployment state is the deploy's answer without `version`, with no warning and needsRedeployment
    expect(d('A3')).toEqual({ ...without(d('A2'), 'version'), warnings: [], needsRedeployment: false });
    // A4: the versions, newest first; the name and description on version 2; the status only on the active one
    expect(versionRows(d('A4'))).toEqual([
      [v2, 2, 'abc1234 main', 'from CI', true, 'active'],
      [v1, 1, null, null, false, null],
    ]);
    expect(d('A4').map((v: Json) => v.createdAt)).toEqual([
      d('A2').latestDeploymentAttempt.requestedAt,
      d('A1').latestDeploymentAttempt.requestedAt,
    ]);
    expect(d('A4')[0].deployedBy).toEqual(expect.any(String));
    // A5: rollback without a body → version 1, a new "activate" attempt, no new version
    expect(d('A5')).toMatchObject({
      id: wf,
      isDeployed: true,
      version: 1,
      warnings: [ACTIVATED],
      activeDeployment: { deploymentVersionId: v1, version: 1 },
      latestDeploymentAttempt: {
        deploymentVersionId: v1,
        version: 1,
        action: 'activate',
        status: 'active',
        isCurrent: true,
      },
    });
    expect([d('A1').latestDeploymentAttempt.id, d('A2').latestDeploymentAttempt.id]).not.toContain(
      d('A5').latestDeploymentAttempt.id,
    );
    expect(d('A6')).toEqual({ ...without(d('A5'), 'version'), warnings: [], needsRedeployment: false });
    // A7: rollback to the version already active changes nothing: A5's answer without its warning
    expect(d('A7')).toEqual({ ...d('A5'), warnings: [] });
    // A8: rollback {version: 2} activates version 2 again (a new attempt)
    expect(d('A8')).toMatchObject({
      version: 2,
      warnings: [ACTIVATED],
      activeDeployment: { deploymentVersionId: v2, version: 2 },
      latestDeploymentAttempt: { deploymentVersionId: v2, action: 'activate', isCurrent: true },
    });
    expect(d('A8').latestDeploymentAttempt.id).not.toBe(d('A2').latestDeploymentAttempt.id);
    // A10: the rollbacks made no version and left no status on the version rolled away from
    expect(d('A10')).toEqual(d('A4'));
    // A11: undeploy
    expect(d('A11')).toEqual({
      id: wf,
      isDeployed: false,
      deployedAt: null,
      warnings: [],
      activeDeployment: null,
      latestDeploymentAttempt: null,
    });
    // A12: the last activation, no longer current, and the historical warning
    expect(d('A12')).toEqual({
      id: wf,
      isDeployed: false,
      deployedAt: null,
      warnings: [HISTORICAL],
      activeDeployment: null,
      latestDeploymentAttempt: { ...d('A8').latestDeploymentAttempt, isCurrent: false },
      needsRedeployment: false,
    });
    // A16: deploying again (no body) makes version 3
    expect(d('A16')).toMatchObject({
      id: wf,
      isDeployed: true,
      version: 3,
      warnings: [ACTIVATED],
      activeDeployment: { version: 3 },
      latestDeploymentAttempt: { version: 3, action: 'deploy', isCurrent: true },
    });
  }

  /** §B's relations: the workspace key reads (B2, B3, B7) see §A's end state; its writes change nothing. */
  function sectionB(d: (id: string) => Json, dA: (id: string) => Json): void {
    expect(d('B2')).toEqual({ ...without(dA('A16'), 'version'), warnings: [], needsRedeployment: false });
    expect(d('B7')).toEqual(d('B2'));
    const [v1, v2, v3] = [dA('A1'), dA('A2'), dA('A16')].map((x) => x.activeDeployment.deploymentVersionId);
    expect(versionRows(d('B3'))).toEqual([
      [v3, 3, null, null, true, 'active'],
      [v2, 2, 'abc1234 main', 'from CI', false, null],
      [v1, 1, null, null, false, null],
    ]);
  }

  /** §C's relations (v1, workspace key; C9 is v2 with the personal key). */
  function sectionC(b: (id: string) => Json, wf: string): void {
    const d = (id: string): Json => b(id).data;
    expect(d('C1').workflow.id).toBe(wf);
    expect(Object.keys(d('C1').state.blocks).length).toBeGreaterThan(0);
    // C2 / C6: the v1 read shows whether it is deployed and since when, never which version
    expect(d('C2')).toMatchObject({ id: wf, isDeployed: false, deployedAt: null });
    expect(JSON.stringify(d('C6'))).not.toMatch(/"version"|"deploymentVersionId"/);
    expect(d('C6')).toEqual({ ...d('C2'), isDeployed: true, deployedAt: d('C5').deployedAt });
    // C4 / C5: each deploy a new version, named as asked
    expect(d('C4')).toMatchObject({
      id: wf,
      isDeployed: true,
      version: 1,
      warnings: [ACTIVATED],
      latestDeploymentAttempt: { version: 1, action: 'deploy', isCurrent: true },
    });
    expect(d('C5')).toMatchObject({ version: 2, warnings: [ACTIVATED], activeDeployment: { version: 2 } });
    const [c4, c5] = [d('C4'), d('C5')].map((x) => x.activeDeployment.deploymentVersionId);
    expect(versionRows(d('C9'))).toEqual([
      [c5, 2, 'def5678 main', 'from CI, second', true, 'active'],
      [c4, 1, 'abc1234 main', 'from CI', false, null],
    ]);
    // C10: the export reads the draft: the same after deploying, apart from when it was made
    const stamp = (x: Json): Json => ({
      ...x,
      exportedAt: '*',
      state: { ...x.state, metadata: { ...x.state.metadata, exportedAt: '*' } },
    });
    expect(stamp(d('C10'))).toEqual(stamp(d('C1')));
  }

  it('§A: v2 deploy, rollback and undeploy with a personal key', async () => {
    sectionA(dataOf, workflowOf('A1')); // the recording itself shows these relations

    for (const id of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8']) expectLike(await replay(id), id);
    await replayVerbatim('A9'); // 404 NOT_FOUND "Deployment version not found"
    expectLike(await replay('A10'), 'A10');
    const a11 = await replay('A11');
    expectLike(a11, 'A11');
    expectLike(await replay('A12'), 'A12');
    await replayVerbatim('A13'); // 400 BAD_REQUEST "Workflow is not deployed"
    await replayVerbatim('A14'); // the same for a rollback
    await replayVerbatim('A15'); // 403 WORKFLOW_NOT_DEPLOYED
    expectLike(await replay('A16'), 'A16');
    sectionA(emulated, WF_A);
  });

  it('§B: the same calls with a workspace key are refused before anything changes; its reads see the same state', async () => {
    sectionB(dataOf, dataOf);
    for (const id of ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'B7']) {
      if (rec(id).status === 403) await replayVerbatim(id);
      else expectLike(await replay(id), id);
    }
    sectionB(emulated, emulated);
  });

  it('§C: v1 deploy, read, rollback and export (export of a never-deployed workflow: 200, the draft)', async () => {
    sectionC(bodyOf, workflowOf('C1'));
    for (const id of ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10']) {
      const res = await replay(id);
      if (['C3', 'C7', 'C8'].includes(id)) {
        expectLike(res, id);
        expect(res.json, id).toEqual(rec(id).body); // "Workflow is not deployed", "Deployment version not found", the zod issue of {version: 0}
      } else expectLike(res, id, id === 'C1' || id === 'C10' ? ['data.state.blocks'] : []);
    }
    // the blocks are the emulator's own (its workflow's), each shaped like the recorded block of its type
    const recordedBlocks = Object.values(dataOf('C1').state.blocks) as Json[];
    for (const block of Object.values((got.get('C1')!.json as Json).data.state.blocks) as Json[]) {
      const like = recordedBlocks.find((b) => b.type === block.type);
      if (like) expect(shapeDiff(block, like, new Set(['subBlocks'])), block.type).toEqual([]);
    }
    sectionC((id) => got.get(id)!.json, WF_C);
    // the v1 routes share the user's one /api/v1 bucket: it counts down by one per call, as recorded
    const v1Calls = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C10'];
    expect(v1Calls.map((id) => got.get(id)!.headers.get('x-ratelimit-remaining'))).toEqual(
      v1Calls.map((id) => rec(id).headers['x-ratelimit-remaining']),
    );
    expect(new Set(v1Calls.map((id) => got.get(id)!.headers.get('x-ratelimit-reset'))).size).toBe(1);
  });

  it("§D: usage-limits' resetAt floats (now + 60 s) while a bucket does not exist, and is fixed once a run made it", async () => {
    const reads = ['D1', 'D2', 'D4.1', 'D4.2', 'D4.3', 'D5', 'D6'];
    const runs = ['D3.1', 'D3.2', 'D3.3'];
    /** When the answer was made: the recorded window (sent … sent + latency); the emulator answers at once. */
    const at = (id: string, emulator: boolean): [number, number] => {
      const sent = emulator ? t0 + (Date.parse(rec(id).sentAt) - origin) : Date.parse(rec(id).sentAt);
      return [sent, emulator ? sent : sent + rec(id).ms];
    };
    const check = (b: (id: string) => Json, emulator: boolean): void => {
      const rl = (id: string): Json => b(id).rateLimit;
      const within = (iso: string, [from, to]: [number, number]): boolean =>
        Date.parse(iso) >= from + 60_000 && Date.parse(iso) <= to + 60_000;
      // sync executes spend the sync bucket only
      expect(reads.map((id) => [rl(id).sync.remaining, rl(id).async.remaining])).toEqual([
        [999999, 999999],
        [999999, 999999],
        [999998, 999999],
        [999997, 999999],
        [999996, 999999],
        [999996, 999999],
        [999996, 999999],
      ]);
      // no bucket yet: a minute from the read, moving with every read (the async bucket the whole time)
      for (const id of reads) expect(within(rl(id).async.resetAt, at(id, emulator)), `${id} async`).toBe(true);
      for (const id of ['D1', 'D2']) expect(within(rl(id).sync.resetAt, at(id, emulator)), `${id} sync`).toBe(true);
      expect(Date.parse(rl('D2').sync.resetAt)).toBeGreaterThan(Date.parse(rl('D1').sync.resetAt));
      // the first run made the sync bucket: its next refill is fixed from then on, for both keys (D6: the personal key)
      const fixed = rl('D4.1').sync.resetAt;
      expect(within(fixed, at('D3.1', emulator))).toBe(true);
      expect(reads.slice(2).map((id) => rl(id).sync.resetAt)).toEqual(reads.slice(2).map(() => fixed));
    };
    check((id) => bodyOf(id), false);

    for (const id of ['D1', 'D2', ...runs.flatMap((r, i) => [r, reads[2 + i]!]), 'D5', 'D6']) {
      const res = await replay(id);
      if (runs.includes(id)) expect(res.status, id).toBe(200);
      else expectLike(res, id); // no cache-control and no rate headers on usage-limits, as recorded
    }
    check((id) => got.get(id)!.json, true);

    // Sim's bucket keys expire after 2 idle minutes (recordings/2026-12-03-v2-personal-key-deploy.md §findings, from its Redis script; not
    // observed in the exchanges): then resetAt floats again and the bucket reads full
    await emu.clock.sleep(120_000);
    const later = (await call(emu.url, 'GET', '/api/users/me/usage-limits')).json as Json;
    expect(later.rateLimit.sync).toMatchObject({
      remaining: 999999,
      resetAt: new Date(emu.clock.now() + 60_000).toISOString(),
    });
  });
});
