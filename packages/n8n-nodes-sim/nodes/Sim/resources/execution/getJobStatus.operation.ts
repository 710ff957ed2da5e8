import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SimRun } from '../../types';
import { runTarget } from './runLookup';

export const description: INodeProperties[] = [];

/**
 * One look at a run: its status now (`queued` … `running` … `paused` … `completed`/`failed`/`cancelled`), `done`, and
 * its output once it has ended (or the pausing block's output, with `paused.contextId`, when it waits for a person).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject> {
	const target = runTarget.call(this, itemIndex);
	const options = signal ? { signal } : {};
	const run =
		target.by === 'executionId'
			? await client.getRun(target.workflowId, target.executionId, options)
			: await client.getRunByJobId(target.jobId, options);
	return { ...run } as unknown as IDataObject;
}
