// import/action.yml: creates a NEW Sim workflow (new id) from an export file in the repository, and deploys it on request.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import { SimValidationError, type DeploymentChange } from '@sim-integrations/core/node';
import { InputError, quote } from '../inputs.js';
import { codeBlock, codeSpan } from '../markdown.js';
import { defaultDescription, defaultVersionName } from './deploy.js';
import { parseBoolean, pathInWorkspace, workspaceDir } from './inputs.js';
import { CONNECTION_INPUTS, type ManagementStep } from './step.js';

/** Sim's limit on an import request body. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const SECRETS_NOTE =
  'Import creates a **new** workflow with a new id (use `workflow-id` from now on). Sim does not export secrets: set the credentials and environment variables the workflow uses again in the target workspace.';

/** The export file, read and parsed; refused before any request when it is missing, too large or not JSON. */
function readExportFile(raw: string, workspace: string): { rel: string; data: unknown } {
  const file = pathInWorkspace(raw, 'file', workspace);
  if (!existsSync(file.abs))
    throw new InputError(
      'file',
      `${quote(file.rel)} does not exist in the workspace (was the repository checked out, e.g. with actions/checkout?).`,
    );
  const stat = statSync(file.abs);
  if (!stat.isFile()) throw new InputError('file', `${quote(file.rel)} is not a file.`);
  if (stat.size > MAX_FILE_BYTES)
    throw new InputError(
      'file',
      `${quote(file.rel)} is ${stat.size} bytes; Sim imports at most ${MAX_FILE_BYTES} (10 MiB).`,
    );
  try {
    return { rel: file.rel, data: JSON.parse(readFileSync(file.abs, 'utf8')) as unknown };
  } catch (err) {
    throw new InputError(
      'file',
      `${quote(file.rel)} is not valid JSON (${err instanceof Error ? err.message : String(err)}): give a file the export action wrote.`,
    );
  }
}

export const importStep: ManagementStep = {
  title: 'import',
  inputs: {
    ...CONNECTION_INPUTS,
    file: { default: '', required: true },
    'workspace-id': { default: '', required: true },
    name: { default: '' },
    'folder-id': { default: '' },
    deploy: { default: 'false' },
  },
  outputs: ['workflow-id', 'version'],
  fields: { workspaceId: 'workspace-id', workflow: 'file', name: 'name', folderId: 'folder-id' },
  async run({ client, read }) {
    const workspace = workspaceDir('file');
    const workspaceId = read('workspace-id').trim();
    if (!workspaceId) throw new InputError('workspace-id', 'is required: the Sim workspace to create the workflow in.');
    const deploy = parseBoolean(read('deploy'), 'deploy', false);
    const name = read('name');
    const folderId = read('folder-id').trim();
    const file = readExportFile(read('file'), workspace);

    let imported;
    try {
      imported = await client.importWorkflow({
        workspaceId,
        workflow: file.data as Record<string, unknown>,
        ...(name ? { name } : {}),
        ...(folderId ? { folderId } : {}),
      });
    } catch (err) {
      if (err instanceof SimValidationError && err.field === 'workflow')
        throw new InputError('file', `${quote(file.rel)} is not an export Sim can import: ${err.message}`);
      throw err;
    }
    core.info(
      `Imported ${file.rel} into workspace ${workspaceId} as a new workflow: ${imported.workflowId} (${imported.name}).`,
    );

    let deployed: DeploymentChange | undefined;
    let failure: string | undefined;
    if (deploy) {
      try {
        const versionName = defaultVersionName();
        const description = defaultDescription();
        deployed = await client.deployWorkflow(imported.workflowId, {
          ...(versionName ? { name: versionName } : {}),
          ...(description ? { description } : {}),
        });
        core.info(`Deployed ${imported.workflowId}: version ${deployed.version} is live.`);
      } catch (err) {
        failure = `Sim import succeeded (new workflow ${imported.workflowId}), but its deploy failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    const summary = [
      '## Sim import',
      '',
      '| | |',
      '| --- | --- |',
      `| File | ${codeSpan(file.rel)} |`,
      `| New workflow | ${codeSpan(imported.name)} (${codeSpan(imported.workflowId)}) |`,
      `| Workspace | ${codeSpan(imported.workspaceId)} |`,
      `| Deployed | ${deployed ? `version ${deployed.version}` : deploy ? '❌ failed' : 'no (`deploy: true` deploys it)'} |`,
      '',
      SECRETS_NOTE,
      '',
      ...(failure ? ['### Error', '', codeBlock(failure, 'text'), ''] : []),
    ].join('\n');
    return {
      outputs: { 'workflow-id': imported.workflowId, version: deployed ? String(deployed.version) : '' },
      summary,
      ...(failure ? { failure } : {}),
    };
  },
};
