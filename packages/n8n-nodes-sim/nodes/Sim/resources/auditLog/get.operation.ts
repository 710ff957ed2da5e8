import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';

export const description: INodeProperties[] = [
	{
		displayName: 'Audit Log ID',
		name: 'auditLogId',
		type: 'string',
		default: '',
		required: true,
		description: 'The ID of the audit log entry',
		displayOptions: { show: { resource: ['auditLog'], operation: ['get'] } },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const auditLogId = (this.getNodeParameter('auditLogId', itemIndex) as string).trim();
	const response = await client.getAuditLogDetails(auditLogId, { signal });
	return response.data as IDataObject;
}
