import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collect, compact, readLimit, workspaceIdFor } from '../../helpers/list';
import type { SimRun } from '../../types';
import { returnAllAndLimit, workspaceIdFilter } from '../common';

export const description: INodeProperties[] = [
	...returnAllAndLimit('workflow', 'getMany', 100),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['workflow'], operation: ['getMany'] } },
		options: [
			{
				displayName: 'Deployed Only',
				name: 'deployedOnly',
				type: 'boolean',
				default: false,
				description: 'Whether to return only deployed workflows (the ones that can be executed through the API)',
			},
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				default: '',
				description: 'Return only the workflows of this folder',
			},
			workspaceIdFilter,
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, credentials, signal }: SimRun,
): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const workspaceId = workspaceIdFor.call(this, itemIndex, filters.workspaceId, credentials);
	const { limit, pageSize } = readLimit.call(this, itemIndex, 100);
	const params = {
		workspaceId,
		limit: pageSize,
		...(typeof filters.folderId === 'string' ? { folderId: filters.folderId } : {}),
		...(filters.deployedOnly === true ? { deployedOnly: true } : {}),
	};
	return await collect(client.iterateWorkflows({ ...params, signal }), limit);
}
