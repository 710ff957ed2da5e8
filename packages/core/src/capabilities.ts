// What the configured Sim server offers, detected once per client and cached: never assumed.
import { isRecord } from './errors.js';
import { pathId } from './inputs.js';
import { apiErrorFrom, send, type RequestContext } from './request.js';

/** A run id no server has: the probe asks for it and reads how the 404 is worded. */
const PROBE_EXECUTION_ID = '00000000-0000-4000-8000-00000000c0de';

/** Which API a client speaks: forced, or detected once per client (`auto`, the default). */
export type ApiVersion = 'v1' | 'v2' | 'auto';

export class ServerCapabilities {
  #ctx: RequestContext;
  #executionResource: Promise<boolean> | undefined;
  #v2: Promise<boolean> | undefined;
  readonly apiVersion: ApiVersion;

  constructor(ctx: RequestContext, apiVersion: ApiVersion = 'auto') {
    this.#ctx = ctx;
    this.apiVersion = apiVersion;
  }

  /**
   * Whether runs go through the v2 API (`/api/v2/workflows/{id}/…`, served only where the server enables it; facts E).
   * `apiVersion` `v1`/`v2` decides; `auto` asks the server once per client and caches the answer: a v2 404 worded
   * `Run not found` means v2 is on; `Not found` (the flag is off) or any v1-style 404 means it is not.
   */
  v2(workflowId: string, signal?: AbortSignal): Promise<boolean> {
    if (this.apiVersion !== 'auto') return Promise.resolve(this.apiVersion === 'v2');
    if (this.#v2) return this.#v2;
    const probe = this.#probeV2(workflowId, signal);
    this.#v2 = probe.then(
      (answer) => {
        if (answer === 'unknown') this.#v2 = undefined;
        return answer === true;
      },
      (err: unknown) => {
        this.#v2 = undefined;
        throw err;
      },
    );
    return this.#v2;
  }

  async #probeV2(workflowId: string, signal: AbortSignal | undefined): Promise<boolean | 'unknown'> {
    const path = `/api/v2/workflows/${pathId(workflowId, 'workflowId')}/runs/${PROBE_EXECUTION_ID}`;
    const res = await send(this.#ctx, { operation: 'getExecution', method: 'GET', path, retry: 'idempotent', signal, throwOnError: false });
    res.release();
    if (res.status >= 200 && res.status < 300) return true;
    const err = isRecord(res.json) ? res.json['error'] : undefined;
    const message = isRecord(err) && typeof err['message'] === 'string' ? err['message'] : undefined;
    if (res.status === 404 && message === 'Run not found') return true;
    if (res.status === 404 && message === 'Workflow not found') return 'unknown';
    if (res.status === 404 || res.status === 405) return false;
    throw apiErrorFrom(this.#ctx, { ...res, method: 'GET', path, operation: 'getExecution' });
  }

  /**
   * Whether the server has the v1 execution resource `GET /api/workflows/{id}/executions/{executionId}`
   * (Sim since May 2026; the March 2026 server does not). One probe per client: a 404 worded
   * `Execution not found` means the route is there; any other 404 means it is not. Auth and server
   * errors reject (and are not cached), like any other call.
   */
  executionResource(workflowId: string, signal?: AbortSignal): Promise<boolean> {
    if (this.#executionResource) return this.#executionResource;
    const probe = this.#probeExecutionResource(workflowId, signal);
    this.#executionResource = probe.then(
      (answer) => {
        if (answer === 'unknown') this.#executionResource = undefined;
        return answer !== false;
      },
      (err: unknown) => {
        this.#executionResource = undefined;
        throw err;
      },
    );
    return this.#executionResource;
  }

  async #probeExecutionResource(workflowId: string, signal: AbortSignal | undefined): Promise<boolean | 'unknown'> {
    const path = `/api/workflows/${pathId(workflowId, 'workflowId')}/executions/${PROBE_EXECUTION_ID}`;
    const res = await send(this.#ctx, { operation: 'getExecution', method: 'GET', path, retry: 'idempotent', signal, throwOnError: false });
    res.release();
    if (res.status >= 200 && res.status < 300) return true;
    const error = isRecord(res.json) && typeof res.json['error'] === 'string' ? res.json['error'] : undefined;
    if (res.status === 404 && error === 'Execution not found') return true;
    // The workflow is unknown to this key: the run that follows will say so; ask again next time.
    if (res.status === 404 && error === 'Workflow not found') return 'unknown';
    if (res.status === 404 || res.status === 405) return false;
    // 401/403/5xx: the same answer the caller's own request would get. Surface it.
    throw apiErrorFrom(this.#ctx, { ...res, method: 'GET', path, operation: 'getExecution' });
  }
}
