import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../Sim/helpers/errors';
import { TRIGGER_OPTIONS } from '../Sim/resources/log/getMany.operation';
import { createSimClient, getSimCredentials } from '../Sim/transport/client';
import { DEFAULT_LOOKBACK_MINUTES, pollNewLogs, type PollFilters, type PollState } from './poll';

export class SimTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sim Trigger',
		name: 'simTrigger',
		icon: { light: 'file:sim.svg', dark: 'file:sim.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"New execution log"}}',
		// n8n's node creator merges a trigger into its app's entry ("Sim") and shows the trigger's
		// description for the whole app (generateMergedNodesAndActions in n8n's editor), so this
		// text describes both the actions and the trigger.
		description: 'Run Sim AI workflows and manage their runs, or start a workflow when a Sim run finishes',
		defaults: { name: 'Sim Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newExecutionLog',
				options: [
					{
						name: 'New Execution Log',
						value: 'newExecutionLog',
						description: 'A Sim workflow run finished and wrote its execution log',
					},
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Level',
						name: 'level',
						type: 'options',
						default: 'error',
						options: [
							{ name: 'Error', value: 'error', description: 'Only failed runs' },
							{ name: 'Info', value: 'info', description: 'Only successful runs' },
						],
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
						displayName: 'Workflow Names or IDs',
						name: 'workflowIds',
						type: 'multiOptions',
						default: [],
						typeOptions: { loadOptionsMethod: 'getWorkflows' },
						description:
							'Only runs of these workflows. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Workspace ID',
						name: 'workspaceId',
						type: 'string',
						default: '',
						description: 'The workspace to watch. Defaults to the Workspace ID of the Sim credential.',
					},
				],
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Lookback (Minutes)',
						name: 'lookbackMinutes',
						type: 'number',
						default: DEFAULT_LOOKBACK_MINUTES,
						typeOptions: { minValue: 0 },
						description:
							'A run is logged when it finishes, under the time it started. Each poll reads this far back to catch runs that finished after newer ones; runs longer than this can still be missed.',
					},
				],
			},
		],
	};

	methods = {
		loadOptions: {
			async getWorkflows(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const credentials = await getSimCredentials(this);
				const filters = this.getNodeParameter('filters', {}) as IDataObject;
				const workspaceId = String(filters.workspaceId ?? '').trim() || credentials.workspaceId;
				if (!workspaceId) {
					throw new NodeOperationError(this.getNode(), 'Set a Workspace ID in the Sim credential to list workflows');
				}
				const client = createSimClient(this, credentials);
				const options: INodePropertyOptions[] = [];
				for await (const workflow of client.iterateWorkflows({ workspaceId, limit: 100 })) {
					if (!workflow.id) continue;
					options.push({ name: workflow.name || workflow.id, value: workflow.id });
					if (options.length >= 1000) break;
				}
				return options.sort((a, b) => a.name.localeCompare(b.name));
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const credentials = await getSimCredentials(this);
		const raw = this.getNodeParameter('filters', {}) as IDataObject;
		const workspaceId = String(raw.workspaceId ?? '').trim() || credentials.workspaceId;
		if (!workspaceId) {
			throw new NodeOperationError(this.getNode(), 'No Sim workspace ID set', {
				description: 'Set the Workspace ID in the Sim credential, or in this node under Filters → Workspace ID.',
			});
		}
		const filters: PollFilters = {
			workspaceId,
			workflowIds: Array.isArray(raw.workflowIds) ? (raw.workflowIds as string[]) : [],
			triggers: Array.isArray(raw.triggers) ? (raw.triggers as string[]) : [],
			...(raw.level === 'info' || raw.level === 'error' ? { level: raw.level } : {}),
		};
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const lookback = Number(options.lookbackMinutes ?? DEFAULT_LOOKBACK_MINUTES);
		const lookbackMinutes = Number.isFinite(lookback) && lookback >= 0 ? lookback : DEFAULT_LOOKBACK_MINUTES;
		const client = createSimClient(this, credentials);
		const state = this.getWorkflowStaticData('node') as PollState;
		try {
			const logs = await pollNewLogs(client, state, filters, this.getMode() === 'manual', lookbackMinutes);
			if (!logs.length) return null;
			return [this.helpers.returnJsonArray(logs as unknown as IDataObject[])];
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0);
		}
	}
}
