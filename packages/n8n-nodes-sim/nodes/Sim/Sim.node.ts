import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { errorItemJson, toNodeError } from './helpers/errors';
import { searchWorkflows } from './listSearch/searchWorkflows';
import { getWorkflowInputs } from './methods/getWorkflowInputs';
import * as auditLog from './resources/auditLog';
import * as execution from './resources/execution';
import * as log from './resources/log';
import * as usage from './resources/usage';
import * as workflow from './resources/workflow';
import { executeMany, runsAtOnce } from './resources/workflow/executeMany';
import { createSimClient, getSimCredentials } from './transport/client';
import type { OperationHandler, SimRun } from './types';

const resources: Record<string, Record<string, OperationHandler>> = {
	workflow: workflow.operations,
	execution: execution.operations,
	log: log.operations,
	auditLog: auditLog.operations,
	usage: usage.operations,
};

export class Sim implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sim',
		name: 'sim',
		icon: { light: 'file:sim.svg', dark: 'file:sim.dark.svg' },
		group: ['transform'],
		// 1.1: Get Job Status and Wait for Job find a run by its execution ID by default (1: by its job ID)
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Run Sim AI workflows (sync, async or streamed), cancel runs, read logs and usage',
		defaults: { name: 'Sim' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'simApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Audit Log', value: 'auditLog' },
					{ name: 'Execution', value: 'execution' },
					{ name: 'Log', value: 'log' },
					{ name: 'Usage', value: 'usage' },
					{ name: 'Workflow', value: 'workflow' },
				],
				default: 'workflow',
			},
			...workflow.description,
			...execution.description,
			...log.description,
			...auditLog.description,
			...usage.description,
		],
	};

	methods = {
		listSearch: { searchWorkflows },
		resourceMapping: { getWorkflowInputs },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const returnData: INodeExecutionData[] = [];
		const credentials = await getSimCredentials(this);
		const run: SimRun = {
			client: createSimClient(this, credentials),
			credentials,
			signal: this.getExecutionCancelSignal?.(),
		};

		// Workflow → Execute with "Runs at Once" above 1 runs the items through the core's runMany.
		const concurrency = runsAtOnce.call(this, items.length);
		const batch = concurrency > 1 ? await executeMany.call(this, items, run, concurrency) : null;
		if (batch) return [batch];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const resource = this.getNodeParameter('resource', itemIndex) as string;
				const operation = this.getNodeParameter('operation', itemIndex) as string;
				const handler = resources[resource]?.[operation];
				if (!handler) {
					throw new NodeOperationError(
						this.getNode(),
						`The operation "${operation}" of the resource "${resource}" is not supported`,
						{ itemIndex },
					);
				}
				const result = await handler.call(this, itemIndex, run);
				returnData.push(
					...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(result), {
						itemData: { item: itemIndex },
					}),
				);
			} catch (error) {
				const nodeError = toNodeError(this.getNode(), error, itemIndex);
				if (this.continueOnFail()) {
					returnData.push({ json: errorItemJson(nodeError), pairedItem: { item: itemIndex } });
					continue;
				}
				throw nodeError;
			}
		}
		return [returnData];
	}
}
