// A faithful stand-in for the n8n runtime the nodes run in (n8n-core 1.123 semantics, read from its
// source): node parameters with defaults filled in by n8n-workflow's own NodeHelpers, resource-locator
// `extractValue`, `helpers.httpRequestWithAuthentication` that applies the credential's generic
// `authenticate` like n8n's CredentialsHelper and then performs REAL HTTP with n8n's request semantics
// (`returnFullResponse`, `ignoreHttpStatusErrors`, `encoding: 'text' | 'stream'`, `json`, abort signal
// replaced by the execution's cancel signal when `this` has `getExecutionCancelSignal`, failures wrapped
// in NodeApiError), `constructExecutionMetaData` / `returnJsonArray` as in n8n-core.
import http from 'node:http';
import https from 'node:https';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	IPollFunctions,
	NodeParameterValueType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeApiError, NodeHelpers } from 'n8n-workflow';

import { SimApi } from '../credentials/SimApi.credentials';

export const credentialType = new SimApi();

export interface LoggedRequest {
	method: string;
	url: string;
	headers: Record<string, string>;
	body?: string;
	encoding?: string;
	hadAbortSignal: boolean;
}

/** An axios-like error: n8n's NodeApiError looks for `constructor.name === 'AxiosError'`. */
class AxiosError extends Error {
	code?: string;
	response?: { status: number; headers: IDataObject; data: unknown };
	constructor(message: string, code?: string) {
		super(message);
		this.name = 'AxiosError';
		if (code) this.code = code;
	}
}

function resolveCredentialExpression(value: string, credentials: ICredentialDataDecryptedObject): string {
	if (!value.startsWith('={{')) return value;
	const body = value.slice(3, value.lastIndexOf('}}'));
	// Test-only evaluation of the credential's own expressions (n8n runs them through its Expression engine).
	return String(new Function('$credentials', `return (${body});`)(credentials));
}

/** What n8n's CredentialsHelper.authenticate does for `type: 'generic'`. */
export function applyAuthenticate(
	options: IHttpRequestOptions,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestOptions {
	const authenticate = credentialType.authenticate;
	if (!options.headers) options.headers = {};
	for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
		const target = ((options as unknown as IDataObject)[outerKey] ??= {}) as IDataObject;
		for (const [key, value] of Object.entries(outerValue as IDataObject)) {
			target[resolveCredentialExpression(key, credentials)] = resolveCredentialExpression(String(value), credentials);
		}
	}
	return options;
}

function searchHeader(headers: IDataObject, name: string): string | undefined {
	return Object.keys(headers).find((key) => key.toLowerCase() === name);
}

/** n8n-core's `httpRequest` (convertN8nRequestToAxios + axios on Node's http), for the options the nodes use. */
export async function n8nHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const method = (options.method ?? 'GET').toUpperCase();
	const headers: IDataObject = { ...(options.headers ?? {}) };
	let data: string | undefined;
	const body = options.body as unknown;
	if (body !== undefined && body !== null && body !== '' && method !== 'GET') {
		if (typeof body === 'string') data = body;
		else if (typeof body === 'object' && Object.keys(body as object).length) {
			data = JSON.stringify(body);
			if (!searchHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
		}
	}
	if (options.json && !searchHeader(headers, 'accept')) headers.Accept = 'application/json';
	if (!searchHeader(headers, 'user-agent')) headers['User-Agent'] = 'n8n';
	let url = options.url;
	if (options.baseURL !== undefined && !/^https?:\/\//.test(url))
		url = options.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '');
	if (options.qs && Object.keys(options.qs).length) {
		const search = new URLSearchParams();
		for (const [k, v] of Object.entries(options.qs)) if (v !== undefined) search.append(k, String(v));
		url += (url.includes('?') ? '&' : '?') + search.toString();
	}
	const target = new URL(url);
	const signal = options.abortSignal as AbortSignal | undefined;
	const encoding = options.encoding;

	return await new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(new AxiosError('canceled', 'ERR_CANCELED'));
			return;
		}
		const lib = target.protocol === 'https:' ? https : http;
		const outHeaders: Record<string, string> = {};
		for (const [k, v] of Object.entries(headers)) if (v !== undefined && v !== null) outHeaders[k] = String(v);
		if (data !== undefined) outHeaders['Content-Length'] = String(Buffer.byteLength(data));
		const req = lib.request(target, { method, headers: outHeaders });
		const onAbort = () => {
			req.destroy();
			reject(new AxiosError('canceled', 'ERR_CANCELED'));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		req.on('error', (error: NodeJS.ErrnoException) => {
			signal?.removeEventListener('abort', onAbort);
			reject(new AxiosError(error.message, error.code));
		});
		req.on('response', (res) => {
			const finish = (payload: unknown) => {
				const status = res.statusCode ?? 0;
				const full = {
					body: payload,
					headers: res.headers as IDataObject,
					statusCode: status,
					statusMessage: res.statusMessage,
				};
				if (!options.ignoreHttpStatusErrors && (status < 200 || status >= 300)) {
					const error = new AxiosError(
						`Request failed with status code ${status}`,
						status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
					);
					error.response = { status, headers: res.headers as IDataObject, data: payload };
					reject(error);
					return;
				}
				resolve(options.returnFullResponse ? full : payload);
			};
			if (encoding === 'stream') {
				// axios hands over the IncomingMessage; an abort destroys the request and its socket.
				res.on('close', () => signal?.removeEventListener('abort', onAbort));
				finish(res);
				return;
			}
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', (error: NodeJS.ErrnoException) =>
				reject(new AxiosError(error.message, error.code ?? 'ECONNRESET')),
			);
			res.on('end', () => {
				signal?.removeEventListener('abort', onAbort);
				const buffer = Buffer.concat(chunks);
				if (encoding === 'arraybuffer') return finish(buffer);
				const text = buffer.toString('utf8');
				if (encoding === 'text') return finish(text);
				// axios default (responseType json / unset): parse JSON when it parses.
				try {
					finish(text ? JSON.parse(text) : text);
				} catch {
					finish(text);
				}
			});
		});
		if (data !== undefined) req.write(data);
		req.end();
	});
}

