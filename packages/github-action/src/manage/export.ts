// export/action.yml: writes one file per Sim workflow into the repository, so a workflow's history lives in git.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as core from '@actions/core';
import type { SimClient, WorkflowExport } from '@sim-integrations/core/node';
import { InputError, quote } from '../inputs.js';
import { codeSpan } from '../markdown.js';
import { diffExports, exportFileName, exportFileText, type BlockRef, type ExportDiff } from './export-file.js';
import { parseIds, pathInWorkspace, workspaceDir } from './inputs.js';
import { CONNECTION_INPUTS, type ManagementStep } from './step.js';

export const DEFAULT_EXPORT_PATH = 'sim-workflows';

interface Written {
  workflowId: string;
  name: string;
  file: string;
  state: 'new' | 'changed' | 'unchanged';
  diff: ExportDiff;
}

async function workspaceWorkflowIds(client: SimClient, workspaceId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const w of client.iterateWorkflows({ workspaceId, limit: 100 }))
    if (typeof w.id === 'string') ids.push(w.id);
  return ids;
}

function parsedOrUndefined(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const blockList = (blocks: BlockRef[]): string =>
  blocks.map((b) => `${codeSpan(b.name)}${b.type ? ` (${codeSpan(b.type)})` : ''}`).join(', ');

function summaryOf(written: Written[], dir: string): string {
  const changed = written.filter((w) => w.state !== 'unchanged');
  const label = { new: '🆕 new', changed: '✏️ changed', unchanged: 'unchanged' } as const;
  const lines = [
    '## Sim export',
    '',
    `${written.length} workflow${written.length === 1 ? '' : 's'} → ${codeSpan(dir)}: ${changed.length ? `${changed.length} changed` : 'nothing changed'}.`,
    '',
    '| Workflow | File | |',
    '| --- | --- | --- |',
    ...written.map(
      (w) => `| ${codeSpan(w.name)} (${codeSpan(w.workflowId)}) | ${codeSpan(w.file)} | ${label[w.state]} |`,
    ),
    '',
  ];
  for (const w of changed) {
    lines.push(`### ${codeSpan(w.name)}`, '');
    if (w.state === 'new') lines.push(`- new file, blocks: ${blockList(w.diff.added) || 'none'}`);
    else {
      if (w.diff.added.length) lines.push(`- blocks added: ${blockList(w.diff.added)}`);
      if (w.diff.removed.length) lines.push(`- blocks removed: ${blockList(w.diff.removed)}`);
      if (w.diff.changed.length) lines.push(`- blocks changed: ${blockList(w.diff.changed)}`);
      if (w.diff.otherChanges.length) lines.push(`- also changed: ${w.diff.otherChanges.join(', ')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const exportStep: ManagementStep = {
  title: 'export',
  inputs: {
    ...CONNECTION_INPUTS,
    'workflow-id': { default: '' },
    'workspace-id': { default: '' },
    path: { default: DEFAULT_EXPORT_PATH },
  },
  outputs: ['changed', 'files'],
  fields: { workflowId: 'workflow-id', workspaceId: 'workspace-id' },
  async run({ client, read }) {
    const workspace = workspaceDir('path');
    const dir = pathInWorkspace(read('path'), 'path', workspace);
    if (existsSync(dir.abs) && !statSync(dir.abs).isDirectory())
      throw new InputError('path', `${quote(dir.rel)} is a file; it must be a folder (it is created when missing).`);
    const rawIds = read('workflow-id').trim();
    const workspaceId = read('workspace-id').trim();
    if (rawIds && workspaceId)
      throw new InputError(
        'workspace-id',
        'cannot be combined with `workflow-id`: give the workflows to export, or a workspace to export all of its workflows.',
      );
    if (!rawIds && !workspaceId)
      throw new InputError(
        'workflow-id',
        'is required (or `workspace-id`): the workflows to export, or a workspace to export all of its workflows.',
      );
    const ids = rawIds
      ? parseIds(rawIds, 'workflow-id', 'the workflows to export')
      : await workspaceWorkflowIds(client, workspaceId);
    if (workspaceId) core.info(`Workspace ${workspaceId}: ${ids.length} workflow${ids.length === 1 ? '' : 's'}.`);

    // Every export is read before any file is written: a failure leaves the folder as it was.
    const exports: Array<{ workflowId: string; data: WorkflowExport }> = [];
    for (const workflowId of ids) exports.push({ workflowId, data: await client.exportWorkflow(workflowId) });

    const written: Written[] = [];
    for (const { workflowId, data } of exports) {
      const target = pathInWorkspace(`${dir.rel}/${exportFileName(workflowId)}`, 'path', workspace);
      const text = exportFileText(data);
      const before = existsSync(target.abs) ? readFileSync(target.abs, 'utf8') : undefined;
      const state = before === undefined ? 'new' : before === text ? 'unchanged' : 'changed';
      if (state !== 'unchanged') {
        mkdirSync(dir.abs, { recursive: true });
        writeFileSync(target.abs, text);
      }
      const name = typeof data.workflow?.name === 'string' ? data.workflow.name : workflowId;
      written.push({
        workflowId,
        name,
        file: target.rel,
        state,
        diff: diffExports(parsedOrUndefined(before), JSON.parse(text) as WorkflowExport),
      });
      core.info(`${target.rel}: ${state}`);
    }
    written.sort((a, b) => a.file.localeCompare(b.file));
    return {
      outputs: {
        changed: String(written.some((w) => w.state !== 'unchanged')),
        files: written.map((w) => w.file).join('\n'),
      },
      summary: summaryOf(written, dir.rel),
    };
  },
};
