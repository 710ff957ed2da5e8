/** What each seeded workflow does with its input. */
import type { BlockDef, WorkflowDef } from './seed.js';
import type { Clock } from './clock.js';
import { sleep } from './timers.js';

export type Input = Record<string, unknown>;

export interface ResponseBlockAnswer {
  data: unknown;
  status: number;
  headers: Record<string, string>;
}

export type Outcome =
  | { kind: 'success'; output: Record<string, unknown>; response?: ResponseBlockAnswer }
  | { kind: 'failure'; error: string }
  | { kind: 'cancelled' }
  /** The run reached a Human block (`human`) or an async Wait block (`time`) and pauses (recordings/sim-server-facts.md §G; see pause.ts). */
  | { kind: 'paused'; pauseKind: 'human' | 'time'; blockId: string; waitMs: number | null };

export interface RunContext {
  input: Input;
  signal: AbortSignal;
  slowWorkflowMs: number;
  /** The emulator's clock (every wait of a workflow is on it). */
  clock: Clock;
  /** Called for each streamed chunk (stream mode); resolves when the chunk may be followed by the next. */
  onChunk?: (blockId: string, chunk: Chunk) => Promise<void>;
}

/** Above this total, the stream workflow reports only the content length (so 200 MB streams stay cheap). */
export const MAX_INLINE_CONTENT = 1024 * 1024;

const num = (v: unknown, fallback: number): number => {
  const n = Number(v);
  return v === undefined || v === null || v === '' || !Number.isFinite(n) ? fallback : n;
};

export function echoResult(input: Input): Record<string, unknown> {
  return { ...input, doubled: (Number(input.count) || 0) * 2 };
}

export function failMessage(input: Input): string {
  return `Function: Line 1: \`throw new Error('boom: ' + ${JSON.stringify(input.name)})\` - boom: ${String(input.name)}`;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 ';
let fillerText = '';
let fillerBytes = Buffer.alloc(0);

function ensureFiller(size: number): void {
  if (fillerText.length >= size) return;
  fillerText = ALPHABET.repeat(Math.ceil(size / ALPHABET.length) + 1);
  fillerBytes = Buffer.from(fillerText, 'latin1');
}

/**
 * One streamed chunk: exactly `size` characters, `[index]` followed by filler (all JSON-safe ASCII). It is kept
 * as a label plus a slice of a shared filler, so a 200 MB stream copies no chunk text.
 */
export class Chunk {
  constructor(
    readonly index: number,
    readonly size: number,
  ) {
    ensureFiller(size);
  }

  private get label(): string {
    return `[${this.index}]`.slice(0, this.size);
  }

  get text(): string {
    const label = this.label;
    return label + fillerText.slice(0, this.size - label.length);
  }

  /** The chunk as bytes: the label and a view of the shared filler (no copy). */
  parts(): [string, Buffer] {
    const label = this.label;
    return [label, fillerBytes.subarray(0, this.size - label.length)];
  }
}

export function streamParams(input: Input): { chunks: number; chunkSize: number; chunkDelayMs: number } {
  return {
    chunks: Math.max(0, Math.floor(num(input.chunks, 5))),
    chunkSize: Math.max(1, Math.floor(num(input.chunkSize, 16))),
    chunkDelayMs: Math.max(0, num(input.chunkDelayMs, 0)),
  };
}

/** How long the workflow itself takes (for async jobs: null means "use jobDurationMs"). */
export function ownDelayMs(wf: WorkflowDef, input: Input, slowWorkflowMs: number): number | null {
  if (wf.behaviour === 'slow') return Math.max(0, num(input.delayMs, slowWorkflowMs));
  if (wf.behaviour === 'stream') {
    const p = streamParams(input);
    return p.chunkDelayMs > 0 ? p.chunks * p.chunkDelayMs : null;
  }
  return null;
}

export async function runWorkflow(wf: WorkflowDef, ctx: RunContext): Promise<Outcome> {
  const { input, signal } = ctx;
  switch (wf.behaviour) {
    case 'echo':
      return { kind: 'success', output: { result: echoResult(input), stdout: 'echo called' } };
    case 'echo-response': {
      const status = Math.floor(num(input.responseStatus, 200));
      return {
        kind: 'success',
        output: { result: echoResult(input), stdout: 'echo called' },
        response: {
          data: { echo: echoResult(input), ok: true },
          status,
          headers: { 'Content-Type': 'application/json', 'X-Emu-Test': 'yes' },
        },
      };
    }
    case 'slow': {
      await sleep(ctx.clock, ownDelayMs(wf, input, ctx.slowWorkflowMs) ?? 0, signal);
      if (signal.aborted) return { kind: 'cancelled' };
      return { kind: 'success', output: { result: echoResult(input), stdout: 'echo called' } };
    }
    case 'fail':
      return { kind: 'failure', error: failMessage(input) };
    case 'hitl':
      return { kind: 'paused', pauseKind: 'human', blockId: `${wf.id}-human`, waitMs: null };
    case 'waitlong':
      return {
        kind: 'paused',
        pauseKind: 'time',
        blockId: `${wf.id}-wait`,
        waitMs: Math.max(0, num(input.waitMs, 3_600_000)),
      };
    case 'stream': {
      const { chunks, chunkSize, chunkDelayMs } = streamParams(input);
      const total = chunks * chunkSize;
      const inline = total <= MAX_INLINE_CONTENT;
      const parts: string[] = [];
      for (let i = 0; i < chunks; i++) {
        if (signal.aborted) return { kind: 'cancelled' };
        if (i > 0 && chunkDelayMs > 0) await sleep(ctx.clock, chunkDelayMs, signal);
        if (signal.aborted) return { kind: 'cancelled' };
        const chunk = new Chunk(i, chunkSize);
        if (inline) parts.push(chunk.text);
        if (ctx.onChunk) await ctx.onChunk('agent-1', chunk);
      }
      if (signal.aborted) return { kind: 'cancelled' };
      return { kind: 'success', output: { agent: inline ? { content: parts.join('') } : { contentLength: total } } };
    }
  }
}

/**
 * The code of a workflow's Function block, with `<start.x>` references (the recorded echo workflow's code: recordings/sim-server-facts.md §5,
 * and the v2 recording's versions/export; fail: recordings/sim-server-facts.md §5). Others are the emulator's own.
 */
export function functionCode(wf: WorkflowDef, block: BlockDef): string {
  if (block.name === 'Prep') return "return { greeting: 'hi ' + <start.name> }";
  if (block.name === 'After') return 'return { prep: <prep.result>, submission: <human.submission> }';
  if (wf.behaviour === 'fail') return "throw new Error('boom: ' + <start.name>)";
  return "console.log('echo called'); return { name: <start.name>, count: <start.count>, doubled: (<start.count> || 0) * 2 }";
}

/** The code as the run resolved it: each `<start.x>` replaced by the input value as a literal (what a span's input shows: recordings/sim-server-facts.md §M13). */
export function resolvedCode(wf: WorkflowDef, block: BlockDef, input: Input): string {
  return functionCode(wf, block).replace(/<start\.(\w+)>/g, (_m, name: string) =>
    input[name] === undefined ? 'undefined' : JSON.stringify(input[name]),
  );
}

/** The Start block's `inputFormat` sub-block value (export, versions, and the Start span's input: recordings/sim-server-facts.md §M13). */
export function startInputFormat(wf: WorkflowDef): Record<string, unknown>[] {
  return wf.inputs.map((f, k) => ({
    id: `${wf.id}-field-${k}`,
    name: f.name,
    type: f.type,
    value: '',
    collapsed: false,
  }));
}

/**
 * A block's parameters as a trace span's `input` shows them (recordings/sim-server-facts.md §M13): Start `{inputFormat, runMetadata}`,
 * Function `{code, language}` with the code resolved; other blocks (not recorded) `{}`.
 */
export function spanInput(wf: WorkflowDef, block: BlockDef, input: Input): Record<string, unknown> {
  if (block.type === 'start_trigger') return { inputFormat: startInputFormat(wf), runMetadata: false };
  if (block.type === 'function') return { code: resolvedCode(wf, block, input), language: 'javascript' };
  return {};
}

/** The output of each block of a run (for selectedOutputs and trace spans). */
export function blockOutputs(
  wf: WorkflowDef,
  input: Input,
  output: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const block of wf.blocks) {
    if (block.type === 'start_trigger') out[block.id] = { ...input };
    else if (block.type === 'function') out[block.id] = { ...output };
    else if (block.type === 'agent') out[block.id] = { ...((output.agent as Record<string, unknown>) ?? {}) };
    else if (block.type === 'wait') out[block.id] = { waitDuration: input.delayMs ?? null };
    else out[block.id] = {};
  }
  return out;
}

