import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import { workflowLocator } from '../common';
import * as executeOperation from './execute.operation';
import * as getOperation from './get.operation';
import * as getManyOperation from './getMany.operation';

export const operations: Record<string, OperationHandler> = {
	execute: executeOperation.execute,
	get: getOperation.execute,
	getMany: getManyOperation.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Execute',
				value: 'execute',
				action: 'Execute a workflow',
				description: 'Run a deployed Sim workflow: sync, async (with or without waiting) or streamed',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a workflow',
				description: 'Get a workflow, with its input fields',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many workflows',
				description: 'List the workflows of a workspace',
			},
		],
		default: 'execute',
	},
	workflowLocator({ resource: ['workflow'], operation: ['execute', 'get'] }),
	...executeOperation.description,
	...getOperation.description,
	...getManyOperation.description,
];
