// The Action's main step: validate inputs, run the workflow through the core client, report the
// result as outputs, log, job summary and (optionally) a PR comment, and cancel on job cancellation.
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import {
  SimAbortError,
  SimError,
  SimValidationError,
  SimStreamError,
  SimTimeoutError,
  mayHaveLeftRun,
  type RunResult,
  type SimClient,
} from '@sim-integrations/core/node';
import { CANCEL_BUDGET_MS, SignalCancellation, watchSignals, type SignalWatch } from './cancel.js';
import { createClient } from './client.js';
import { githubRunContext, pullRequestNumber } from './github-context.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { UntrustedBlock, printUntrusted } from './log.js';
import { resultMarkdown } from './markdown.js';
import { setOutputs, type ActionResult } from './outputs.js';
import { commentMarker, upsertComment } from './pr-comment.js';
import { saveCancelled, saveFinished, saveRunIds } from './state.js';
import { writeSummary } from './summary.js';

/** Longest output text printed to the log (the log is not the place for many megabytes). */
const LOG_OUTPUT_LIMIT = 1024 * 1024;

export interface RunOptions {
  /** How long main waits for the remote cancel after SIGINT/SIGTERM before it exits anyway. */
  graceMs?: number;
}

/** What the run phase learnt, including what to tell the post step. */
interface Outcome {
  result: ActionResult;
  /** The run ended or was deliberately left running: the post step must not cancel it. */
  settled: boolean;
  /** Main cancelled the run on the server. */
  cancelled: boolean;
}

