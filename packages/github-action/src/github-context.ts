// The `github` object added to the workflow input with `include-github-context: true`, read from
// @actions/github's context (the runner's GITHUB_* variables and the event payload).
import type { context as githubContext } from '@actions/github';

export type Context = typeof githubContext;

export interface GithubRunContext {
  repository: string;
  ref: string;
  sha: string;
  runId: number;
  runAttempt: number;
  runUrl: string;
  actor: string;
  eventName: string;
  /** The pull request number on pull_request / pull_request_target events (and issue_comment on a PR), else null. */
  prNumber: number | null;
}

/** The PR number of the triggering event, or null when the event is not about a pull request. */
export function pullRequestNumber(ctx: Pick<Context, 'payload'>): number | null {
  const pr = ctx.payload.pull_request;
  if (pr && typeof pr.number === 'number') return pr.number;
  const issue = ctx.payload.issue;
  if (issue && typeof issue.number === 'number' && issue['pull_request']) return issue.number;
  return null;
}

export function githubRunContext(ctx: Context, env: NodeJS.ProcessEnv = process.env): GithubRunContext {
  const repository = env['GITHUB_REPOSITORY'] ?? '';
  const serverUrl = ctx.serverUrl.replace(/\/+$/, '');
  const runId = Number.isFinite(ctx.runId) ? ctx.runId : 0;
  const runAttempt = Number.isFinite(ctx.runAttempt) ? ctx.runAttempt : 1;
  return {
    repository,
    ref: ctx.ref ?? '',
    sha: ctx.sha ?? '',
    runId,
    runAttempt,
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}/attempts/${runAttempt}` : '',
    actor: ctx.actor ?? '',
    eventName: ctx.eventName ?? '',
    prNumber: pullRequestNumber(ctx),
  };
}
