import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
	const executionId = (this.getNodeParameter('executionId', itemIndex) as string).trim();
	return (await client.cancelExecution(workflowId, executionId, { signal })) as IDataObject;
}
