// Hidden trigger behind the workflow dropdowns: the workspace's deployed workflows, one Sim page per
// Zapier page. Zapier asks for page 0, 1, 2… (canPaginate); Sim pages with `nextCursor`, which we keep
// between calls in Zapier's cursor store (z.cursor).
import { defineTrigger } from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { createClient, workspaceIdOf } from '../client.js';
import { withZapierErrors } from '../errors.js';

/** Page size when Zapier gives no limit (Sim accepts 1..1000). */
export const WORKFLOW_PAGE_SIZE = 100;

export const workflowSample = {
  id: 'wf-echo',
  name: 'Echo',
  description: 'Echoes its input',
  folderId: null,
  workspaceId: 'ws-123',
  isDeployed: true,
  deployedAt: '2026-11-28T18:43:33.557Z',
  runCount: 6,
  lastRunAt: '2026-11-28T18:44:53.928Z',
  createdAt: '2026-11-28T18:43:29.348Z',
  updatedAt: '2026-11-28T18:43:33.032Z',
};

export const workflowOutputFields = [
  { key: 'id', label: 'Workflow ID', type: 'string' as const },
  { key: 'name', label: 'Name', type: 'string' as const },
  { key: 'description', label: 'Description', type: 'string' as const },
  { key: 'folderId', label: 'Folder ID', type: 'string' as const },
  { key: 'workspaceId', label: 'Workspace ID', type: 'string' as const },
  { key: 'isDeployed', label: 'Deployed', type: 'boolean' as const },
  { key: 'deployedAt', label: 'Deployed At', type: 'datetime' as const },
  { key: 'runCount', label: 'Run Count', type: 'integer' as const },
  { key: 'lastRunAt', label: 'Last Run At', type: 'datetime' as const },
];

export async function listWorkflowsPage(z: ZObject, bundle: Bundle): Promise<Array<Record<string, unknown>>> {
  return withZapierErrors(z, bundle, async () => {
    const page = Number(bundle.meta?.page ?? 0) || 0;
    let cursor: string | undefined;
    if (page > 0) {
      cursor = (await z.cursor.get()) || undefined;
      // No cursor stored for a later page: the previous page was the last one.
      if (!cursor) return [];
    }
    const limit = bundle.meta?.limit && bundle.meta.limit > 0 ? Math.min(bundle.meta.limit, 1000) : WORKFLOW_PAGE_SIZE;
    const client = createClient(z, bundle);
    const res = await client.listWorkflows({
      workspaceId: workspaceIdOf(z, bundle),
      deployedOnly: true,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    // An empty string tells Zapier's cursor store there is nothing more.
    await z.cursor.set(res.nextCursor ? String(res.nextCursor) : '');
    return res.data.map((wf) => ({ ...wf, id: String(wf.id) }));
  });
}

export const workflowList = defineTrigger({
  key: 'workflow_list',
  noun: 'Workflow',
  display: {
    label: 'List Deployed Workflows',
    description: 'Lists the deployed workflows of the workspace (powers the workflow dropdowns).',
    hidden: true,
  },
  operation: {
    type: 'polling',
    canPaginate: true,
    perform: listWorkflowsPage as never,
    sample: workflowSample,
    outputFields: workflowOutputFields,
  },
});
