import type { RunResult } from '@sim-integrations/core';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWorkflowInput } from '../../helpers/input';
import type { SimRun } from '../../types';

const show = { resource: ['execution'], operation: ['resume'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Context ID',
		name: 'contextId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.paused.contextId }}',
		description:
			'The pause point to resume: `paused.contextId` of the item an Execute or Wait for Job returned with status "paused"',
		displayOptions: { show },
	},
	{
		displayName: 'Input Mode',
		name: 'resumeInputMode',
		type: 'options',
		default: 'json',
		displayOptions: { show },
		options: [
			{ name: 'JSON', value: 'json', description: 'Write what the person submits as a JSON object' },
			{ name: 'Map Each Field', value: 'fields', description: 'Add each submitted field by name' },
		],
	},
	{
		displayName: 'Input',
		name: 'resumeInput',
		type: 'json',
		default: '{}',
		description: 'What the person submits: the Human block\'s input fields, e.g. {"approved": true}',
		displayOptions: { show: { ...show, resumeInputMode: ['json'] } },
	},
	{
		displayName: 'Fields',
		name: 'resumeFields',
		type: 'fixedCollection',
		placeholder: 'Add Field',
		default: {},
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, resumeInputMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						description: 'An input field of the Human block',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Its value (text; use JSON input mode for other types)',
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'resumeOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 600,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for the resumed run before giving up',
			},
			{
				displayName: 'Wait for Completion',
				name: 'waitForCompletion',
				type: 'boolean',
				default: true,
				description:
					'Whether to wait for the resumed run and return its result (it may pause again). When off, the node returns as soon as Sim accepted the resume.',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
	const executionId = (this.getNodeParameter('executionId', itemIndex) as string).trim();
	const contextId = (this.getNodeParameter('contextId', itemIndex) as string).trim();
	if (!contextId) {
		throw new NodeOperationError(this.getNode(), 'Context ID is empty', {
			itemIndex,
			description: 'Use the paused.contextId of the item that reported status "paused".',
		});
	}
	const inputMode = this.getNodeParameter('resumeInputMode', itemIndex, 'json') as string;
	let input: Record<string, unknown>;
	if (inputMode === 'fields') {
		const fields = this.getNodeParameter('resumeFields', itemIndex, {}) as {
			field?: Array<{ name?: string; value?: unknown }>;
		};
		input = {};
		for (const f of fields.field ?? []) if (f.name) input[f.name] = f.value;
	} else {
		input = readWorkflowInput.call(this, 'json', this.getNodeParameter('resumeInput', itemIndex, '{}'), itemIndex);
	}
	const options = this.getNodeParameter('resumeOptions', itemIndex, {}) as {
		timeout?: number;
		waitForCompletion?: boolean;
	};
	const timeoutSeconds = Number(options.timeout ?? 600);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
		throw new NodeOperationError(this.getNode(), 'Timeout must be a positive number of seconds', { itemIndex });
	}
	const common = { contextId, input, timeoutMs: Math.round(timeoutSeconds * 1000), ...(signal ? { signal } : {}) };
	if (options.waitForCompletion === false) {
		return (await client.resumeRun(workflowId, executionId, { ...common, wait: false })) as unknown as IDataObject;
	}
	const result: RunResult = await client.resumeRun(workflowId, executionId, common);
	if (result.status === 'failed' || result.status === 'cancelled') {
		const error = new NodeOperationError(
			this.getNode(),
			`The resumed run of Sim workflow ${workflowId} ${result.status === 'failed' ? 'failed' : 'was cancelled'}${result.error ? `: ${result.error}` : ''}`,
			{
				itemIndex,
				description: `Execution ID ${result.executionId}. Open the run in Sim's logs for the block-by-block trace.`,
			},
		);
		error.context.executionId = result.executionId;
		error.context.runStatus = result.status;
		throw error;
	}
	return { ...result } as unknown as IDataObject;
}
