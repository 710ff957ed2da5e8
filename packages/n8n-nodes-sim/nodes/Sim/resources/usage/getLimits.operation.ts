import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [];

export async function execute(
	this: IExecuteFunctions,
	_itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	return (await client.getUsageLimits({ signal })) as IDataObject;
}
