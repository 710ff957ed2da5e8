import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import type { WorkflowInputKind } from '@sim-integrations/core';

import { createSimClient, getSimCredentials } from '../transport/client';

/** The kinds of Sim input types (classified by the core) → n8n resource-mapper field types. */
const FIELD_TYPES: Record<WorkflowInputKind, FieldType> = {
	string: 'string',
	number: 'number',
	boolean: 'boolean',
	object: 'object',
	array: 'array',
	file: 'string',
};

/**
 * "Map Each Field": the selected workflow's input fields (its Start block), read through the core,
 * which understands both the real server's `inputs` array and the spec's `inputs.fields` map.
 */
export async function getWorkflowInputs(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const workflowId = this.getNodeParameter('workflowId', undefined, { extractValue: true }) as string;
	if (!workflowId) return { fields: [], emptyFieldsNotice: 'Select a workflow first.' };
	const client = createSimClient(this, await getSimCredentials(this));
	const inputs = await client.getWorkflowInputFields(workflowId);
	const fields: ResourceMapperField[] = inputs.map((input) => ({
		id: input.name,
		displayName: input.name,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: FIELD_TYPES[input.kind],
	}));
	return {
		fields,
		...(fields.length ? {} : { emptyFieldsNotice: 'This workflow has no input fields in its Start block.' }),
	};
}
