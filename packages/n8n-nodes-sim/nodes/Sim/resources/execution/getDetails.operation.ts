import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const executionId = (this.getNodeParameter('executionId', itemIndex) as string).trim();
	return (await client.getExecutionDetails(executionId, { signal })) as IDataObject;
}
