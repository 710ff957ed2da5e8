import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SimCredentials } from '../types';

/** Reads Return All / Limit for an item. `pageSize` is what to ask the server for per page. */
export function readLimit(
	this: IExecuteFunctions,
	itemIndex: number,
	maxPageSize: number,
): { limit: number | undefined; pageSize: number } {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { limit: undefined, pageSize: maxPageSize };
	const limit = Math.max(1, Math.floor(Number(this.getNodeParameter('limit', itemIndex, 50))));
	return { limit, pageSize: Math.min(limit, maxPageSize) };
}

/** Takes items from a paginated listing until `limit` (all of them when undefined). */
export async function collect<T>(items: AsyncIterable<T>, limit: number | undefined): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	if (limit !== undefined && limit <= 0) return out;
	for await (const item of items) {
		out.push(item as unknown as IDataObject);
		if (limit !== undefined && out.length >= limit) break;
	}
	return out;
}

/** The workspace of a list operation: the node's filter, else the credential's default. */
export function workspaceIdFor(
	this: IExecuteFunctions,
	itemIndex: number,
	filterValue: unknown,
	credentials: SimCredentials,
): string {
	const fromFilter = typeof filterValue === 'string' ? filterValue.trim() : '';
	const workspaceId = fromFilter || credentials.workspaceId;
	if (!workspaceId) {
		throw new NodeOperationError(this.getNode(), 'No Sim workspace ID set', {
			itemIndex,
			description:
				'Set the Workspace ID in the Sim credential, or in this node under Filters → Workspace ID. It is the ID after /workspace/ in the Sim editor URL.',
		});
	}
	return workspaceId;
}

/** Drops empty values of a filters collection (n8n keeps '' and [] for cleared fields). */
export function compact(filters: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(filters)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value) && value.length === 0) continue;
		out[key] = value;
	}
	return out;
}
