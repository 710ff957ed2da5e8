// The job summary (`GITHUB_STEP_SUMMARY`): workflow, execution id, status, duration, a link-free
// output preview and the error. Writing it never fails the step.
import * as core from '@actions/core';
import { resultMarkdown, type ReportContext } from './markdown.js';
import type { ActionResult } from './outputs.js';

export async function writeSummary(result: ActionResult, ctx: ReportContext): Promise<void> {
  await writeSummaryMarkdown(resultMarkdown(result, ctx));
}

/** Appends Markdown to the job summary (also used by the workflow-management sub-actions). Never fails the step. */
export async function writeSummaryMarkdown(markdown: string): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.debug('GITHUB_STEP_SUMMARY is not set; no job summary written.');
    return;
  }
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (err) {
    core.warning(`Could not write the job summary: ${err instanceof Error ? err.message : String(err)}`);
  }
}