/** Sim's `normalizeName`: a block name lower-cased with spaces removed (`My Agent` → `myagent`). */
export function normalizeBlockName(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

const pick = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined),
      value,
    );

/**
 * The stream path's `selectedOutputs` (recordings/sim-server-facts.md §B and §G.15 to §G.16; Sim's `resolveOutputIds`): each entry is `<blockId>`,
 * `<blockId>.<path>`, `<blockId>_<path>` or `<block name>.<path>` (name lower-cased, spaces removed); the final output
 * becomes keyed by block id with the path nested (`{"<blockId>":{"result":{…}}}`). Unknown entries are ignored; if
 * none match, the full output is kept. Sync executes ignore `selectedOutputs`, async ones refuse it.
 */
export function applySelectedOutputs(
  wf: WorkflowDef,
  input: Input,
  output: Record<string, unknown>,
  selected: unknown,
): Record<string, unknown> {
  if (!Array.isArray(selected) || selected.length === 0) return output;
  const perBlock = blockOutputs(wf, input, output);
  const result: Record<string, Record<string, unknown>> = {};
  for (const entry of selected) {
    if (typeof entry !== 'string') continue;
    let block = wf.blocks.find((b) => entry === b.id || entry.startsWith(`${b.id}.`) || entry.startsWith(`${b.id}_`));
    let path = block ? entry.slice(block.id.length + 1) : '';
    if (!block) {
      const dot = entry.indexOf('.');
      const name = normalizeBlockName(dot < 0 ? entry : entry.slice(0, dot));
      block = wf.blocks.find((b) => normalizeBlockName(b.name) === name);
      path = dot < 0 ? '' : entry.slice(dot + 1);
    }
    if (!block) continue;
    const value = perBlock[block.id] ?? {};
    const target = (result[block.id] ??= {});
    if (!path) {
      Object.assign(target, value);
      continue;
    }
    const keys = path.split('.');
    let node: Record<string, unknown> = target;
    for (const k of keys.slice(0, -1))
      node = (node[k] && typeof node[k] === 'object' ? node[k] : (node[k] = {})) as Record<string, unknown>;
    node[keys[keys.length - 1]!] = pick(value, path);
  }
  return Object.keys(result).length > 0 ? result : output;
}
