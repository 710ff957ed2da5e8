// Streaming runs: Sim's SSE answer parsed with eventsource-parser into typed events.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { Core } from './core.js';
import { SimAbortError, SimError, SimStreamError, SimTimeoutError, isRecord } from './errors.js';
import { isRunEnvelope, unwrapResponseBlock } from './normalize.js';
import { isJsonContentType, type SendResult } from './request.js';
import type { SelectionPlan } from './selected.js';
import type { RunResult, RunStatus, StreamEvent } from './types.js';
import { pauseHint } from './watch.js';

/** How much of the chunk text a stream keeps for error reports (the tail). */
export const PARTIAL_TEXT_LIMIT = 64 * 1024;

export interface StreamSource {
  core: Core;
  workflowId: string;
  executionId: string;
  signal: AbortSignal | undefined;
  /** Cancel the run when the caller's signal aborts. */
  cancelOnAbort: boolean;
  /** Cancel the run when the stream's deadline passes. */
  cancelOnTimeout: boolean;
  /** Bound of that cancel in ms (default CANCEL_TIMEOUT_MS). */
  cancelTimeoutMs?: number | undefined;
  open: () => Promise<SendResult>;
  /** The selected-outputs plan made before the stream opened (set by `open`), if any. */
  selection?: () => SelectionPlan | undefined;
}

/**
 * A streamed workflow run: iterate it once with `for await`. Events are `chunk`, `final` and
 * `error`. An in-band `error` event is yielded, then iteration throws SimStreamError (kind
 * 'workflow'); a stream that ends before `final`/`[DONE]` throws SimStreamError (kind 'truncated').
 * Both keep `partialText` (the last 64 KiB of chunk text) and `chunkCount`.
 */
export class WorkflowStream implements AsyncIterable<StreamEvent> {
  /**
   * The client-chosen run id sent as `X-Execution-Id` (the server's own id on March servers may differ); after a
   * rate-limited attempt, the id of the attempt that followed.
   */
  get executionId(): string {
    return this.#source.executionId;
  }
  readonly workflowId: string;
  #source: StreamSource;
  #started = false;
  /** The most recent chunks (at least PARTIAL_TEXT_LIMIT chars in total when available), oldest first. */
  #tail: string[] = [];
  #tailLength = 0;
  #chunkCount = 0;
  #final: unknown = undefined;
  #sawFinal = false;

  constructor(source: StreamSource) {
    this.#source = source;
    this.workflowId = source.workflowId;
  }

  get chunkCount(): number {
    return this.#chunkCount;
  }
  /** The last (up to) 64 KiB of chunk text seen so far. */
  get partialText(): string {
    const text = this.#tail.join('');
    return text.length > PARTIAL_TEXT_LIMIT ? text.slice(-PARTIAL_TEXT_LIMIT) : text;
  }

