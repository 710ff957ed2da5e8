// Search "Find Workflow" (find_workflow): a workflow of the workspace by ID, or by exact name.
import { SimNotFoundError, normalizeInputFields } from '@sim-integrations/core';
import { defineSearch } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient, workspaceIdOf } from '../client.js';
import { withZapierErrors } from '../errors.js';
import { InputValueError, isUnresolvedTemplate } from '../inputs.js';
import { workflowOutputFields, workflowSample } from '../triggers/workflowList.js';

function text(bundle: Bundle, key: string): string {
  const value = String(bundle.inputData[key] ?? '').trim();
  return isUnresolvedTemplate(value) ? '' : value;
}

export async function findWorkflow(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  return withZapierErrors(z, bundle, async () => {
    const id = text(bundle, 'workflowId');
    const name = text(bundle, 'name');
    if (!id && !name) throw new InputValueError('workflowId', 'Enter a workflow ID or a workflow name to search for.');
    const client = createClient(z, bundle);
    if (id) {
      try {
        const res = await client.getWorkflow(id);
        // `inputFields`: the workflow's inputs as [{ name, type, kind }], whichever shape the server sent.
        return [{ ...res.data, id: String(res.data.id ?? id), inputFields: normalizeInputFields(res.data) }];
      } catch (err) {
        if (err instanceof SimNotFoundError) return [];
        throw err;
      }
    }
    const matches: Array<Record<string, unknown>> = [];
    for await (const wf of client.iterateWorkflows({ workspaceId: workspaceIdOf(z, bundle) })) {
      if ((wf as { name?: string }).name === name) matches.push({ ...wf, id: String(wf.id) });
    }
    return matches;
  });
}

export const findWorkflowSearch = defineSearch({
  key: 'find_workflow',
  noun: 'Workflow',
  display: {
    label: 'Find Workflow',
    description: 'Finds a workflow of the workspace by its ID or its exact name.',
  },
  operation: {
    inputFields: [
      {
        key: 'workflowId',
        label: 'Workflow ID',
        required: false,
        type: 'string',
        helpText: 'Look the workflow up by ID (takes precedence over the name).',
      },
      {
        key: 'name',
        label: 'Workflow Name',
        required: false,
        type: 'string',
        helpText: 'Or look it up by its exact name (case-sensitive).',
      },
    ],
    perform: findWorkflow as never,
    sample: workflowSample,
    outputFields: workflowOutputFields,
  },
});
