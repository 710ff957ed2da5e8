// rollback/action.yml: makes an earlier version of one or several Sim workflows live again.
import * as core from '@actions/core';
import { codeBlock, codeSpan } from '../markdown.js';
import { listOutput } from './deploy.js';
import { parseIds, parseVersions } from './inputs.js';
import { CONNECTION_INPUTS, eachWorkflow, type ManagementStep } from './step.js';

export const rollbackStep: ManagementStep = {
  title: 'rollback',
  inputs: { ...CONNECTION_INPUTS, 'workflow-id': { default: '', required: true }, version: { default: '' } },
  outputs: ['version'],
  fields: { workflowId: 'workflow-id', version: 'version' },
  async run({ client, read }) {
    const ids = parseIds(
      read('workflow-id'),
      'workflow-id',
      'the id of the Sim workflow to roll back (several: separated by commas or newlines)',
    );
    const versions = parseVersions(read('version'), ids);
    const { done, failure } = await eachWorkflow(ids, 'rollback', async (id, i) => {
      const version = versions[i];
      const change = await client.rollbackWorkflow(id, version === undefined ? {} : { version });
      core.info(
        `Rolled back ${id}: version ${change.version} is live${change.previousVersion !== null ? ` (was ${change.previousVersion})` : ''}.`,
      );
      return change;
    });
    const rows = ids.map((id) => {
      const c = done.get(id);
      if (!c) return `| ${codeSpan(id)} | – | – | not rolled back |`;
      return `| ${codeSpan(id)} | ${c.version} | ${c.previousVersion ?? '–'} | ✅ live |`;
    });
    const summary = [
      '## Sim rollback',
      '',
      '| Workflow | Live version | Was | |',
      '| --- | --- | --- | --- |',
      ...rows,
      '',
      ...(failure ? ['### Error', '', codeBlock(failure, 'text'), ''] : []),
    ].join('\n');
    return {
      outputs: { version: listOutput(ids, (id) => String(done.get(id)?.version ?? '')) },
      summary,
      ...(failure ? { failure } : {}),
    };
  },
};
