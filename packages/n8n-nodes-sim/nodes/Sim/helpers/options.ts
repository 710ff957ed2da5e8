import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The `options` collection of run operations, as n8n hands it over. */
export interface RunOptionsParameter {
	timeout?: number;
	selectedOutputs?: string | string[];
	cancelOnTimeout?: boolean;
}

/** The same options in the core's terms. */
export interface RunOptions {
	timeoutMs?: number;
	selectedOutputs?: string[];
	cancelOnTimeout?: boolean;
}

export function runOptions(this: IExecuteFunctions, options: RunOptionsParameter, itemIndex: number): RunOptions {
	const out: RunOptions = {};
	if (options.timeout !== undefined && options.timeout !== null) {
		const seconds = Number(options.timeout);
		if (!Number.isFinite(seconds) || seconds <= 0) {
			throw new NodeOperationError(this.getNode(), 'Timeout must be a positive number of seconds', {
				itemIndex,
			});
		}
		out.timeoutMs = Math.round(seconds * 1000);
	}
	const selected = Array.isArray(options.selectedOutputs)
		? options.selectedOutputs
		: String(options.selectedOutputs ?? '').split(',');
	const selectedOutputs = selected.map((s) => String(s).trim()).filter((s) => s !== '');
	if (selectedOutputs.length) out.selectedOutputs = selectedOutputs;
	if (typeof options.cancelOnTimeout === 'boolean') out.cancelOnTimeout = options.cancelOnTimeout;
	return out;
}