  #remember(chunk: string): void {
    this.#tail.push(chunk);
    this.#tailLength += chunk.length;
    // Drop the oldest chunks while the rest still covers the limit: memory stays bounded, no copying.
    while (this.#tail.length > 1 && this.#tailLength - (this.#tail[0] as string).length >= PARTIAL_TEXT_LIMIT) {
      this.#tailLength -= (this.#tail.shift() as string).length;
    }
  }
  /** The `final` event's data, once seen. */
  get final(): unknown {
    return this.#final;
  }
  /** @internal The selected outputs to read after the run (keyed by what the caller wrote). */
  get selection(): SelectionPlan | undefined {
    return this.#source.selection?.();
  }
  /** @internal */
  get cancelRequested(): boolean {
    return this.#source.core.wasCancelRequested(this.executionId);
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#started) throw new SimError('A WorkflowStream can be iterated only once; start a new stream to run the workflow again.');
    this.#started = true;
    return this.#iterate();
  }

  /** Consumes the stream and returns all chunk text (throws like iteration does). */
  async text(): Promise<string> {
    let text = '';
    for await (const event of this) if (event.type === 'chunk') text += event.chunk;
    return text;
  }

  #streamError(kind: 'workflow' | 'truncated' | 'parse', message: string, extra: { error?: string; cause?: unknown } = {}): SimStreamError {
    return new SimStreamError(message, { kind, partialText: this.partialText, chunkCount: this.#chunkCount, executionId: this.executionId, ...extra });
  }

  #toEvent(data: string): StreamEvent | 'done' | undefined {
    const raw = data.trim();
    if (raw === '[DONE]') return 'done';
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (cause) {
      throw this.#streamError('parse', `Sim stream for workflow ${this.workflowId} sent an unreadable event: "${raw.slice(0, 120)}".`, { cause });
    }
    if (parsed === '[DONE]') return 'done';
    if (!isRecord(parsed)) return undefined;
    if (parsed['event'] === 'final') return { type: 'final', data: parsed['data'] };
    if (parsed['event'] === 'error') {
      const e = parsed['error'];
      const error = typeof e === 'string' ? e : isRecord(e) && typeof e['message'] === 'string' ? e['message'] : JSON.stringify(e ?? 'Unknown error');
      return { type: 'error', error };
    }
    if (typeof parsed['chunk'] === 'string') {
      return { type: 'chunk', blockId: typeof parsed['blockId'] === 'string' ? parsed['blockId'] : '', chunk: parsed['chunk'] };
    }
    return undefined; // unknown event kinds are skipped (forward compatible)
  }

  async *#iterate(): AsyncGenerator<StreamEvent, void, undefined> {
    const { core, signal } = this.#source;
    let res: SendResult | undefined;
    let finished = false;
    try {
      res = await this.#source.open();
      if (!res.stream) {
        // A JSON answer instead of SSE (e.g. a server that ignored `stream`): one final event.
        if (res.isJson || isJsonContentType(res.headers['content-type'])) {
          this.#sawFinal = true;
          this.#final = res.json;
          yield { type: 'final', data: res.json };
          finished = true;
          return;
        }
        throw this.#streamError('parse', `Sim answered the stream request for workflow ${this.workflowId} with ${res.headers['content-type'] ?? 'no content-type'} instead of an event stream.`);
      }
      const pending: string[] = [];
      const parser = createParser({ onEvent: (message: EventSourceMessage) => pending.push(message.data) });
      const decoder = new TextDecoder();
      let done = false;
      for await (const part of res.stream) {
        parser.feed(typeof part === 'string' ? part : decoder.decode(part, { stream: true }));
        while (pending.length) {
          const event = this.#toEvent(pending.shift() as string);
          if (event === undefined) continue;
          if (event === 'done') {
            done = true;
            break;
          }
          if (event.type === 'chunk') {
            this.#chunkCount++;
            this.#remember(event.chunk);
          } else if (event.type === 'final') {
            this.#sawFinal = true;
            this.#final = event.data;
          }
          yield event;
          if (event.type === 'error') {
            throw this.#streamError('workflow', `Workflow ${this.workflowId} failed during the stream: ${event.error}`, { error: event.error });
          }
        }
        if (done) break;
      }
      if (!done && !this.#sawFinal) {
        throw this.#streamError(
          'truncated',
          `The Sim stream for workflow ${this.workflowId} ended before its final event (after ${this.#chunkCount} chunks). ` +
            'The connection was cut or the server stopped; the text seen so far is in `partialText`.',
        );
      }
      finished = true;
    } catch (err) {
      if (err instanceof SimStreamError) throw err;
      const timedOut = res?.timedOut() ?? err instanceof SimTimeoutError;
      if (signal?.aborted || timedOut) {
        const aborted = signal?.aborted === true;
        const { cancelOnAbort, cancelOnTimeout, cancelTimeoutMs } = this.#source;
        const cancelled = (aborted ? cancelOnAbort : cancelOnTimeout) ? await core.cancelQuietly(this.workflowId, this.executionId, cancelTimeoutMs) : false;
        if (!aborted)
          throw new SimTimeoutError(`The Sim stream for workflow ${this.workflowId} ran past its deadline${cancelled ? '; the run was cancelled' : ''}.`, {
            executionId: this.executionId, cancelled, cause: err,
          });
        throw new SimAbortError(`The Sim stream for workflow ${this.workflowId} was aborted${cancelled ? ' and the run cancelled' : ''}.`, {
          executionId: this.executionId, cancelled, cause: signal?.reason,
        });
      }
      if (err instanceof SimError) throw err;
      throw this.#streamError('truncated', `The Sim stream for workflow ${this.workflowId} broke after ${this.#chunkCount} chunks: ${err instanceof Error ? err.message : String(err)}.`, { cause: err });
    } finally {
      if (res) {
        if (!finished) res.abort();
        res.release();
      }
    }
  }
}

/** Consumes a stream into a RunResult plus the full chunk text. A workflow error resolves as `status: 'failed'`. */
export async function collectStream(
  stream: WorkflowStream,
  options: { onChunk?: (chunk: string, event: Extract<StreamEvent, { type: 'chunk' }>) => void; now?: () => number } = {},
): Promise<RunResult & { text: string }> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  let text = '';
  let final: unknown;
  try {
    for await (const event of stream) {
      if (event.type === 'chunk') {
        text += event.chunk;
        options.onChunk?.(event.chunk, event);
      } else if (event.type === 'final') final = event.data;
    }
  } catch (err) {
    if (err instanceof SimStreamError && err.kind === 'workflow') {
      return { executionId: stream.executionId, status: 'failed', output: null, error: err.error ?? err.message, durationMs: now() - started, text };
    }
    throw err;
  }
  let status: RunStatus = 'completed';
  let output: unknown = final;
  let error: string | null = null;
  let executionId = stream.executionId;
  if (isRunEnvelope(final)) {
    output = final['output'];
    if (typeof final['executionId'] === 'string') executionId = final['executionId'];
    if (!final.success) {
      status = stream.cancelRequested ? 'cancelled' : 'failed';
      error = typeof final['error'] === 'string' ? final['error'] : status === 'cancelled' ? 'Cancelled' : 'The workflow run did not succeed.';
    }
  }
  // a run that paused ends with one final frame whose data says `status: "paused"` (facts G, point 5); the output is
  // the pausing block's (for a Human block, `data._resume` names the pause point)
  if (status === 'completed' && isRecord(final) && final['status'] === 'paused') {
    const hint = pauseHint(output);
    const contextId = hint?.contextId ?? '';
    return {
      executionId: hint?.executionId && !executionId ? hint.executionId : executionId, status: 'paused', output: output ?? null, error: null,
      durationMs: now() - started, text, paused: { contextId, pauseKind: hint?.kind ?? null, resumeAt: null, blockId: contextId || null },
    };
  }
  const unwrapped = status === 'completed' ? unwrapResponseBlock(output) : { output };
  const result: RunResult & { text: string } = { executionId, status, output: unwrapped.output ?? null, error, durationMs: now() - started, text };
  if (unwrapped.response) result.response = unwrapped.response;
  // Selected outputs: the same on every mode (the stream's own final output is keyed by block id).
  const selection = stream.selection;
  if (selection && status === 'completed') result.output = await selection.resolve(executionId);
  return result;
}
