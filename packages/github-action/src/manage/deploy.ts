// deploy/action.yml: deploys one or several Sim workflows, each as a new version named after the commit and ref.
import * as core from '@actions/core';
import { codeBlock, codeSpan } from '../markdown.js';
import { parseIds } from './inputs.js';
import { CONNECTION_INPUTS, eachWorkflow, type ManagementStep } from './step.js';

/** `<short sha> <ref>` (e.g. `abc1234 main`), what a version is called unless `version-name` says otherwise. */
export function defaultVersionName(env: NodeJS.ProcessEnv = process.env): string {
  const sha = (env['GITHUB_SHA'] ?? '').slice(0, 7);
  const ref =
    env['GITHUB_HEAD_REF'] || env['GITHUB_REF_NAME'] || (env['GITHUB_REF'] ?? '').replace(/^refs\/(heads|tags)\//, '');
  return [sha, ref]
    .filter((s) => s !== '')
    .join(' ')
    .slice(0, 100);
}

/** The release note of a version deployed from CI: where it came from. */
export function defaultDescription(env: NodeJS.ProcessEnv = process.env): string {
  const repo = env['GITHUB_REPOSITORY'];
  if (!repo || !env['GITHUB_SHA']) return '';
  const run = env['GITHUB_RUN_ID']
    ? ` by ${(env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '')}/${repo}/actions/runs/${env['GITHUB_RUN_ID']}`
    : '';
  return `Deployed from ${repo}@${env['GITHUB_SHA']} (${env['GITHUB_REF'] ?? ''})${run}`;
}

const WORKFLOW_ID_HINT = 'the id of the Sim workflow to deploy (several: separated by commas or newlines)';

/** A list output: one entry per workflow id, in order, comma-separated (empty where there is none). */
export function listOutput(ids: string[], value: (id: string) => string): string {
  return ids.map(value).join(',');
}

export const deployStep: ManagementStep = {
  title: 'deploy',
  inputs: {
    ...CONNECTION_INPUTS,
    'workflow-id': { default: '', required: true },
    'version-name': { default: '' },
    description: { default: '' },
  },
  outputs: ['version', 'previous-version'],
  fields: { workflowId: 'workflow-id', name: 'version-name', description: 'description' },
  async run({ client, read }) {
    const ids = parseIds(read('workflow-id'), 'workflow-id', WORKFLOW_ID_HINT);
    const name = read('version-name') || defaultVersionName();
    const description = read('description') || defaultDescription();
    const { done, failure } = await eachWorkflow(ids, 'deploy', async (id) => {
      const change = await client.deployWorkflow(id, {
        ...(name ? { name } : {}),
        ...(description ? { description } : {}),
      });
      core.info(
        `Deployed ${id}: version ${change.version} is live${change.previousVersion !== null ? ` (before: ${change.previousVersion})` : ''}.`,
      );
      if (change.attemptStatus !== null && change.attemptStatus !== 'active')
        core.warning(
          `Sim reports the deployment of ${id} (version ${change.version}) as \`${change.attemptStatus}\`, not yet \`active\`.`,
        );
      return change;
    });
    const rows = ids.map((id) => {
      const c = done.get(id);
      if (!c) return `| ${codeSpan(id)} | – | – | not deployed |`;
      const previous =
        c.previousVersion === null
          ? '–'
          : `${c.previousVersion}${c.previousVersionSource === 'server' ? ' (was live)' : ''}`;
      return `| ${codeSpan(id)} | ${c.version} | ${previous} | ${c.attemptStatus === 'active' || c.attemptStatus === null ? '✅ live' : codeSpan(c.attemptStatus)} |`;
    });
    const warnings = [...new Set([...done.values()].flatMap((c) => c.warnings))];
    const summary = [
      '## Sim deploy',
      '',
      name ? `Version name: ${codeSpan(name)}` : '',
      '',
      '| Workflow | Version | Previous version | |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      ...(warnings.length ? ['Sim says:', '', ...warnings.map((w) => `- ${codeSpan(w)}`), ''] : []),
      ...(failure ? ['### Error', '', codeBlock(failure, 'text'), ''] : []),
    ].join('\n');
    return {
      outputs: {
        version: listOutput(ids, (id) => String(done.get(id)?.version ?? '')),
        'previous-version': listOutput(ids, (id) => String(done.get(id)?.previousVersion ?? '')),
      },
      summary,
      ...(failure ? { failure } : {}),
    };
  },
};