class RunIds {
  executionId: string | undefined;
  jobId: string | undefined;
  set(ids: { executionId?: string | undefined; jobId?: string | undefined }): void {
    if (ids.executionId) this.executionId = ids.executionId;
    if (ids.jobId) this.jobId = ids.jobId;
    saveRunIds(ids);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function run(options: RunOptions = {}): Promise<void> {
  // The key is masked before anything else can print it.
  const rawKey = core.getInput('api-key');
  if (rawKey) core.setSecret(rawKey);
  const rawToken = core.getInput('github-token');
  if (rawToken) core.setSecret(rawToken);

  let inputs: ActionInputs;
  let client: SimClient;
  try {
    inputs = readInputs((name) => core.getInput(name));
    client = createClient({ apiKey: inputs.apiKey, baseUrl: inputs.baseUrl });
  } catch (err) {
    const field =
      err instanceof SimValidationError
        ? ({ apiKey: 'api-key', baseUrl: 'base-url' } as Record<string, string>)[err.field ?? '']
        : undefined;
    const text =
      err instanceof InputError
        ? err.message
        : field
          ? `Input \`${field}\`: ${message(err)}`
          : `Invalid inputs: ${message(err)}`;
    setOutputs({ status: 'failed', error: text });
    core.setFailed(text);
    return;
  }

  const ids = new RunIds();
  const started = Date.now();
  let finalized = false;
  const finalize = (outcome: Outcome): void => {
    if (finalized) return;
    finalized = true;
    if (outcome.cancelled) saveCancelled();
    if (outcome.settled) saveFinished();
    setOutputs(outcome.result);
  };

  let block: UntrustedBlock | undefined;
  const watch: SignalWatch = watchSignals({
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    onSignal: (signal) => {
      block?.end();
      core.info(
        `Received ${signal}: cancelling the Sim run${ids.executionId ? ` (execution ${ids.executionId})` : ''}…`,
      );
    },
    onGraceExpired: (signal) => {
      block?.end();
      core.warning(
        `The Sim run was not confirmed cancelled within the grace period after ${signal}; the post step will try again.`,
      );
      finalize({
        result: {
          status: 'cancelled',
          executionId: ids.executionId,
          jobId: ids.jobId,
          error: `The GitHub job was cancelled (${signal}).`,
          durationMs: Date.now() - started,
        },
        settled: false,
        cancelled: false,
      });
      core.setFailed(`The GitHub job was cancelled (${signal}).`);
      process.exit(1);
    },
  });

  try {
    // @actions/github (Octokit) is loaded only when needed: it is most of the bundle's start-up cost.
    const input = inputs.includeGithubContext
      ? { ...inputs.input, github: githubRunContext((await import('@actions/github')).context) }
      : inputs.input;
    core.info(
      `Running Sim workflow ${inputs.workflowId} (mode: ${inputs.mode}${inputs.mode === 'async' && !inputs.wait ? ', not waiting' : ''}) on ${inputs.baseUrl}`,
    );
    if (!inputs.wait && inputs.mode !== 'async')
      core.warning(`\`wait: false\` only applies to \`mode: async\`; the ${inputs.mode} run is awaited.`);

    let outcome: Outcome;
    try {
      outcome = await execute(client, inputs, input, ids, watch, (b) => (block = b));
    } catch (err) {
      block?.end();
      outcome = outcomeFromError(err, inputs, ids, watch, started);
    }
    block?.end();
    if (outcome.result.durationMs === undefined) outcome.result.durationMs = Date.now() - started;
    report(outcome, inputs);
    finalize(outcome);
    await writeSummary(outcome.result, { workflowId: inputs.workflowId, mode: inputs.mode, baseUrl: inputs.baseUrl });
    if (inputs.commentOnPr && !watch.received) await commentOnPr(outcome.result, inputs);
    conclude(outcome.result, inputs, watch);
  } finally {
    watch.dispose();
  }
}

async function execute(
  client: SimClient,
  inputs: ActionInputs,
  input: Record<string, unknown>,
  ids: RunIds,
  watch: SignalWatch,
  setBlock: (b: UntrustedBlock) => void,
): Promise<Outcome> {
  const timeoutMs = Math.round(inputs.timeoutSeconds * 1000);
  const signal = watch.controller.signal;
  const common = {
    input,
    ...(inputs.selectedOutputs.length ? { selectedOutputs: inputs.selectedOutputs } : {}),
    signal,
  };

  if (inputs.mode === 'async' && !inputs.wait) {
    // Only a receipt comes back, so there is nothing to select (and Sim refuses selectedOutputs on async executes).
    if (inputs.selectedOutputs.length)
      core.warning("`selected-outputs` is not used with `wait: false`: the step returns only the run's ids.");
    const queued = await client.startWorkflow(inputs.workflowId, {
      input,
      signal,
      timeoutMs: Math.min(timeoutMs, client.timeoutMs),
    });
    ids.set({ executionId: queued.executionId, jobId: queued.jobId });
    core.info(
      `Queued: execution ${queued.executionId}${queued.jobId ? ` (job ${queued.jobId})` : ''}. Not waiting (wait: false); follow the run by its execution-id.`,
    );
    return {
      result: { status: queued.status, executionId: queued.executionId, jobId: queued.jobId },
      settled: true,
      cancelled: false,
    };
  }

  let result: RunResult;
  if (inputs.resume) {
    // Resume a paused run (e.g. in a later job, after an environment approval) and wait for it like any run.
    const { executionId, contextId } = inputs.resume;
    ids.set({ executionId });
    core.info(`Resuming execution ${executionId} at ${contextId}; waiting up to ${inputs.timeoutSeconds} s…`);
    result = await client.resumeRun(inputs.workflowId, executionId, {
      contextId,
      input,
      timeoutMs,
      signal,
      onStatus: (status) => core.info(`Run status: ${status}`),
    });
  } else if (inputs.mode === 'async') {
    result = await client.runWorkflow(inputs.workflowId, {
      ...common,
      timeoutMs,
      cancelOnTimeout: inputs.cancelOnTimeout,
      cancelTimeoutMs: CANCEL_BUDGET_MS,
      onQueued: ({ jobId, executionId }) => {
        ids.set({ jobId, executionId });
        core.info(
          `Queued: execution ${executionId}${jobId ? ` (job ${jobId})` : ''}. Waiting up to ${inputs.timeoutSeconds} s…`,
        );
      },
      onStatus: (status) => core.info(`Run status: ${status}`),
    });
  } else if (inputs.mode === 'sync') {
    const executionId = randomUUID();
    ids.set({ executionId });
    core.info(`Execution ${executionId}: waiting for the answer (up to ${inputs.timeoutSeconds} s)…`);
    result = await client.runWorkflowSync(inputs.workflowId, {
      ...common,
      executionId,
      timeoutMs,
      cancelOnTimeout: inputs.cancelOnTimeout,
      cancelTimeoutMs: CANCEL_BUDGET_MS,
      // after a 429 the run goes on under a new id: the post step must cancel that one
      onExecutionId: (id) => ids.set({ executionId: id }),
    });
  } else {
    const executionId = randomUUID();
    ids.set({ executionId });
    core.info(`Execution ${executionId}: streaming (up to ${inputs.timeoutSeconds} s)…`);
    // Like the other modes: a job cancellation (abort) always cancels the run; the deadline only with cancel-on-timeout.
    const stream = client.streamWorkflow(inputs.workflowId, {
      ...common,
      executionId,
      timeoutMs,
      cancelOnAbort: true,
      cancelOnTimeout: inputs.cancelOnTimeout,
      cancelTimeoutMs: CANCEL_BUDGET_MS,
      onExecutionId: (id) => ids.set({ executionId: id }),
    });
    const block = new UntrustedBlock();
    setBlock(block);
    let lastBlockId: string | undefined;
    result = await client.collectStream(stream, {
      onChunk: (chunk, event) => {
        // Text from another block starts on a new line.
        if (lastBlockId !== undefined && event.blockId !== lastBlockId) block.write('\n');
        lastBlockId = event.blockId;
        block.write(chunk);
      },
    });
    block.end();
  }
  ids.set({ executionId: result.executionId, jobId: result.jobId });
  return {
    result: {
      status: result.status,
      executionId: result.executionId,
      jobId: result.jobId ?? ids.jobId,
      output: result.output,
      error: result.error,
      durationMs: result.durationMs,
      ...(result.paused
        ? { contextId: result.paused.contextId, pauseKind: result.paused.pauseKind, resumeAt: result.paused.resumeAt }
        : {}),
    },
    // a paused run is settled too: the post step must not cancel it (it waits to be resumed)
    settled: true,
    cancelled: result.status === 'cancelled',
  };
}

function outcomeFromError(
  err: unknown,
  inputs: ActionInputs,
  ids: RunIds,
  watch: SignalWatch,
  started: number,
): Outcome {
  const errIds = err as { executionId?: unknown; jobId?: unknown };
  if (err instanceof SimError) {
    ids.set({
      executionId: typeof errIds.executionId === 'string' ? errIds.executionId : undefined,
      jobId: typeof errIds.jobId === 'string' ? errIds.jobId : undefined,
    });
  }
  const base = { executionId: ids.executionId, jobId: ids.jobId, durationMs: Date.now() - started };
  // Whether a run may still be going on the server is the core's rule (mayHaveLeftRun); without an execution id
  // there is nothing the post step could cancel anyway. A run left behind is cancelled by the post step.
  const runLeft = ids.executionId !== undefined && mayHaveLeftRun(err);
  if (watch.received || (err instanceof SimAbortError && watch.controller.signal.aborted)) {
    const signal = watch.received ?? 'SIGINT';
    const cancelled = err instanceof SimAbortError && err.cancelled;
    if (runLeft) core.warning(`The Sim run was not confirmed cancelled after ${signal}; the post step will try again.`);
    return {
      result: {
        ...base,
        status: 'cancelled',
        error: new SignalCancellation(signal).message + (cancelled ? ' The Sim run was cancelled.' : ''),
      },
      settled: !runLeft,
      cancelled,
    };
  }
  if (err instanceof SimTimeoutError) {
    const cancelled = err.cancelled;
    const note = cancelled
      ? ' The run was cancelled on the server.'
      : inputs.cancelOnTimeout
        ? ' Cancelling the run on the server failed; the post step will try again.'
        : ' The run was left running (cancel-on-timeout: false).';
    return {
      result: {
        ...base,
        status: 'timed_out',
        error: `The workflow did not finish within timeout-seconds (${inputs.timeoutSeconds} s).${note}`,
      },
      // Settled when nothing is left running, or when the user asked to leave it running.
      settled: !runLeft || !inputs.cancelOnTimeout,
      cancelled,
    };
  }
  if (err instanceof SimStreamError) {
    const partial = err.partialText
      ? `\n(stream text received before the failure: ${err.partialText.length} characters)`
      : '';
    return {
      result: { ...base, status: 'failed', error: `${err.message}${partial}` },
      settled: !runLeft,
      cancelled: false,
    };
  }
  // API errors (bad key, unknown or undeployed workflow, rate limits) leave no run; a lost connection or a 5xx may.
  return { result: { ...base, status: 'failed', error: message(err) }, settled: !runLeft, cancelled: false };
}

function report(outcome: Outcome, inputs: ActionInputs): void {
  const { result } = outcome;
  core.info(`Status: ${result.status}${result.executionId ? ` (execution ${result.executionId})` : ''}`);
  if (result.output !== undefined && result.status !== 'queued') {
    let text: string;
    try {
      text = JSON.stringify(result.output, null, 2) ?? String(result.output);
    } catch {
      text = String(result.output);
    }
    if (text.length > LOG_OUTPUT_LIMIT)
      text = `${text.slice(0, LOG_OUTPUT_LIMIT)}\n… [log truncated at ${LOG_OUTPUT_LIMIT} characters]`;
    printUntrusted(text, inputs.mode === 'stream' ? 'Final output (JSON):' : 'Output:');
  }
  if (result.error) printUntrusted(result.error, 'Error:');
}

async function commentOnPr(result: ActionResult, inputs: ActionInputs): Promise<void> {
  const github = await import('@actions/github');
  const ctx = github.context;
  const prNumber = pullRequestNumber(ctx);
  if (prNumber === null) {
    core.info(
      `comment-on-pr: the ${ctx.eventName || 'current'} event is not about a pull request; no comment written.`,
    );
    return;
  }
  try {
    const octokit = github.getOctokit(inputs.githubToken);
    const { owner, repo } = ctx.repo;
    const body = resultMarkdown(
      result,
      { workflowId: inputs.workflowId, mode: inputs.mode, baseUrl: inputs.baseUrl },
      3,
    );
    const done = await upsertComment(
      octokit,
      { owner, repo, issueNumber: prNumber },
      commentMarker(inputs.workflowId),
      body,
    );
    core.info(`PR #${prNumber}: comment ${done.action} (${done.url}).`);
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const hint =
      status === 403 || status === 404
        ? ' Give the job `permissions: pull-requests: write` (pull requests from forks get a read-only token).'
        : '';
    core.warning(`Could not write the PR comment: ${message(err)}.${hint}`);
  }
}

function conclude(result: ActionResult, inputs: ActionInputs, watch: SignalWatch): void {
  if (watch.received) {
    core.setFailed(result.error ?? `The GitHub job was cancelled (${watch.received}).`);
    return;
  }
  if (result.status === 'completed' || result.status === 'queued') return;
  const text =
    result.status === 'paused'
      ? result.pauseKind === 'time'
        ? `Sim workflow ${inputs.workflowId} is still paused until ${result.resumeAt ?? 'its resume time'} (past timeout-seconds); it was not cancelled`
        : `Sim workflow ${inputs.workflowId} is paused, waiting for a person: resume it with resume-execution-id: ${result.executionId ?? ''} and resume-context-id: ${result.contextId ?? ''}`
      : result.status === 'failed'
        ? `Sim workflow ${inputs.workflowId} failed: ${result.error ?? 'no error message'}`
        : result.status === 'timed_out'
          ? `Sim workflow ${inputs.workflowId} timed out: ${result.error ?? ''}`
          : `Sim workflow ${inputs.workflowId} was cancelled${result.error ? `: ${result.error}` : ''}`;
  if (inputs.failOnError) core.setFailed(text);
  else core.warning(`${text} (fail-on-error: false, so the step succeeds)`);
}
