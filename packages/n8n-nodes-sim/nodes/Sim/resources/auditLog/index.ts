import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import * as getOperation from './get.operation';
import * as getManyOperation from './getMany.operation';

export const operations: Record<string, OperationHandler> = {
	get: getOperation.execute,
	getMany: getManyOperation.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['auditLog'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an audit log entry',
				description: 'Get one audit log entry (Enterprise plan, admin or owner key)',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many audit log entries',
				description: "List the organization's audit log (Enterprise plan, admin or owner key)",
			},
		],
		default: 'getMany',
	},
	...getOperation.description,
	...getManyOperation.description,
];
