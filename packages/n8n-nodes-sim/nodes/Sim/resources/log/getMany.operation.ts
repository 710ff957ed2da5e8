import type { QueryLogsParams } from '@sim-integrations/core';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collect, compact, readLimit, workspaceIdFor } from '../../helpers/list';
import type { SimRun } from '../../types';
import { returnAllAndLimit, workspaceIdFilter } from '../common';

export const TRIGGER_OPTIONS = [
	{ name: 'API', value: 'api' },
	{ name: 'Chat', value: 'chat' },
	{ name: 'Manual', value: 'manual' },
	{ name: 'Schedule', value: 'schedule' },
	{ name: 'Webhook', value: 'webhook' },
];

export const description: INodeProperties[] = [
	...returnAllAndLimit('log', 'getMany', 1000),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['log'], operation: ['getMany'] } },
		options: [
			{
				displayName: 'Details',
				name: 'details',
				type: 'options',
				default: 'basic',
				options: [
					{ name: 'Basic', value: 'basic', description: 'Summary fields only' },
					{ name: 'Full', value: 'full', description: 'Adds the workflow and execution data' },
				],
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only logs of runs started at or before this time',
			},
			{
				displayName: 'Execution ID',
				name: 'executionId',
				type: 'string',
				default: '',
				description: 'Only the log of this execution',
			},
			{
				displayName: 'Folder IDs',
				name: 'folderIds',
				type: 'string',
				default: '',
				description: 'Comma-separated folder IDs: only logs of the workflows in these folders',
			},
			{
				displayName: 'Include Final Output',
				name: 'includeFinalOutput',
				type: 'boolean',
				default: false,
				description: "Whether to include each run's final output",
			},
			{
				displayName: 'Include Trace Spans',
				name: 'includeTraceSpans',
				type: 'boolean',
				default: false,
				description: 'Whether to include the block-by-block trace spans',
			},
			{
				displayName: 'Level',
				name: 'level',
				type: 'options',
				default: 'info',
				options: [
					{ name: 'Error', value: 'error', description: 'Failed runs' },
					{ name: 'Info', value: 'info', description: 'Successful runs' },
				],
			},
			{
				displayName: 'Max Cost',
				name: 'maxCost',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 4 },
				description: 'Only runs that cost at most this much (USD)',
			},
			{
				displayName: 'Max Duration (Ms)',
				name: 'maxDurationMs',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Only runs that took at most this many milliseconds',
			},
			{
				displayName: 'Min Cost',
				name: 'minCost',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 4 },
				description: 'Only runs that cost at least this much (USD)',
			},
			{
				displayName: 'Min Duration (Ms)',
				name: 'minDurationMs',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0 },
				description: 'Only runs that took at least this many milliseconds',
			},
			{
				displayName: 'Model',
				name: 'model',
				type: 'string',
				default: '',
				placeholder: 'e.g. gpt-4o',
				description: 'Only runs that used this AI model',
			},
			{
				displayName: 'Order',
				name: 'order',
				type: 'options',
				default: 'desc',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only logs of runs started at or after this time',
			},
			{
				displayName: 'Trigger Types',
				name: 'triggers',
				type: 'multiOptions',
				default: [],
				options: TRIGGER_OPTIONS,
				description: 'Only runs started by these triggers',
			},
			{
				displayName: 'Workflow IDs',
				name: 'workflowIds',
				type: 'string',
				default: '',
				description: 'Comma-separated workflow IDs: only logs of these workflows',
			},
			workspaceIdFilter,
		],
	},
];

/** Turns a date parameter (ISO text, or a Luxon DateTime from an expression) into ISO 8601. */
export function isoDate(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const date = new Date(typeof value === 'string' ? value : String(value));
	return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

function commaList(value: unknown): string | undefined {
	const list = (Array.isArray(value) ? value : String(value ?? '').split(','))
		.map((s) => String(s).trim())
		.filter((s) => s !== '');
	return list.length ? list.join(',') : undefined;
}

/** The query of a logs listing from the node's filters (empty and zero bounds dropped). */
export function logQuery(filters: IDataObject, workspaceId: string): QueryLogsParams {
	const query: QueryLogsParams & Record<string, string | number | boolean> = { workspaceId };
	const workflowIds = commaList(filters.workflowIds);
	if (workflowIds) query.workflowIds = workflowIds;
	const folderIds = commaList(filters.folderIds);
	if (folderIds) query.folderIds = folderIds;
	const triggers = commaList(filters.triggers);
	if (triggers) query.triggers = triggers;
	for (const key of ['level', 'executionId', 'model', 'details', 'order'] as const) {
		if (typeof filters[key] === 'string' && filters[key]) query[key] = filters[key] as string;
	}
	const startDate = isoDate(filters.startDate);
	if (startDate) query.startDate = startDate;
	const endDate = isoDate(filters.endDate);
	if (endDate) query.endDate = endDate;
	for (const key of ['minDurationMs', 'maxDurationMs', 'minCost', 'maxCost'] as const) {
		const value = Number(filters[key]);
		if (filters[key] !== undefined && Number.isFinite(value) && value > 0) query[key] = value;
	}
	if (filters.includeFinalOutput === true) query.includeFinalOutput = true;
	if (filters.includeTraceSpans === true) query.includeTraceSpans = true;
	return query;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, credentials, signal }: SimRun,
): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const workspaceId = workspaceIdFor.call(this, itemIndex, filters.workspaceId, credentials);
	const { limit, pageSize } = readLimit.call(this, itemIndex, 100);
	const query = { ...logQuery(filters, workspaceId), limit: pageSize };
	return await collect(client.iterateLogs({ ...query, signal }), limit);
}
