import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [];

/** The workflow's export as Sim sends it (`version`, `exportedAt`, `workflow`, `state`): what an import takes. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
	return (await client.exportWorkflow(workflowId, { signal })) as IDataObject;
}
