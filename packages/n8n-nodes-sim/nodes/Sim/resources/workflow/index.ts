import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import { workflowLocator } from '../common';
import * as deployOperation from './deploy.operation';
import * as executeOperation from './execute.operation';
import * as exportOperation from './export.operation';
import * as getOperation from './get.operation';
import * as getManyOperation from './getMany.operation';
import * as rollbackOperation from './rollback.operation';

export const operations: Record<string, OperationHandler> = {
	deploy: deployOperation.execute,
	execute: executeOperation.execute,
	export: exportOperation.execute,
	get: getOperation.execute,
	getMany: getManyOperation.execute,
	rollback: rollbackOperation.execute,
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
				name: 'Deploy',
				value: 'deploy',
				action: 'Deploy a workflow',
				description: "Deploy the workflow's current state in Sim as a new version, and make it live",
			},
			{
				name: 'Execute',
				value: 'execute',
				action: 'Execute a workflow',
				description: 'Run a deployed Sim workflow: sync, async (with or without waiting) or streamed',
			},
			{
				name: 'Export',
				value: 'export',
				action: 'Export a workflow',
				description: 'Get the workflow as a portable export (blocks, connections, variables; Sim leaves secrets out)',
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
			{
				name: 'Roll Back',
				value: 'rollback',
				action: 'Roll back a workflow',
				description: 'Make an earlier version of the workflow live again',
			},
		],
		default: 'execute',
	},
	workflowLocator({ resource: ['workflow'], operation: ['execute', 'get', 'deploy', 'rollback', 'export'] }),
	...executeOperation.description,
	...getOperation.description,
	...getManyOperation.description,
	...deployOperation.description,
	...rollbackOperation.description,
	...exportOperation.description,
];
