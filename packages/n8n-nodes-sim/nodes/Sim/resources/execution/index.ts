import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import { workflowLocator } from '../common';
import * as cancelOperation from './cancel.operation';
import * as getDetailsOperation from './getDetails.operation';
import * as getJobStatusOperation from './getJobStatus.operation';
import * as resumeOperation from './resume.operation';
import * as runLookup from './runLookup';
import * as waitForJobOperation from './waitForJob.operation';

export const operations: Record<string, OperationHandler> = {
	getJobStatus: getJobStatusOperation.execute,
	waitForJob: waitForJobOperation.execute,
	cancel: cancelOperation.execute,
	getDetails: getDetailsOperation.execute,
	resume: resumeOperation.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['execution'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an execution',
				description: 'Stop a running execution of a workflow',
			},
			{
				name: 'Get Details',
				value: 'getDetails',
				action: 'Get execution details',
				description: 'Get the workflow state and cost of a finished execution',
			},
			{
				name: 'Get Job Status',
				value: 'getJobStatus',
				action: 'Get the status of a run',
				description: 'Read the current status of a run once, by its execution ID (any Sim server) or its job ID',
			},
			{
				name: 'Resume',
				value: 'resume',
				action: 'Resume a paused execution',
				description: 'Answer a run that waits for a person (Human in the loop) and continue it',
			},
			{
				name: 'Wait for Job',
				value: 'waitForJob',
				action: 'Wait for a run',
				description:
					'Wait until a run, by its execution ID (any Sim server) or its job ID, has finished (or paused for a person) and return its output',
			},
		],
		default: 'getJobStatus',
	},
	...runLookup.description,
	workflowLocator({ resource: ['execution'], operation: ['cancel', 'resume'] }),
	{
		displayName: 'Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		required: true,
		description: "The execution ID (returned by Execute, and shown in Sim's logs)",
		displayOptions: { show: { resource: ['execution'], operation: ['cancel', 'getDetails', 'resume'] } },
	},
	...getJobStatusOperation.description,
	...waitForJobOperation.description,
	...cancelOperation.description,
	...getDetailsOperation.description,
	...resumeOperation.description,
];
