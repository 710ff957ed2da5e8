// Markdown for the job summary and the PR comment. Text from the workflow is untrusted: it only
// ever appears inside fenced code blocks or code spans (no HTML, no links, no mentions rendered).
import type { ActionResult, ActionStatus } from './outputs.js';
import { PREVIEW_LIMIT, formatChars, truncate } from './truncate.js';

const STATUS_LABEL: Record<ActionStatus, string> = {
  completed: '✅ completed',
  failed: '❌ failed',
  cancelled: '🚫 cancelled',
  timed_out: '⏱️ timed out',
  queued: '⏳ queued',
  paused: '⏸️ paused',
};

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** A fenced code block that no content can close early: the fence is longer than any backtick run inside. */
export function codeBlock(text: string, lang = ''): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${lang}\n${body}${fence}`;
}

/** An inline code span safe inside a table cell (pipes escaped, newlines flattened). */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  if (flat === '') return '';
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
}

/** Pretty JSON of the output for people, cut to the preview limit with a note. */
export function outputPreview(output: unknown, limit = PREVIEW_LIMIT): { text: string; truncated: boolean } {
  let text: string;
  if (typeof output === 'string') text = output;
  else {
    try {
      text = JSON.stringify(output, null, 2) ?? String(output);
    } catch {
      text = String(output);
    }
  }
  const cut = truncate(
    text,
    limit,
    (n) => `\n… [preview truncated: ${formatChars(n)} in total; the full output is in the \`output\` step output]`,
  );
  return { text: cut.text, truncated: cut.truncated };
}

export interface ReportContext {
  workflowId: string;
  mode: string;
  baseUrl: string;
}

/** The result as Markdown: a heading, a table of facts, the output preview and the error. */
export function resultMarkdown(result: ActionResult, ctx: ReportContext, headingLevel = 2): string {
  const h = '#'.repeat(headingLevel);
  const rows: Array<[string, string]> = [
    ['Workflow', codeSpan(ctx.workflowId)],
    ['Status', STATUS_LABEL[result.status]],
    ['Execution id', result.executionId ? codeSpan(result.executionId) : '–'],
  ];
  if (result.jobId) rows.push(['Job id', codeSpan(result.jobId)]);
  if (result.status === 'paused') {
    rows.push([
      'Waiting for',
      result.pauseKind === 'time'
        ? `its time${result.resumeAt ? ` (${codeSpan(result.resumeAt)})` : ''}`
        : 'a person (resume it with `resume-execution-id` and `resume-context-id`)',
    ]);
    if (result.contextId) rows.push(['Context id', codeSpan(result.contextId)]);
  }
  rows.push(['Mode', codeSpan(ctx.mode)]);
  rows.push(['Duration', formatDuration(result.durationMs) || '–']);
  const lines = [`${h} Sim workflow run`, '', '| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), ''];
  if (result.output !== undefined && result.status !== 'queued') {
    const preview = outputPreview(result.output);
    lines.push(`${h}# Output`, '', codeBlock(preview.text, typeof result.output === 'string' ? 'text' : 'json'), '');
  }
  if (result.error) {
    const err = truncate(result.error, PREVIEW_LIMIT, (n) => `\n… [error truncated: ${formatChars(n)} in total]`);
    lines.push(`${h}# Error`, '', codeBlock(err.text, 'text'), '');
  }
  return lines.join('\n');
}
