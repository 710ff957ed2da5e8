/** Test helpers: emulators on virtual time, HTTP calls, shape comparison, SSE parsing, polling. */
import { SEED, startEmulator, VirtualClock, type Emulator, type EmulatorOptions } from '../src/index.js';

/** The virtual clock of each emulator started by `startVirtual`, by URL: `call()` to it goes through `clock.track`. */
const clocks = new Map<string, VirtualClock>();

export type VirtualEmulator = Emulator & { clock: VirtualClock };

/**
 * An emulator on a VirtualClock in auto mode (time is the subject of most of these tests: job durations, slow
 * workflows, deadlines, rate-limit refills, the sync record lag), so waiting costs no real time. `close()` also ends
 * auto mode and checks that the emulator left no timer behind.
 */
export async function startVirtual(options: EmulatorOptions = {}): Promise<VirtualEmulator> {
  const clock = new VirtualClock();
  const emu = await startEmulator({ ...options, clock });
  const stop = clock.auto();
  clocks.set(emu.url, clock);
  return {
    ...emu,
    clock,
    async close() {
      await emu.close();
      stop();
      clocks.delete(emu.url);
      if (clock.pending !== 0) throw new Error(`the emulator left ${clock.pending} timer(s) behind on its clock`);
    },
  };
}

/** The clock `until()` sleeps on: the one virtual emulator open, if exactly one is. */
function soleClock(): VirtualClock | undefined {
  return clocks.size === 1 ? [...clocks.values()][0] : undefined;
}

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface CallOptions {
  /** `valid`: the seed's workspace key (default); `personal`: its personal key; `enterprise`: the admin's workspace key. */
  key?: 'valid' | 'enterprise' | 'personal' | 'none' | 'wrong' | 'bearer';
  headers?: Record<string, string>;
  body?: string | object;
  signal?: AbortSignal;
}

