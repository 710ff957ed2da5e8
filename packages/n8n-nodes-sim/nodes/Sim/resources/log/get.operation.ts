import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Log ID',
		name: 'logId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the log entry, as Get Many returns it',
		displayOptions: { show: { resource: ['log'], operation: ['get'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const logId = (this.getNodeParameter('logId', itemIndex) as string).trim();
	const response = await client.getLogDetails(logId, { signal });
	return response.data as IDataObject;
}
