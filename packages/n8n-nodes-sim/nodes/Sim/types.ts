import type { SimClient } from '@sim-integrations/core';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What the `simApi` credential holds. */
export interface SimCredentials {
	apiKey: string;
	baseUrl: string;
	workspaceId?: string;
}

/** Shared by every operation of one node execution. */
export interface SimRun {
	client: SimClient;
	credentials: SimCredentials;
	/** n8n's execution cancel signal: aborts when the user stops the execution. */
	signal: AbortSignal | undefined;
}

/** One operation: reads its parameters for `itemIndex` and returns the output item(s) as JSON. */
export type OperationHandler = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: SimRun,
) => Promise<IDataObject | IDataObject[]>;
