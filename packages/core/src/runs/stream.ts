// Streaming runs: Sim's SSE answer (the same on v1 and v2) parsed with eventsource-parser into typed events, and
// `collectStream`, which consumes a stream into the same RunResult the other modes give.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { SYNC_RUN_TIMEOUT_MS, type Core } from '../core.js';
import { SimAbortError, SimError, SimStreamError, SimTimeoutError, SimValidationError, isRecord } from '../errors.js';
import { requireId, validateTimeout } from '../inputs.js';
import { isRunEnvelope, unwrapResponseBlock } from '../normalize.js';
import { isJsonContentType, type SendResult } from '../request.js';
import type { RunProtocol, RunRef } from '../protocol/protocol.js';
import type { PauseOptions, RunResult, RunStatus, StreamEvent, StreamWorkflowOptions } from '../types.js';
import { RunHandle, stopRun, type StopPolicy } from './cancel.js';
import { pauseHint } from './pause.js';
import { finishRun, checkRunOptions } from './run.js';
import { planSelectedOutputs, type SelectionPlan } from './selected.js';
import { startRun } from './start.js';

/** How much of the chunk text a stream keeps for error reports (the tail). */
export const PARTIAL_TEXT_LIMIT = 64 * 1024;

/** What an opened stream needs to be followed to its end. */
interface Opened {
  protocol: RunProtocol;
  res: SendResult;
  selection: SelectionPlan | undefined;
  startedAt: number;
}

/**
 * A streamed workflow run (`client.streamWorkflow`): iterate it once with `for await`. Events are `chunk`, `final` and
 * `error`. An in-band `error` event is yielded, then iteration throws SimStreamError (kind 'workflow'); a stream that
 * ends before `final`/`[DONE]` throws SimStreamError (kind 'truncated'). Both keep `partialText` (the last 64 KiB of
 * chunk text) and `chunkCount`. The request starts when iteration starts. `client.collectStream(stream)` consumes it
 * into a RunResult.
 */
export interface WorkflowStream extends AsyncIterable<StreamEvent> {
  readonly workflowId: string;
  /**
   * The run's execution id, sent as `X-Execution-Id` (a March 2026 server picks its own, which its stream does not say);
   * after a rate-limited attempt, the id of the attempt that followed.
   */
  readonly executionId: string;
  /** Chunk events seen so far. */
  readonly chunkCount: number;
  /** The last (up to) 64 KiB of chunk text seen so far. */
  readonly partialText: string;
  /** The `final` event's data, once seen. */
  readonly final: unknown;
  /** Consumes the stream and returns all chunk text (throws like iteration does). */
  text(): Promise<string>;
}

/** The one implementation of WorkflowStream (internal: made by `client.streamWorkflow`). */
export class RunStream implements WorkflowStream {
  readonly workflowId: string;
  readonly #core: Core;
  readonly #options: StreamWorkflowOptions;
  readonly #policy: StopPolicy;
  readonly #timeoutMs: number;
  readonly #run: RunHandle;
  #opened: Opened | undefined;
  #protocol: RunProtocol | undefined;
  /** An execute attempt was sent: from then on, a stop cancels the run. */
  #sent = false;
  #started = false;
  /** The most recent chunks (at least PARTIAL_TEXT_LIMIT chars in total when available), oldest first. */
  #tail: string[] = [];
  #tailLength = 0;
  #chunkCount = 0;
  #final: unknown = undefined;
  #sawFinal = false;

