import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collect, compact, readLimit } from '../../helpers/list';
import type { SimRun } from '../../types';
import { returnAllAndLimit } from '../common';
import { isoDate } from '../log/getMany.operation';

export const description: INodeProperties[] = [
	...returnAllAndLimit('auditLog', 'getMany', 100),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: { resource: ['auditLog'], operation: ['getMany'] } },
		options: [
			{
				displayName: 'Action',
				name: 'action',
				type: 'string',
				default: '',
				placeholder: 'e.g. workflow.deployed',
				description: 'Only entries of this action type',
			},
			{
				displayName: 'Actor ID',
				name: 'actorId',
				type: 'string',
				default: '',
				description: 'Only entries of actions by this user (a member of your organization)',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only entries at or before this time',
			},
			{
				displayName: 'Include Departed Members',
				name: 'includeDeparted',
				type: 'boolean',
				default: false,
				description: 'Whether to include entries of users who have left the organization',
			},
			{
				displayName: 'Resource ID',
				name: 'resourceId',
				type: 'string',
				default: '',
				description: 'Only entries about this resource',
			},
			{
				displayName: 'Resource Type',
				name: 'resourceType',
				type: 'string',
				default: '',
				placeholder: 'e.g. workflow',
				description: 'Only entries about this kind of resource',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only entries at or after this time',
			},
			{
				displayName: 'Workspace ID',
				name: 'workspaceId',
				type: 'string',
				default: '',
				description: 'Only entries of this workspace (all workspaces of the organization when empty)',
			},
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, signal }: SimRun,
): Promise<IDataObject[]> {
	const filters = compact(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const { limit, pageSize } = readLimit.call(this, itemIndex, 100);
	const query: Record<string, string | number | boolean> = { limit: pageSize };
	for (const key of ['action', 'actorId', 'resourceId', 'resourceType', 'workspaceId'] as const) {
		if (typeof filters[key] === 'string') query[key] = (filters[key] as string).trim();
	}
	const startDate = isoDate(filters.startDate);
	if (startDate) query.startDate = startDate;
	const endDate = isoDate(filters.endDate);
	if (endDate) query.endDate = endDate;
	if (filters.includeDeparted === true) query.includeDeparted = true;
	return await collect(client.iterateAuditLogs({ ...query, signal }), limit);
}
