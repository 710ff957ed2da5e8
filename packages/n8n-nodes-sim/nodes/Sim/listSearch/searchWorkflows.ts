import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createSimClient, getSimCredentials } from '../transport/client';

/** At most this many workflows are scanned when the user types a search filter. */
const SEARCH_SCAN_LIMIT = 1000;

/**
 * The workflow picker: the workflows of the credential's workspace, page by page (the server's
 * cursor is n8n's pagination token), filtered by name or ID when the user types.
 */
export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const credentials = await getSimCredentials(this);
	if (!credentials.workspaceId) {
		throw new NodeOperationError(this.getNode(), 'Set a Workspace ID in the Sim credential to list workflows', {
			description: 'It is the ID after /workspace/ in the Sim editor URL. Or pick the workflow By URL or By ID.',
		});
	}
	const client = createSimClient(this, credentials);
	const baseUrl = credentials.baseUrl.replace(/\/+$/, '');
	const toItem = (workflow: { id: string; name?: string; isDeployed?: boolean }): INodeListSearchItems => ({
		name: `${workflow.name || workflow.id}${workflow.isDeployed === false ? ' (not deployed)' : ''}`,
		value: workflow.id,
		url: `${baseUrl}/workspace/${encodeURIComponent(credentials.workspaceId ?? '')}/w/${encodeURIComponent(workflow.id)}`,
	});
	const hasId = <T extends { id?: string }>(workflow: T): workflow is T & { id: string } =>
		typeof workflow.id === 'string' && workflow.id !== '';

	const needle = filter?.trim().toLowerCase();
	if (needle) {
		const results: INodeListSearchItems[] = [];
		let scanned = 0;
		for await (const workflow of client.iterateWorkflows({ workspaceId: credentials.workspaceId, limit: 100 })) {
			if (++scanned > SEARCH_SCAN_LIMIT) break;
			if (!hasId(workflow)) continue;
			const name = (workflow.name ?? '').toLowerCase();
			if (name.includes(needle) || workflow.id.toLowerCase() === needle) results.push(toItem(workflow));
		}
		return { results };
	}

	const page = await client.listWorkflows({
		workspaceId: credentials.workspaceId,
		limit: 100,
		...(paginationToken ? { cursor: paginationToken } : {}),
	});
	return {
		results: (page.data ?? []).filter(hasId).map(toItem),
		...(page.nextCursor ? { paginationToken: page.nextCursor } : {}),
	};
}
