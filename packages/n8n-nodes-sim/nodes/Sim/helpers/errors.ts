import {
	SimAbortError,
	SimApiError,
	SimAuthCheckError,
	SimConnectionError,
	SimError,
	SimExecutionIdConflictError,
	SimStreamError,
	SimTimeoutError,
	SimValidationError,
	SimWorkflowNotDeployedError,
} from '@sim-integrations/core';
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export type SimNodeError = NodeApiError | NodeOperationError;

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the user can do next, per HTTP status of a Sim API error. */
function nextStep(error: SimApiError): string {
	if (error instanceof SimAuthCheckError)
		return 'This is a temporary problem on the Sim server (it could not check the key or its rate limit), not a wrong key: retry (Settings → Retry On Fail).';
	if (error instanceof SimExecutionIdConflictError)
		return 'No run was started. Run the node again (a new execution ID is used).';
	switch (error.status) {
		case 400:
			return 'Check the parameters of this node.';
		case 401:
			return 'Check the API key and the Base URL in the Sim credential.';
		case 403:
			return error instanceof SimWorkflowNotDeployedError
				? 'Deploy the workflow in Sim (Deploy → API) and run again.'
				: 'The API key may not do this: check its workspace, role and plan.';
		case 404:
			return 'Check the ID: the workflow, job, log or execution does not exist (or is not visible to this API key).';
		case 429:
			return 'Sim is rate limiting this API key: wait and retry (Settings → Retry On Fail), or lower the request rate.';
		default:
			return error.status >= 500
				? 'Sim (or a proxy in front of it) failed: try again later.'
				: 'See the Sim API answer below.';
	}
}

/**
 * Maps what the core throws to the n8n error shown on the node: Sim's own message and HTTP code for
 * API errors (instead of n8n's generic "request failed" wording), a clear message otherwise.
 */
export function toNodeError(node: INode, error: unknown, itemIndex: number): SimNodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof SimApiError) {
		const response: JsonObject = isRecord(error.body)
			? (error.body as JsonObject)
			: { error: error.error ?? (typeof error.body === 'string' ? error.body : null) };
		const serverMessage = error.error ?? (typeof error.body === 'string' ? error.body : undefined);
		const apiError = new NodeApiError(node, response, {
			message: `Sim API error ${error.status}: ${serverMessage ?? error.message}`,
			description: `${error.message} ${nextStep(error)}`.trim(),
			httpCode: String(error.status),
			itemIndex,
		});
		if (error.requestId) apiError.context.requestId = error.requestId;
		return apiError;
	}
	if (error instanceof SimAbortError) {
		return new NodeOperationError(node, 'The execution was stopped', {
			itemIndex,
			description: error.cancelled
				? `The Sim execution${error.executionId ? ` ${error.executionId}` : ''} was asked to cancel as well.`
				: error.message,
		});
	}
	if (error instanceof SimTimeoutError) {
		const operationError = new NodeOperationError(node, error.message, {
			itemIndex,
			description: [
				error.executionId ? `Execution ID: ${error.executionId}.` : '',
				error.jobId ? `Job ID: ${error.jobId}.` : '',
				error.lastStatus ? `Last status: ${error.lastStatus}.` : '',
				error.cancelled
					? 'The Sim execution was cancelled.'
					: 'Raise Options → Timeout, or use Async mode and Execution → Wait for Job.',
			]
				.filter(Boolean)
				.join(' '),
		});
		if (error.executionId) operationError.context.executionId = error.executionId;
		if (error.jobId) operationError.context.jobId = error.jobId;
		return operationError;
	}
	if (error instanceof SimStreamError) {
		const operationError = new NodeOperationError(node, error.message, {
			itemIndex,
			description: error.partialText
				? `Streamed text received before the failure (${error.chunkCount} chunks): ${error.partialText.slice(-500)}`
				: undefined,
		});
		if (error.executionId) operationError.context.executionId = error.executionId;
		return operationError;
	}
	if (error instanceof SimConnectionError) {
		// n8n replaces any message naming a Node error code (ECONNREFUSED…) with its own generic
		// wording, so the code and the core's full explanation go to the description.
		return new NodeOperationError(node, `Could not reach Sim: ${connectionProblem(error.code)}`, {
			itemIndex,
			description: `${error.message} Check the Base URL of the Sim credential and that n8n can reach it.`,
		});
	}
	if (error instanceof SimValidationError || error instanceof SimError) {
		return new NodeOperationError(node, error.message, { itemIndex });
	}
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}

function connectionProblem(code: string | undefined): string {
	switch (code) {
		case 'ECONNREFUSED':
			return 'the connection was refused (is the server running at the Base URL?)';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'the host name of the Base URL could not be resolved';
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET':
			return 'the connection was closed unexpectedly';
		case 'ETIMEDOUT':
		case 'UND_ERR_CONNECT_TIMEOUT':
			return 'the connection attempt timed out';
		default:
			return 'the request got no answer';
	}
}

/** The HTTP status of a mapped error, when it came from an HTTP answer. */
export function statusCodeOf(error: SimNodeError): number | null {
	const code = (error as NodeApiError).httpCode;
	const status = code ? Number(code) : NaN;
	return Number.isInteger(status) ? status : null;
}

/** The `{ error, statusCode }` item that replaces a failed item under "Continue On Fail". */
export function errorItemJson(error: SimNodeError): JsonObject {
	const json: JsonObject = { error: error.message, statusCode: statusCodeOf(error) };
	if (error.description) json.description = error.description;
	for (const key of ['executionId', 'jobId', 'runStatus'] as const) {
		const value = error.context[key];
		if (typeof value === 'string') json[key] = value;
	}
	return json;
}
