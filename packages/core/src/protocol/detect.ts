// Which protocol a client speaks to its server: forced with `apiVersion`, or detected once per client and cached. This
// is the one place where the server's version decides anything; everything else asks the chosen RunProtocol.
//
// Detection asks, in parallel, for a run no server has, on the v2 route and on the v1 execution resource, and reads
// how each 404 is worded (docs/sim-server-versions.md): v2 `Run not found` = v2 is on; v2 `Not found` (flag off) or any
// v1-style 404 = off. v1 `Execution not found` = a current server; any other 404 = the March 2026 server. `Workflow not
// found` says nothing (the key cannot see the workflow): the run that follows reports it, and the next call asks again.
import { isRecord } from '../errors.js';
import { pathId } from '../inputs.js';
import { apiErrorFrom, send, type SendResult } from '../request.js';
import { MarchProtocol } from './march.js';
import type { ProtocolContext, RunProtocol } from './protocol.js';
import { V1Protocol } from './v1.js';
import { V2Protocol } from './v2.js';

/** Which Sim API runs go through: `v1`, `v2` (where the server enables it), or `auto` (detected, the default). */
export type ApiVersion = 'v1' | 'v2' | 'auto';

/** A run id no server has. */
const PROBE_RUN_ID = '00000000-0000-4000-8000-00000000c0de';

type Answer = boolean | 'unknown';

function messageOf(res: SendResult): string | undefined {
  if (!isRecord(res.json)) return undefined;
  const err = res.json['error'];
  if (typeof err === 'string') return err;
  return isRecord(err) && typeof err['message'] === 'string' ? err['message'] : undefined;
}

async function probe(
  pc: ProtocolContext,
  path: string,
  found: string,
  signal: AbortSignal | undefined,
): Promise<Answer> {
  const res = await send(pc.ctx, {
    operation: 'getExecution',
    method: 'GET',
    path,
    retry: 'idempotent',
    signal,
    throwOnError: false,
  });
  res.release();
  if (res.status >= 200 && res.status < 300) return true;
  const message = messageOf(res);
  if (res.status === 404 && message === found) return true;
  if (res.status === 404 && message === 'Workflow not found') return 'unknown';
  if (res.status === 404 || res.status === 405) return false;
  // 401/403/5xx: the answer the caller's own request would get. Surface it (not cached).
  throw apiErrorFrom(pc.ctx, { ...res, method: 'GET', path, operation: 'getExecution' });
}

export class ProtocolChooser {
  readonly apiVersion: ApiVersion;
  readonly #pc: ProtocolContext;
  #chosen: Promise<RunProtocol> | undefined;

  constructor(pc: ProtocolContext, apiVersion: ApiVersion) {
    this.#pc = pc;
    this.apiVersion = apiVersion;
  }

  /** The protocol for this client's server: chosen on the first call (any workflow id of the key's workspace will do), then cached. */
  protocol(workflowId: string, signal?: AbortSignal): Promise<RunProtocol> {
    if (this.#chosen) return this.#chosen;
    const choice = this.#choose(workflowId, signal);
    this.#chosen = choice.then(
      ({ protocol, settled }) => {
        if (!settled) this.#chosen = undefined;
        return protocol;
      },
      (err: unknown) => {
        this.#chosen = undefined;
        throw err;
      },
    );
    return this.#chosen;
  }

  async #choose(
    workflowId: string,
    signal: AbortSignal | undefined,
  ): Promise<{ protocol: RunProtocol; settled: boolean }> {
    const pc = this.#pc;
    if (this.apiVersion === 'v2') return { protocol: new V2Protocol(pc), settled: true };
    const id = pathId(workflowId, 'workflowId');
    const record = probe(pc, `/api/workflows/${id}/executions/${PROBE_RUN_ID}`, 'Execution not found', signal);
    const v2: Promise<Answer> =
      this.apiVersion === 'auto'
        ? probe(pc, `/api/v2/workflows/${id}/runs/${PROBE_RUN_ID}`, 'Run not found', signal)
        : Promise.resolve(false);
    // both settle before either error is surfaced (no unhandled rejection)
    const [hasRecord, hasV2] = await Promise.allSettled([record, v2]);
    if (hasV2.status === 'fulfilled' && hasV2.value === true) return { protocol: new V2Protocol(pc), settled: true };
    if (hasRecord.status === 'rejected') throw hasRecord.reason;
    if (hasV2.status === 'rejected') throw hasV2.reason;
    const settled = hasRecord.value !== 'unknown' && hasV2.value !== 'unknown';
    return { protocol: hasRecord.value === false ? new MarchProtocol(pc) : new V1Protocol(pc), settled };
  }
}