export interface HarnessOptions {
	/** The node's parameters as stored in a workflow (n8n fills in the defaults). */
	parameters: IDataObject;
	credentials: ICredentialDataDecryptedObject;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** The execution's cancel signal (n8n aborts it when the user stops the execution). */
	cancelSignal?: AbortSignal;
	/** Records every request the helper sends. */
	requests?: LoggedRequest[];
	/** The node's version as a saved workflow stores it (default: the version a new node gets). */
	typeVersion?: number;
}

function makeNode(nodeType: INodeType, parameters: IDataObject, version?: number): INode {
	const description = nodeType.description;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const typeVersion = version ?? description.defaultVersion ?? Math.max(...versions);
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		parameters as never,
		true,
		false,
		{ typeVersion },
		description,
	) as IDataObject | null;
	return {
		id: 'node-1',
		name: description.defaults.name ?? description.displayName,
		type: `CUSTOM.${description.name}`,
		typeVersion,
		position: [0, 0],
		parameters: (resolved ?? parameters) as INode['parameters'],
		credentials: { simApi: { id: 'cred-1', name: 'Sim account' } },
	};
}

function findProperty(properties: INodeProperties[], name: string): INodeProperties | undefined {
	return properties.find((p) => p.name === name);
}

function getPath(source: IDataObject, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[key];
	}
	return current;
}

function parameterGetter(nodeType: INodeType, node: INode) {
	return (name: string, fallback?: unknown, options?: { extractValue?: boolean }): NodeParameterValueType | object => {
		const value = getPath(node.parameters as IDataObject, name) ?? fallback;
		if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
		if (!options?.extractValue) return value as NodeParameterValueType;
		const property = findProperty(nodeType.description.properties, name.split('.')[0] ?? name);
		if (property?.type !== 'resourceLocator' || typeof value !== 'object' || value === null)
			return value as NodeParameterValueType;
		const rl = value as { mode: string; value: unknown };
		const mode = property.modes?.find((m) => m.name === rl.mode);
		if (!mode?.extractValue) return rl.value as NodeParameterValueType;
		const match = new RegExp(mode.extractValue.regex).exec(String(rl.value));
		if (!match) throw new Error(`ERROR: ${property.displayName}: the value "${String(rl.value)}" is not supported`);
		return match[1] as NodeParameterValueType;
	};
}

