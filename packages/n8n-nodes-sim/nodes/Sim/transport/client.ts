import { SimClient, type Logger, type Sleep } from '@sim-integrations/core';
import { randomUUID } from 'crypto';
import type { IAllExecuteFunctions, ICredentialDataDecryptedObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

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
		baseUrl: typeof data.baseUrl === 'string' && data.baseUrl.trim() ? data.baseUrl.trim() : 'https://www.sim.ai',
		...(workspaceId ? { workspaceId } : {}),
	};
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
