import {
	DEFAULT_BASE_URL,
	SimClient,
	SimValidationError,
	normalizeBaseUrl,
	type Logger,
	type Sleep,
} from '@sim-integrations/core';
import { randomUUID } from 'crypto';
import type { IAllExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { SimCredentials } from '../types';
import { CREDENTIAL_NAME, createN8nTransport } from './n8nTransport';
import { createSleep, type HostSleep } from './sleep';

/** The n8n contexts the Sim nodes run in (execute, poll, load options all have these). */
export type SimContext = Pick<IAllExecuteFunctions, 'helpers' | 'getCredentials' | 'getNode' | 'logger'>;

/**
 * The core's sleep port on the host n8n's `sleep`, abortable on n8n 1.x and 2.x alike (see sleep.ts).
 * The typings of n8n-workflow 1.x declare `sleep(ms)` only; 2.34+ also takes the signal.
 */
const n8nSleep: Sleep = createSleep(sleep as HostSleep);

export async function getSimCredentials(context: SimContext): Promise<SimCredentials> {
	const data: ICredentialDataDecryptedObject = await context.getCredentials(CREDENTIAL_NAME);
	const workspaceId = typeof data.workspaceId === 'string' ? data.workspaceId.trim() : '';
	return {
		apiKey: typeof data.apiKey === 'string' ? data.apiKey : '',
		baseUrl: baseUrlOf(context, data.baseUrl),
		...(workspaceId ? { workspaceId } : {}),
	};
}

/**
 * The credential's Base URL (default https://www.sim.ai), checked and normalised by the core (http(s) only, no
 * credentials or query, no trailing slash); a bad one is reported as a problem of the credential.
 */
function baseUrlOf(context: SimContext, raw: unknown): string {
	try {
		return normalizeBaseUrl(typeof raw === 'string' ? raw : undefined);
	} catch (error) {
		// the core's SimValidationError, in the credential's words
		const why = error instanceof SimValidationError ? error.message : String(error);
		throw new NodeOperationError(context.getNode(), 'The Base URL of the Sim credential is not valid', {
			description: `${why} Open the Sim credential and enter your Sim address, e.g. ${DEFAULT_BASE_URL} (or your self-hosted server's).`,
		});
	}
}

/**
 * A core client whose I/O goes through n8n: requests via `httpRequestWithAuthentication` (the
 * credential adds the API key header), waits via n8n's `sleep` (abortable), debug logs to n8n's logger.
 * The core gets the key only to validate it and to redact it from error messages.
 */
export function createSimClient(context: SimContext, credentials: SimCredentials): SimClient {
	const logger: Logger = {
		debug: (message, meta) => context.logger?.debug(message, meta),
	};
	return new SimClient({
		apiKey: credentials.apiKey,
		baseUrl: credentials.baseUrl,
		transport: createN8nTransport(context),
		sleep: n8nSleep,
		randomUUID,
		logger,
	});
}
