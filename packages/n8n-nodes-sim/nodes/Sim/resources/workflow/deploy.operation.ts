import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';
import { deploymentItem } from './deployment';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'deployOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['workflow'], operation: ['deploy'] } },
		options: [
			{
				displayName: 'Version Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. release 1.4',
				description: 'Name of the new version (at most 100 characters)',
			},
			{
				displayName: 'Version Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Release note of the new version',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
	const options = this.getNodeParameter('deployOptions', itemIndex, {}) as { name?: string; description?: string };
	const change = await client.deployWorkflow(workflowId, {
		...(options.name ? { name: options.name } : {}),
		...(options.description ? { description: options.description } : {}),
		signal,
	});
	return deploymentItem(change);
}
