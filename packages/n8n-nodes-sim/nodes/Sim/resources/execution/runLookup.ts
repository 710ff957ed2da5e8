import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { workflowLocator } from '../common';

// How Get Job Status and Wait for Job name the run they follow: by its execution ID within its workflow (what every
// Sim server knows a run by, v1 and v2 alike) or by the job ID of an async run (v1 servers; what workflows saved with
// version 1 of the node pass). Version 1 of the node defaults to the job ID, so saved workflows keep working; from
// version 1.1 new nodes default to the execution ID.

const show = { resource: ['execution'], operation: ['getJobStatus', 'waitForJob'] };

const lookUpByOptions = [
	{
		name: 'Execution ID',
		value: 'executionId',
		description: 'The execution ID of the run and its workflow: works on every Sim server',
	},
	{
		name: 'Job ID',
		value: 'jobId',
		description: 'The job ID an async run returned (Sim servers with jobs; a server with the v2 API on has none)',
	},
];

const lookUpByDescription =
	'Which ID names the run: its execution ID (any Sim server) or the job ID of an async run (v1 servers)';

export const description: INodeProperties[] = [
	{
		displayName: 'Find Run By',
		name: 'lookUpBy',
		type: 'options',
		default: 'jobId',
		options: lookUpByOptions,
		description: lookUpByDescription,
		displayOptions: { show: { ...show, '@version': [1] } },
	},
	{
		displayName: 'Find Run By',
		name: 'lookUpBy',
		type: 'options',
		default: 'executionId',
		options: lookUpByOptions,
		description: lookUpByDescription,
		displayOptions: { show: { ...show, '@version': [1.1] } },
	},
	{
		displayName: 'Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.executionId }}',
		description: 'The execution ID of the run (Execute returns it in every mode, on every Sim server)',
		displayOptions: { show: { ...show, lookUpBy: ['executionId'] } },
	},
	workflowLocator({ ...show, lookUpBy: ['executionId'] }),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. workflow-execution:8b3c9708-775f-4e1a-8975-616cf105156b',
		description: 'The job ID from an async execution (Sim servers with jobs; a server with the v2 API on has none)',
		displayOptions: { show: { ...show, lookUpBy: ['jobId'] } },
	},
];

/** The run an operation follows. */
export type RunTarget = { by: 'executionId'; workflowId: string; executionId: string } | { by: 'jobId'; jobId: string };

export function runTarget(this: IExecuteFunctions, itemIndex: number): RunTarget {
	const by = this.getNodeParameter('lookUpBy', itemIndex, 'jobId') as string;
	if (by === 'executionId') {
		const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
		const executionId = String(this.getNodeParameter('executionId', itemIndex, '')).trim();
		if (!executionId) {
			throw new NodeOperationError(this.getNode(), 'Execution ID is empty', {
				itemIndex,
				description: 'Use the executionId of the item Execute returned (e.g. {{ $json.executionId }}).',
			});
		}
		if (!workflowId) {
			throw new NodeOperationError(this.getNode(), 'Workflow is empty', {
				itemIndex,
				description: 'Choose the workflow the run belongs to: Sim finds a run within its workflow.',
			});
		}
		return { by, workflowId, executionId };
	}
	const jobId = String(this.getNodeParameter('jobId', itemIndex, '')).trim();
	if (!jobId) {
		throw new NodeOperationError(this.getNode(), 'Job ID is empty', {
			itemIndex,
			description:
				'Use the jobId of an async Execute, or find the run by its execution ID (Find Run By), which every Sim server knows.',
		});
	}
	return { by: 'jobId', jobId };
}