  constructor(core: Core, workflowId: string, options: StreamWorkflowOptions) {
    requireId(workflowId, 'workflowId');
    checkRunOptions(workflowId, options, SYNC_RUN_TIMEOUT_MS);
    if (options.executionId !== undefined) requireId(options.executionId, 'executionId');
    this.#timeoutMs = validateTimeout(options.timeoutMs) ?? SYNC_RUN_TIMEOUT_MS;
    this.#policy = {
      cancelOnAbort: options.cancelOnAbort !== false,
      cancelOnTimeout: options.cancelOnTimeout !== false,
      cancelTimeoutMs: validateTimeout(options.cancelTimeoutMs, 'cancelTimeoutMs'),
      timeoutMs: this.#timeoutMs,
    };
    this.#core = core;
    this.workflowId = workflowId;
    this.#options = options;
    this.#run = new RunHandle(workflowId, options.executionId ?? core.newExecutionId());
  }

  get executionId(): string {
    return this.#run.executionId as string;
  }
  get chunkCount(): number {
    return this.#chunkCount;
  }
  get partialText(): string {
    const text = this.#tail.join('');
    return text.length > PARTIAL_TEXT_LIMIT ? text.slice(-PARTIAL_TEXT_LIMIT) : text;
  }
  get final(): unknown {
    return this.#final;
  }

  #remember(chunk: string): void {
    this.#tail.push(chunk);
    this.#tailLength += chunk.length;
    // Drop the oldest chunks while the rest still covers the limit: memory stays bounded, no copying.
    while (this.#tail.length > 1 && this.#tailLength - (this.#tail[0] as string).length >= PARTIAL_TEXT_LIMIT) {
      this.#tailLength -= (this.#tail.shift() as string).length;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    if (this.#started)
      throw new SimError('A WorkflowStream can be iterated only once; start a new stream to run the workflow again.');
    this.#started = true;
    return this.#iterate();
  }

  async text(): Promise<string> {
    let text = '';
    for await (const event of this) if (event.type === 'chunk') text += event.chunk;
    return text;
  }

  async #open(): Promise<Opened> {
    const core = this.#core;
    const { signal } = this.#options;
    const protocol = await core.protocol(this.workflowId, signal);
    this.#protocol = protocol;
    const selection = await planSelectedOutputs(
      core,
      protocol,
      this.workflowId,
      this.#options.selectedOutputs,
      'stream',
      signal,
    );
    const startedAt = core.ctx.now();
    const answer = await startRun(core, protocol, {
      workflowId: this.workflowId,
      input: this.#options.input ?? {},
      mode: 'stream',
      executionId: this.#run.executionId,
      triggerType: this.#options.triggerType,
      // where the server keeps no run record, the server narrows the final frame itself
      ...(selection ? {} : { selectedOutputs: this.#options.selectedOutputs }),
      signal,
      timeoutMs: this.#timeoutMs,
      deadline: startedAt + this.#timeoutMs,
      onAttempt: (id) => {
        this.#sent = true;
        const renewed = this.#run.executionId !== id;
        this.#run.executionId = id;
        if (renewed) this.#options.onExecutionId?.(id);
      },
    });
    if (answer.kind !== 'stream') {
      // v2 reconciled an ambiguous answer: the run exists, but no stream comes for it
      throw this.#streamError(
        'truncated',
        `Sim accepted the stream request for workflow ${this.workflowId} without streaming it; the run ${this.executionId} goes on on the server: ` +
          'follow it with waitForRun(workflowId, executionId).',
      );
    }
    this.#opened = { protocol, res: answer.res, selection, startedAt };
    return this.#opened;
  }

  #streamError(
    kind: 'workflow' | 'truncated' | 'parse',
    message: string,
    extra: { error?: string; cause?: unknown } = {},
  ): SimStreamError {
    return new SimStreamError(message, {
      kind,
      partialText: this.partialText,
      chunkCount: this.#chunkCount,
      executionId: this.executionId,
      ...extra,
    });
  }

  #toEvent(data: string): StreamEvent | 'done' | undefined {
    const raw = data.trim();
    if (raw === '[DONE]') return 'done';
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (cause) {
      throw this.#streamError(
        'parse',
        `Sim stream for workflow ${this.workflowId} sent an unreadable event: "${raw.slice(0, 120)}".`,
        { cause },
      );
    }
    if (parsed === '[DONE]') return 'done';
    if (!isRecord(parsed)) return undefined;
    if (parsed['event'] === 'final') return { type: 'final', data: parsed['data'] };
    if (parsed['event'] === 'error') {
      const e = parsed['error'];
      const error =
        typeof e === 'string'
          ? e
          : isRecord(e) && typeof e['message'] === 'string'
            ? e['message']
            : JSON.stringify(e ?? 'Unknown error');
      return { type: 'error', error };
    }
    if (typeof parsed['chunk'] === 'string') {
      return {
        type: 'chunk',
        blockId: typeof parsed['blockId'] === 'string' ? parsed['blockId'] : '',
        chunk: parsed['chunk'],
      };
    }
    return undefined; // unknown event kinds are skipped (forward compatible)
  }

  async *#iterate(): AsyncGenerator<StreamEvent, void, undefined> {
    const { signal } = this.#options;
    let opened: Opened | undefined;
    let finished = false;
    try {
      opened = await this.#open();
      const { res } = opened;
      if (!res.stream) {
        if (res.isJson || isJsonContentType(res.headers['content-type'])) {
          this.#sawFinal = true;
          this.#final = res.json;
          yield { type: 'final', data: res.json };
          finished = true;
          return;
        }
        throw this.#streamError(
          'parse',
          `Sim answered the stream request for workflow ${this.workflowId} with ${res.headers['content-type'] ?? 'no content-type'} instead of an event stream.`,
        );
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
            throw this.#streamError(
              'workflow',
              `Workflow ${this.workflowId} failed during the stream: ${event.error}`,
              { error: event.error },
            );
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
      const aborted = signal?.aborted === true;
      const timedOut = opened ? opened.res.timedOut() : err instanceof SimTimeoutError;
      if ((aborted || timedOut) && this.#sent && this.#protocol) {
        const stop = aborted
          ? new SimAbortError('The stream was aborted.', { cause: signal?.reason })
          : new SimTimeoutError('The stream ran past its deadline.', { timeoutMs: this.#timeoutMs, cause: err });
        await stopRun(this.#core, this.#protocol, this.#run, this.#policy, stop);
      }
      if (err instanceof SimError) throw err;
      throw this.#streamError(
        'truncated',
        `The Sim stream for workflow ${this.workflowId} broke after ${this.#chunkCount} chunks: ${err instanceof Error ? err.message : String(err)}.`,
        { cause: err },
      );
    } finally {
      if (opened) {
        if (!finished) opened.res.abort();
        opened.res.release();
      }
    }
  }

  /** What `collectStream` needs once the stream has ended. */
  get opened(): Opened | undefined {
    return this.#opened;
  }
  get ref(): RunRef {
    return { workflowId: this.workflowId, executionId: this.executionId };
  }
  get timeoutMs(): number {
    return this.#timeoutMs;
  }
}