export async function call(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const key = opts.key ?? 'valid';
  if (key === 'valid') headers['x-api-key'] = SEED.apiKey;
  if (key === 'enterprise') headers['x-api-key'] = SEED.enterpriseApiKey;
  if (key === 'personal') headers['x-api-key'] = SEED.personalApiKey;
  if (key === 'wrong') headers['x-api-key'] = 'sk-sim-wrong-key';
  if (key === 'bearer') headers.authorization = `Bearer ${SEED.apiKey}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, opts.headers ?? {});
  // on virtual time the clock holds still until the answer's headers are in (a stream's body is read untracked)
  const clock = clocks.get(baseUrl);
  const send = clock ? clock.track(fetch) : fetch;
  const res = await send(baseUrl + path, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  let json: unknown = undefined;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const jsonType = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Differences in shape between `actual` and the recorded body: same keys at every level, same JSON types.
 * Array elements are compared with the recorded element of the same index (or the last one). Paths in `loose`
 * (array indices written as the recorded index, usually 0) are compared by JSON type only; paths in `nullable` may
 * also be null.
 */
export function shapeDiff(
  actual: unknown,
  recorded: unknown,
  loose: ReadonlySet<string> = new Set(),
  path = '',
  nullable: ReadonlySet<string> = new Set(),
): string[] {
  const at = path || '(body)';
  const ta = jsonType(actual);
  const tr = jsonType(recorded);
  if ((ta === 'null' || tr === 'null') && nullable.has(path)) return [];
  if (ta !== tr) return [`${at}: type ${ta}, recorded ${tr}`];
  if (loose.has(path)) return [];
  const out: string[] = [];
  if (tr === 'object') {
    const a = actual as Record<string, unknown>;
    const r = recorded as Record<string, unknown>;
    for (const k of Object.keys(r)) if (!(k in a)) out.push(`${at}: missing key "${k}"`);
    for (const k of Object.keys(a)) if (!(k in r)) out.push(`${at}: extra key "${k}"`);
    for (const k of Object.keys(r))
      if (k in a) out.push(...shapeDiff(a[k], r[k], loose, path ? `${path}.${k}` : k, nullable));
  } else if (tr === 'array') {
    const a = actual as unknown[];
    const r = recorded as unknown[];
    if (r.length > 0) {
      a.forEach((el, i) => {
        const ri = Math.min(i, r.length - 1);
        out.push(...shapeDiff(el, r[ri], loose, path ? `${path}.${ri}` : String(ri), nullable));
      });
    }
  }
  return out;
}

/**
 * Differences in key ORDER between `actual` and the recorded body, at every level where both are objects (JSON
 * answers are compared as written: a field's place is part of the recorded shape). Paths in `loose` (as in
 * `shapeDiff`) are skipped.
 */
export function orderDiff(
  actual: unknown,
  recorded: unknown,
  loose: ReadonlySet<string> = new Set(),
  path = '',
): string[] {
  const at = path || '(body)';
  if (jsonType(actual) !== jsonType(recorded) || loose.has(path)) return [];
  if (jsonType(recorded) === 'array') {
    const r = recorded as unknown[];
    return r.length === 0
      ? []
      : (actual as unknown[]).flatMap((el, i) =>
          orderDiff(
            el,
            r[Math.min(i, r.length - 1)],
            loose,
            path ? `${path}.${Math.min(i, r.length - 1)}` : String(Math.min(i, r.length - 1)),
          ),
        );
  }
  if (jsonType(recorded) !== 'object') return [];
  const a = Object.keys(actual as object);
  const r = Object.keys(recorded as object);
  const out = a.join() === r.join() ? [] : [`${at}: keys ${a.join(', ')}; recorded ${r.join(', ')}`];
  for (const k of r)
    if (k in (actual as object))
      out.push(
        ...orderDiff(
          (actual as Record<string, unknown>)[k],
          (recorded as Record<string, unknown>)[k],
          loose,
          path ? `${path}.${k}` : k,
        ),
      );
  return out;
}

/**
 * For a body the recording cut short (`cut: true`): the recorded keys, at every level, that the actual body lacks, or
 * whose JSON type differs (keys after the cut cannot be checked; extra keys are allowed).
 */
export function missingFrom(actual: unknown, recorded: unknown, path = ''): string[] {
  const at = path || '(body)';
  if (jsonType(recorded) === 'null' || jsonType(actual) === 'null') return [];
  if (jsonType(actual) !== jsonType(recorded))
    return [`${at}: type ${jsonType(actual)}, recorded ${jsonType(recorded)}`];
  if (jsonType(recorded) === 'object') {
    const a = actual as Record<string, unknown>;
    return Object.entries(recorded as Record<string, unknown>).flatMap(([k, v]) =>
      k in a ? missingFrom(a[k], v, path ? `${path}.${k}` : k) : [`${at}: missing key "${k}"`],
    );
  }
  if (jsonType(recorded) === 'array' && (recorded as unknown[]).length > 0) {
    return (actual as unknown[]).flatMap((el, i) =>
      missingFrom(el, (recorded as unknown[])[Math.min(i, (recorded as unknown[]).length - 1)], `${path}.${i}`),
    );
  }
  return [];
}

export function getPath(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const seg of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** Parses Sim's SSE text: every event is `data: <json>\n\n`. */
export function parseSse(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      if (!block.startsWith('data: ')) throw new Error(`Not a data line: ${JSON.stringify(block.slice(0, 80))}`);
      return JSON.parse(block.slice('data: '.length)) as unknown;
    });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls every 25 ms until `check` returns a value (not undefined), or fails after `timeoutMs`: on the virtual clock
 * of the one virtual emulator open (or `clock`), else in real time.
 */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 8000,
  clock: VirtualClock | undefined = soleClock(),
): Promise<T> {
  const now = (): number => (clock ? clock.now() : Date.now());
  const deadline = now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await (clock ? clock.sleep(25) : sleep(25));
  }
}

export async function jobUntilSettled(baseUrl: string, jobId: string): Promise<Record<string, unknown>> {
  return until(
    `job ${jobId} to settle`,
    async () => {
      const r = await call(baseUrl, 'GET', `/api/jobs/${encodeURIComponent(jobId)}`);
      const body = r.json as Record<string, unknown>;
      return body.status === 'processing' || body.status === 'queued' ? undefined : body;
    },
    120_000,
    clocks.get(baseUrl),
  );
}

/** Waits until the execution resource shows the run's end (a sync run's record is written after its answer: recordings/sim-server-facts.md §D1). */
export async function recordWritten(
  baseUrl: string,
  workflowId: string,
  executionId: string,
): Promise<Record<string, unknown>> {
  return until(
    `the record of ${executionId}`,
    async () => {
      const r = await call(baseUrl, 'GET', `/api/workflows/${workflowId}/executions/${executionId}`);
      const body = r.json as Record<string, unknown>;
      return r.status === 200 && body.status !== 'running' && body.status !== 'queued' ? body : undefined;
    },
    10_000,
    clocks.get(baseUrl),
  );
}

export const WORKFLOW_IDS: Record<string, string> = { ...SEED.workflows };
