// Workflow → Execute with "Runs at Once" above 1: the items run through the core's `runMany` (bounded
// concurrency, paced to the key's Sim rate limits, 429s relaunched with a new execution id), and the output
// keeps the input order and each item's pairedItem. Without "Continue On Fail", the first failed run stops
// the batch: no new run starts, the runs in flight are cancelled, and that failure is thrown.
import type { RunManyEntry, RunManyRequest } from '@sim-integrations/core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, ResourceMapperValue } from 'n8n-workflow';

import { errorItemJson, toNodeError } from '../../helpers/errors';
import { readWorkflowInput } from '../../helpers/input';
import { runOptions, type RunOptionsParameter } from '../../helpers/options';
import type { SimRun } from '../../types';
import { finishedRun } from './execute.operation';

/** "Runs at Once" of this node run (read from the first item), or 1 when it does not apply. */
export function runsAtOnce(this: IExecuteFunctions, itemCount: number): number {
	if (itemCount < 2) return 1;
	try {
		if (this.getNodeParameter('resource', 0) !== 'workflow') return 1;
		if (this.getNodeParameter('operation', 0) !== 'execute') return 1;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const value = Number(options.concurrency ?? 1);
		return Number.isFinite(value) ? Math.max(1, Math.min(50, Math.floor(value))) : 1;
	} catch {
		return 1;
	}
}

interface Prepared {
	workflowId: string;
	request: RunManyRequest;
}

/**
 * Reads every item's run. Returns null when some item cannot run in a batch (Stream, or Async without
 * waiting): those keep the one-at-a-time path. A parameter error is thrown (or, with Continue On Fail,
 * becomes that item's error).
 */
function prepare(this: IExecuteFunctions, itemIndex: number): Prepared | null {
	if (this.getNodeParameter('resource', itemIndex) !== 'workflow') return null;
	if (this.getNodeParameter('operation', itemIndex) !== 'execute') return null;
	const workflowId = this.getNodeParameter('workflowId', itemIndex, '', { extractValue: true }) as string;
	const executionMode = this.getNodeParameter('executionMode', itemIndex, 'sync') as string;
	if (executionMode === 'async') {
		if (!(this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean)) return null;
	} else if (executionMode !== 'sync') return null;
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
	return { workflowId, request: { workflowId, input, mode: executionMode as 'sync' | 'async', ...options } };
}

/** Runs the node's items `concurrency` at a time; returns null when the items need the one-at-a-time path. */
export async function executeMany(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ client, signal }: SimRun,
	concurrency: number,
): Promise<INodeExecutionData[] | null> {
	const continueOnFail = this.continueOnFail();
	const prepared: Array<Prepared | { error: unknown }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const item = prepare.call(this, itemIndex);
			if (!item) return null;
			prepared.push(item);
		} catch (error) {
			if (!continueOnFail) throw toNodeError(this.getNode(), error, itemIndex);
			prepared.push({ error });
		}
	}

	const indexes: number[] = [];
	const requests: RunManyRequest[] = [];
	prepared.forEach((p, itemIndex) => {
		if ('request' in p) {
			indexes.push(itemIndex);
			requests.push(p.request);
		}
	});

	// Our own signal: n8n's stop, or the first failure when failures stop the node.
	const controller = new AbortController();
	const relay = () => controller.abort(signal?.reason);
	if (signal?.aborted) relay();
	signal?.addEventListener('abort', relay, { once: true });
	let firstFailure: number | undefined;
	let entries: RunManyEntry[];
	try {
		entries = await client.runMany(requests, {
			concurrency,
			signal: controller.signal,
			onResult: (i, entry) => {
				if (continueOnFail || firstFailure !== undefined || controller.signal.aborted) return;
				// a paused run is an item (status "paused", with what Resume needs), not a failure
				if (!entry.ok || entry.result.status === 'failed' || entry.result.status === 'cancelled') {
					firstFailure = i;
					controller.abort(new Error('An item failed'));
				}
			},
		});
	} finally {
		signal?.removeEventListener('abort', relay);
	}

	const byItem = new Map<number, RunManyEntry>();
	entries.forEach((entry, i) => byItem.set(indexes[i]!, entry));
	const itemOf = (entry: RunManyEntry, itemIndex: number): INodeExecutionData[] => {
		if (!entry.ok) throw entry.error;
		const json = finishedRun.call(this, (prepared[itemIndex] as Prepared).workflowId, entry.result, itemIndex);
		return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), {
			itemData: { item: itemIndex },
		});
	};

	if (firstFailure !== undefined) {
		const itemIndex = indexes[firstFailure]!;
		try {
			itemOf(entries[firstFailure]!, itemIndex);
		} catch (error) {
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const p = prepared[itemIndex]!;
			if ('error' in p) throw p.error;
			returnData.push(...itemOf(byItem.get(itemIndex)!, itemIndex));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!continueOnFail) throw nodeError;
			returnData.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
		}
	}
	return returnData;
}