/** A stream's events as a RunResult plus its full chunk text: a workflow error resolves as `status: 'failed'`. */
async function consume(
  core: Core,
  stream: RunStream,
  onChunk: ((chunk: string, event: Extract<StreamEvent, { type: 'chunk' }>) => void) | undefined,
): Promise<RunResult & { text: string }> {
  const started = core.ctx.now();
  let text = '';
  let final: unknown;
  try {
    for await (const event of stream) {
      if (event.type === 'chunk') {
        text += event.chunk;
        onChunk?.(event.chunk, event);
      } else if (event.type === 'final') final = event.data;
    }
  } catch (err) {
    if (err instanceof SimStreamError && err.kind === 'workflow') {
      return {
        executionId: stream.executionId,
        status: 'failed',
        output: null,
        error: err.error ?? err.message,
        durationMs: core.ctx.now() - started,
        text,
      };
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
      status = core.wasCancelRequested(executionId) ? 'cancelled' : 'failed';
      error =
        typeof final['error'] === 'string'
          ? final['error']
          : status === 'cancelled'
            ? 'Cancelled'
            : 'The workflow run did not succeed.';
    }
  }
  const durationMs = core.ctx.now() - started;
  // a run that paused ends with one final frame whose data says `status: "paused"`
  // (packages/emulator/recordings/sim-server-facts.md §G.5)
  if (status === 'completed' && isRecord(final) && final['status'] === 'paused') {
    const hint = pauseHint(output);
    const contextId = hint?.contextId ?? '';
    return {
      executionId,
      status: 'paused',
      output: output ?? null,
      error: null,
      durationMs,
      text,
      paused: { contextId, pauseKind: hint?.kind ?? null, resumeAt: null, blockId: contextId || null },
    };
  }
  const unwrapped = status === 'completed' ? unwrapResponseBlock(output) : { output };
  const result: RunResult & { text: string } = {
    executionId,
    status,
    output: unwrapped.output ?? null,
    error,
    durationMs,
    text,
  };
  if (unwrapped.response) result.response = unwrapped.response;
  return result;
}

/**
 * Consumes a stream into a RunResult plus its full text. A stream that ended paused (or whose output can hide a pause)
 * is confirmed through the run's record where the server keeps one: a person's pause resolves as `paused` (unless
 * `waitThroughHumanPause`), a time pause is waited through until `timeoutMs` (default 10 minutes). Selected outputs
 * are read from the record, keyed by what the caller wrote, as in the other modes.
 */
export async function collectStream(
  core: Core,
  stream: WorkflowStream,
  options: {
    onChunk?: (chunk: string, event: Extract<StreamEvent, { type: 'chunk' }>) => void;
    timeoutMs?: number;
    signal?: AbortSignal;
  } & PauseOptions,
  defaultWaitMs: number,
): Promise<RunResult & { text: string }> {
  if (!(stream instanceof RunStream))
    throw new SimValidationError('collectStream needs a stream made by client.streamWorkflow.', 'stream');
  const waitMs = validateTimeout(options.timeoutMs) ?? defaultWaitMs;
  const result = await consume(core, stream, options.onChunk);
  const opened = stream.opened;
  if (!opened) return result;
  const now = core.ctx.now();
  const finished = await finishRun(core, opened.protocol, { ...stream.ref, executionId: result.executionId }, result, {
    answered: true,
    selection: opened.selection,
    signal: options.signal,
    deadline: now + waitMs,
    timeoutMs: waitMs,
    startedAt: opened.startedAt,
    waitThroughHumanPause: options.waitThroughHumanPause,
  });
  return { ...finished, text: result.text };
}
