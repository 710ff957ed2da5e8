import type { INodeProperties } from 'n8n-workflow';

import type { OperationHandler } from '../../types';
import { workflowLocator } from '../common';
import * as cancelOperation from './cancel.operation';
import * as getDetailsOperation from './getDetails.operation';
import * as getJobStatusOperation from './getJobStatus.operation';
import * as resumeOperation from './resume.operation';
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
				action: 'Get the status of a job',
				description: 'Read the current status of an async job once',
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
				action: 'Wait for a job',
				description: 'Poll an async job until it has finished (or paused for a person) and return its output',
			},
		],
		default: 'getJobStatus',
	},
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
		description: 'The job ID from an async execution',
		displayOptions: { show: { resource: ['execution'], operation: ['getJobStatus', 'waitForJob'] } },
	},
	workflowLocator({ resource: ['execution'], operation: ['cancel', 'resume'] }),
	{
		displayName: 'Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		required: true,
		description: 'The execution ID (returned by Execute, and shown in Sim\'s logs)',
		displayOptions: { show: { resource: ['execution'], operation: ['cancel', 'getDetails', 'resume'] } },
	},
	...getJobStatusOperation.description,
	...waitForJobOperation.description,
	...cancelOperation.description,
	...getDetailsOperation.description,
	...resumeOperation.description,
];
