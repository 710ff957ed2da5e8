import type { Transport, TransportRequest, TransportResponse } from '@sim-integrations/core';
import type { IAllExecuteFunctions, IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

export const CREDENTIAL_NAME = 'simApi';

/** The n8n contexts whose helpers can send authenticated requests (execute, poll, load options). */
export type RequestContext = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials' | 'getNode'>;

/**
 * What `httpRequestWithAuthentication` runs on. n8n replaces a request's `abortSignal` with the
 * execution's cancel signal when its `this` has `getExecutionCancelSignal`. The core needs its own
 * signal to reach the request instead: it carries the per-request timeout, and the request that
 * cancels the Sim run after the user stopped the n8n execution must still go out. So the helper runs
 * on a context with only what it uses (credentials, helpers, node); the execution's cancel signal
 * reaches the core as the `signal` of the run and aborts the core's own signals.
 */
function requestContext(context: RequestContext): RequestContext {
	return {
		helpers: context.helpers,
		getCredentials: context.getCredentials.bind(context) as RequestContext['getCredentials'],
		getNode: context.getNode.bind(context),
	};
}

/**
 * The core's transport port built on n8n's own HTTP helper: every request goes through
 * `httpRequestWithAuthentication`, so n8n applies the `simApi` credential (the `X-API-Key` header),
 * its proxy settings and its request logging. HTTP error statuses come back as responses (the core
 * maps them to typed errors); only network failures throw.
 */
export function createN8nTransport(context: RequestContext): Transport {
	const helperContext = requestContext(context);
	return async (request: TransportRequest): Promise<TransportResponse> => {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: request.url,
			headers: withoutApiKey(request.headers),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: request.responseType === 'stream' ? 'stream' : 'text',
			json: false,
		};
		if (request.body !== undefined) options.body = request.body;
		if (request.signal) options.abortSignal = request.signal;

		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				helperContext as IAllExecuteFunctions,
				CREDENTIAL_NAME,
				options,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			throw networkError(error);
		}
		return {
			status: response.statusCode,
			headers: lowerCaseHeaders(response.headers),
			body: responseBody(response.body, request.responseType),
		};
	};
}

/**
 * The credential's `authenticate` sets `X-API-Key`; the core's own copy of the header is dropped so
 * the key is only ever added by n8n (and never sent twice).
 */
function withoutApiKey(headers: Record<string, string>): IDataObject {
	const out: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.toLowerCase() !== 'x-api-key') out[name] = value;
	}
	return out;
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (value === undefined || value === null) continue;
		out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return out;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<Uint8Array | string> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
	);
}

function responseBody(body: unknown, responseType: TransportRequest['responseType']): TransportResponse['body'] {
	if (responseType === 'stream' && isAsyncIterable(body)) return body;
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '';
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
	if (isAsyncIterable(body)) return body;
	// A helper that parsed JSON despite `json: false`: hand the core the text back.
	return JSON.stringify(body);
}

const ERROR_CODE = /^(E[A-Z0-9_]{2,}|UND_ERR_[A-Z_]+|ERR_[A-Z_]+)$/;

/**
 * n8n wraps request failures in a NodeApiError: the axios error's `code` ends up in `httpCode`
 * (e.g. ECONNREFUSED) and its text in `messages`, while the message itself becomes n8n's generic
 * wording. The core classifies network failures by their Node-style `code`, so it is surfaced again
 * on the thrown error, with the original text.
 */
function networkError(error: unknown): Error {
	const code = findCode(error);
	const messages = (error as { messages?: unknown })?.messages;
	const original = Array.isArray(messages) && typeof messages[0] === 'string' ? messages[0] : undefined;
	const message = original ?? (error instanceof Error ? error.message : String(error));
	const wrapped = new Error(message, { cause: error }) as Error & { code?: string };
	if (code) wrapped.code = code;
	return wrapped;
}

function findCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as { code?: unknown; httpCode?: unknown; cause?: unknown };
		for (const value of [candidate.code, candidate.httpCode]) {
			if (typeof value === 'string' && ERROR_CODE.test(value)) return value;
		}
		current = candidate.cause;
	}
	const messages = (error as { messages?: unknown })?.messages;
	if (Array.isArray(messages)) {
		for (const text of messages) {
			const match = typeof text === 'string' ? /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(text) : null;
			if (match) return match[1];
		}
	}
	return undefined;
}
