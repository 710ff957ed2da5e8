import type { RunResult } from '@sim-integrations/core';
import type { IDataObject, IExecuteFunctions, INodeProperties, ResourceMapperValue } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readWorkflowInput } from '../../helpers/input';
import { runOptions, type RunOptionsParameter } from '../../helpers/options';
import type { SimRun } from '../../types';

const show = { resource: ['workflow'], operation: ['execute'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Execution Mode',
		name: 'executionMode',
		type: 'options',
		default: 'sync',
		displayOptions: { show },
		options: [
			{
				name: 'Sync',
				value: 'sync',
				description: "Run the workflow and answer when it has finished (up to Sim's sync limit)",
			},
			{
				name: 'Async',
				value: 'async',
				description: 'Queue the run; wait for it here, or return its execution ID at once',
			},
			{
				name: 'Stream',
				value: 'stream',
				description: 'Stream the run and return the collected streamed text plus the final output',
			},
		],
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait for the run to finish and return its output. When off, the node returns the execution ID (and the job ID on Sim servers with jobs) at once: follow the run with Execution → Wait for Job, by its execution ID.',
		displayOptions: { show: { ...show, executionMode: ['async'] } },
	},
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		default: 'json',
		displayOptions: { show },
		options: [
			{ name: 'JSON', value: 'json', description: 'Write the whole input as a JSON object' },
			{
				name: 'Map Each Field',
				value: 'fields',
				description: "Fill in each of the workflow's input fields (from its Start block)",
			},
		],
	},
	{
		displayName: 'Input',
		name: 'input',
		type: 'json',
		default: '{}',
		description: "The workflow input: a JSON object whose keys are the input fields of the workflow's Start block",
		displayOptions: { show: { ...show, inputMode: ['json'] } },
	},
	{
		displayName: 'Input Fields',
		name: 'inputFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['workflowId.value'],
			resourceMapper: {
				resourceMapperMethod: 'getWorkflowInputs',
				mode: 'add',
				// n8n's resource mapper writes these where it would say "column(s)"/"field(s)"
				// ("Set the value for each workflow input", "Add All workflow inputs", "Values to Send" →
				// valuesLabel); both options exist in n8n-workflow 1.120 and 2.41 (test/package.test.ts)
				valuesLabel: 'Workflow Inputs',
				fieldWords: { singular: 'workflow input', plural: 'workflow inputs' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				noFieldsError:
					'This workflow has no input fields in its Start block: use JSON input mode or add fields in Sim.',
			},
		},
		displayOptions: { show: { ...show, inputMode: ['fields'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Cancel on Timeout',
				name: 'cancelOnTimeout',
				type: 'boolean',
				default: true,
				description: 'Whether to cancel the Sim execution when the timeout passes',
			},
			{
				displayName: 'Runs at Once',
				name: 'concurrency',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 50, numberPrecision: 0 },
				description:
					"How many items run in Sim at the same time (Sync and Async with Wait for Completion). Runs are paced to your key's Sim rate limits; output order stays the input order.",
			},
			{
				displayName: 'Selected Outputs',
				name: 'selectedOutputs',
				type: 'string',
				default: '',
				placeholder: 'agent1.content, function1.result',
				description:
					"Comma-separated block outputs to return instead of the whole output, written as Sim's editor shows them (agent1.content) or as block IDs (blockId.path). The output becomes an object keyed by what you wrote, in every mode. Needs a Sim server from May 2026 or later, except in Stream mode; not used by Async runs that do not wait.",
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 600,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for the run before giving up',
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
	const executionMode = this.getNodeParameter('executionMode', itemIndex, 'sync') as string;
	const inputMode = this.getNodeParameter('inputMode', itemIndex, 'json') as string;
	const rawInput =
		inputMode === 'fields'
			? (this.getNodeParameter('inputFields', itemIndex, null) as ResourceMapperValue | null)
			: this.getNodeParameter('input', itemIndex, '{}');
	const input = readWorkflowInput.call(this, inputMode, rawInput, itemIndex);
	const options = runOptions.call(
		this,
		this.getNodeParameter('options', itemIndex, {}) as RunOptionsParameter,
		itemIndex,
	);

	let result: RunResult | IDataObject;
	if (executionMode === 'async') {
		const waitForCompletion = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
		if (!waitForCompletion) {
			// Queued through the server's own protocol (v2 where it is on): the run's ids, nothing to select yet.
			const queued = await client.startWorkflow(workflowId, { input, ...(signal ? { signal } : {}) });
			return { ...queued } as unknown as IDataObject;
		}
		result = await client.runWorkflow(workflowId, { input, ...options, ...(signal ? { signal } : {}) });
	} else if (executionMode === 'stream') {
		const stream = client.streamWorkflow(workflowId, {
			input,
			...(options.selectedOutputs ? { selectedOutputs: options.selectedOutputs } : {}),
			...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
			...(signal ? { signal } : {}),
		});
		result = await client.collectStream(stream);
	} else if (executionMode === 'sync') {
		result = await client.runWorkflowSync(workflowId, { input, ...options, ...(signal ? { signal } : {}) });
	} else {
		throw new NodeOperationError(this.getNode(), `Unknown execution mode "${executionMode}"`, { itemIndex });
	}
	return finishedRun.call(this, workflowId, result as RunResult, itemIndex);
}

/**
 * A completed run becomes the output item, and so does a paused one (status "paused", with `paused.contextId` and
 * `executionId`: what Execution → Resume needs); a failed or cancelled one becomes the item's error.
 */
export function finishedRun(
	this: IExecuteFunctions,
	workflowId: string,
	result: RunResult,
	itemIndex: number,
): IDataObject {
	if (result.status === 'completed' || result.status === 'paused') return { ...result } as unknown as IDataObject;
	const what = result.status === 'cancelled' ? 'was cancelled' : 'failed';
	const error = new NodeOperationError(
		this.getNode(),
		`Sim workflow ${workflowId} ${what}${result.error ? `: ${result.error}` : ''}`,
		{
			itemIndex,
			description: `Execution ID ${result.executionId}. Open the run in Sim's logs for the block-by-block trace${result.status === 'failed' ? ', fix the failing block and run again' : ''}.`,
		},
	);
	error.context.executionId = result.executionId;
	error.context.runStatus = result.status;
	throw error;
}
