import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SimRun } from '../../types';
import { runTarget } from './runLookup';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['execution'], operation: ['waitForJob'] } },
		options: [
			{
				displayName: 'Keep Waiting While Paused for a Person',
				name: 'waitThroughHumanPause',
				type: 'boolean',
				default: false,
				description:
					'Whether to keep waiting while the run waits for a person (Human in the loop), until the timeout. Off: the node returns the run with status "paused" and its paused.contextId at once. A run paused until a time is always waited for.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 600,
				typeOptions: { minValue: 1 },
				description: 'How long to wait for the run before giving up (the run itself goes on in Sim)',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const target = runTarget.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		timeout?: number;
		waitThroughHumanPause?: boolean;
	};
	const timeoutSeconds = Number(options.timeout ?? 600);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
		throw new NodeOperationError(this.getNode(), 'Timeout must be a positive number of seconds', { itemIndex });
	}
	const wait = {
		timeoutMs: Math.round(timeoutSeconds * 1000),
		...(options.waitThroughHumanPause ? { waitThroughHumanPause: true } : {}),
		...(signal ? { signal } : {}),
	};
	const result =
		target.by === 'executionId'
			? await client.waitForRun(target.workflowId, target.executionId, wait)
			: await client.waitForJob(target.jobId, wait);
	return { ...result } as unknown as IDataObject;
}