function helpers(node: INode, options: HarnessOptions) {
	return {
		async httpRequestWithAuthentication(
			this: {
				getCredentials: (t: string) => Promise<ICredentialDataDecryptedObject>;
				getExecutionCancelSignal?: () => AbortSignal | undefined;
			},
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		) {
			if (['GET', 'HEAD', 'OPTIONS'].includes(requestOptions.method ?? 'GET') && !requestOptions.body)
				delete requestOptions.body;
			// n8n-core: `if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal();`
			if ('getExecutionCancelSignal' in this) requestOptions.abortSignal = this.getExecutionCancelSignal?.();
			try {
				const credentials = await this.getCredentials(credentialsType);
				const authenticated = applyAuthenticate(requestOptions, credentials);
				options.requests?.push({
					method: authenticated.method ?? 'GET',
					url: authenticated.url,
					headers: Object.fromEntries(Object.entries(authenticated.headers ?? {}).map(([k, v]) => [k, String(v)])),
					...(typeof authenticated.body === 'string' ? { body: authenticated.body } : {}),
					...(authenticated.encoding ? { encoding: authenticated.encoding } : {}),
					hadAbortSignal: authenticated.abortSignal !== undefined,
				});
				return await n8nHttpRequest(authenticated);
			} catch (error) {
				throw new NodeApiError(node, error as never);
			}
		},
		returnJsonArray(jsonData: IDataObject | IDataObject[]): INodeExecutionData[] {
			const list = Array.isArray(jsonData) ? jsonData : [jsonData];
			return list.map((data) => (data?.json ? ({ ...data, json: data.json } as INodeExecutionData) : { json: data }));
		},
		constructExecutionMetaData(inputData: INodeExecutionData[], { itemData }: { itemData: { item: number } }) {
			return inputData.map(({ json, ...rest }) => ({ json, pairedItem: itemData, ...rest }));
		},
	};
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

export function executeContext(nodeType: INodeType, options: HarnessOptions): IExecuteFunctions {
	const node = makeNode(nodeType, options.parameters, options.typeVersion);
	const get = parameterGetter(nodeType, node);
	const context = {
		getNode: () => node,
		getInputData: () => options.items ?? [{ json: {} }],
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) =>
			get(name, fallback, opts),
		getCredentials: async (type: string) => {
			if (type !== 'simApi') throw new Error(`Node does not have credentials of type "${type}"`);
			return { ...options.credentials };
		},
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.cancelSignal,
		getMode: () => 'manual' as WorkflowExecuteMode,
		logger: silentLogger,
		helpers: undefined as unknown,
	};
	context.helpers = helpers(node, options);
	return context as unknown as IExecuteFunctions;
}

export function pollContext(
	nodeType: INodeType,
	options: HarnessOptions & { mode?: WorkflowExecuteMode; staticData?: IDataObject },
): IPollFunctions {
	const node = makeNode(nodeType, options.parameters, options.typeVersion);
	const get = parameterGetter(nodeType, node);
	const staticData = options.staticData ?? {};
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown, opts?: { extractValue?: boolean }) =>
			get(name, fallback, opts),
		getCredentials: async () => ({ ...options.credentials }),
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('The Sim trigger keeps node static data');
			return staticData;
		},
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		logger: silentLogger,
		helpers: undefined as unknown,
	};
	context.helpers = helpers(node, options);
	return context as unknown as IPollFunctions;
}

export function loadOptionsContext(nodeType: INodeType, options: HarnessOptions): ILoadOptionsFunctions {
	const node = makeNode(nodeType, options.parameters, options.typeVersion);
	const get = parameterGetter(nodeType, node);
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown, opts?: { extractValue?: boolean }) =>
			get(name, fallback, opts),
		getCurrentNodeParameter: (name: string) => get(name, undefined),
		getCredentials: async () => ({ ...options.credentials }),
		logger: silentLogger,
		helpers: undefined as unknown,
	};
	context.helpers = helpers(node, options);
	return context as unknown as ILoadOptionsFunctions;
}

/** Runs the node's `execute` like n8n does for one run of the node. */
export async function runNode(nodeType: INodeType, options: HarnessOptions): Promise<INodeExecutionData[]> {
	const context = executeContext(nodeType, options);
	const output = await nodeType.execute!.call(context);
	return (output as INodeExecutionData[][])[0] ?? [];
}

/** Runs the trigger's `poll` like n8n's poll loop does (static data kept by the caller between polls). */
export async function runPoll(
	nodeType: INodeType,
	options: HarnessOptions & { mode?: WorkflowExecuteMode; staticData?: IDataObject },
): Promise<INodeExecutionData[] | null> {
	const result = await nodeType.poll!.call(pollContext(nodeType, options));
	return result === null ? null : (result[0] ?? []);
}
