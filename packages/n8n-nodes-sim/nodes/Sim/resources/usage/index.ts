import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import * as getLimitsOperation from './getLimits.operation';

export const operations: Record<string, OperationHandler> = {
	getLimits: getLimitsOperation.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['usage'] } },
		options: [
			{
				name: 'Get Limits',
				value: 'getLimits',
				action: 'Get usage limits',
				description: "Get the rate limits, usage and storage of the API key's account",
			},
		],
		default: 'getLimits',
	},
	...getLimitsOperation.description,
];
