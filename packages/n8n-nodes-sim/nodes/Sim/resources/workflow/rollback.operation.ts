import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';
import { deploymentItem } from './deployment';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'rollbackOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['workflow'], operation: ['rollback'] } },
		options: [
			{
				displayName: 'Version',
				name: 'version',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 1,
				description: 'The version to make live again. Without it: the version before the live one.',
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
	const options = this.getNodeParameter('rollbackOptions', itemIndex, {}) as { version?: number };
	const change = await client.rollbackWorkflow(workflowId, {
		...(options.version !== undefined ? { version: options.version } : {}),
		signal,
	});
	return deploymentItem(change);
}
