// A scripted in-memory transport and a virtual clock, for unit tests of pure logic.
import { SimClient, type SimClientOptions, type TransportRequest, type TransportResponse } from '../src/index.js';

export type Responder = (req: TransportRequest, n: number) => TransportResponse | Promise<TransportResponse> | Error;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): TransportResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function netError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
}

/** A virtual clock: `sleep` advances `now` instantly and records each delay. */
export function virtualTime(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
    sleep: async (ms: number, signal?: AbortSignal, opts?: { unref?: boolean }) => {
      if (opts?.unref) {
        // per-request timeout timers: never fire in virtual time unless the signal is never aborted
        return new Promise<void>((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        );
      }
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** The protocol probe's run id (protocol/detect.ts): a scripted server answers it like a current v1 server. */
const PROBE = /\/(executions|runs)\/00000000-0000-4000-8000-00000000c0de$/;

export function fakeClient(responder: Responder, extra: Partial<SimClientOptions> = {}) {
  const requests: TransportRequest[] = [];
  const time = virtualTime();
  const client = new SimClient({
    apiKey: 'sk-sim-unit-secret-key',
    baseUrl: 'http://sim.test',
    transport: async (req) => {
      if (PROBE.test(req.url)) return json(404, { error: 'Execution not found' });
      requests.push(req);
      const r = await responder(req, requests.length);
      if (r instanceof Error) throw r;
      return r;
    },
    sleep: time.sleep,
    now: time.now,
    random: () => 0.5,
    randomUUID: () => '11111111-2222-4333-8444-555555555555',
    // the scripted answers are a v1 server's: no v2 detection request in between
    apiVersion: 'v1',
    ...extra,
  });
  return { client, requests, time };
}
