import type { INodeProperties } from 'n8n-workflow';

/** A Sim editor URL: `https://www.sim.ai/workspace/{workspaceId}/w/{workflowId}`. */
export const WORKFLOW_URL_REGEX = 'https?://[^/]+(?:/[^/]+)*/workspace/[^/]+/w/([^/?#]+)';

/** The workflow picker: a searchable list of the workspace's workflows, a Sim editor URL, or an ID. */
export function workflowLocator(operations: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Workflow',
		name: 'workflowId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The Sim workflow',
		displayOptions: { show: operations },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a workflow...',
				typeOptions: {
					searchListMethod: 'searchWorkflows',
					searchable: true,
				},
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://www.sim.ai/workspace/ws-id/w/workflow-id',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: WORKFLOW_URL_REGEX,
							errorMessage: 'Not a Sim workflow URL (…/workspace/{workspace}/w/{workflow})',
						},
					},
				],
				extractValue: { type: 'regex', regex: WORKFLOW_URL_REGEX },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 929e71a6-36bb-427a-a278-19ab9bd17345',
			},
		],
	};
}

/** Return All + Limit, shown for the given operations of a resource. */
export function returnAllAndLimit(resource: string, operation: string, max: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show: { resource: [resource], operation: [operation] } },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: max },
			description: 'Max number of results to return',
			displayOptions: { show: { resource: [resource], operation: [operation], returnAll: [false] } },
		},
	];
}

export const workspaceIdFilter: INodeProperties = {
	displayName: 'Workspace ID',
	name: 'workspaceId',
	type: 'string',
	default: '',
	description: 'The workspace to read from. Defaults to the Workspace ID of the Sim credential.',
};
