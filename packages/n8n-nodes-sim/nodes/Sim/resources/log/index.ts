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
		displayOptions: { show: { resource: ['log'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a log entry',
				description: 'Get one execution log entry with its execution data',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many log entries',
				description: 'List execution logs of a workspace, with filters',
			},
		],
		default: 'getMany',
	},
	...getOperation.description,
	...getManyOperation.description,
];
