import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const jobId = (this.getNodeParameter('jobId', itemIndex) as string).trim();
	return (await client.getJobStatus(jobId, { signal })) as IDataObject;
}
